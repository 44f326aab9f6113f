// Test-only: a real loopback HTTP proxy in front of the emulator that can hold requests, so a test decides
// when (or whether) an endpoint answers. `hold()` makes every new request wait; `release()` forwards the
// waiting ones, `drop()` cuts them unanswered; any still held are cut on close(). Used by the service's race and hang tests.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GateProxy {
  url: string;
  /** Requests that reached the proxy, in arrival order (method and path). */
  seen: string[];
  hold(): void;
  release(): void;
  /** Stops holding and cuts the waiting requests without forwarding them (an endpoint that died). */
  drop(): void;
  /** Resolves once `n` requests are waiting at the gate. */
  waiting(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function startGateProxy(target: string): Promise<GateProxy> {
  const held: { go: () => void; cut: () => void }[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let holding = false;
  const seen: string[] = [];
  const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const out = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    out.end(body);
  };
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const go = () => forward(req, res, Buffer.concat(chunks));
      if (!holding) return go();
      held.push({ go, cut: () => res.destroy() });
      for (const w of [...waiters])
        if (held.length >= w.n) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const h of held.splice(0)) h.go();
    },
    drop: () => {
      holding = false;
      for (const h of held.splice(0)) h.cut();
    },
    waiting: (n) =>
      held.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
