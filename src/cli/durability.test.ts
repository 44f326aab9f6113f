// Durability of the real `serve` process: SIGKILL it while a poll is on the wire, start it again on the same
// data directory, and every event the UI was pushed is still there and the session polls on with its chain.
// The emulator runs in this test process behind a gate proxy, so the kill lands while a call is held.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PollEvent } from '../core/ledger.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { InspectorEvent, SessionSnapshot } from '../protocol/messages.js';
import { startGateProxy, type GateProxy } from '../service/test/gateProxy.js';

let emulator: RunningEmulator;
let proxy: GateProxy;
let dataDir: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' });
  proxy = await startGateProxy(emulator.url);
  dataDir = mkdtempSync(join(tmpdir(), 'aci-durable-'));
});

afterEach(async () => {
  for (const c of children.splice(0))
    if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await proxy.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Serve {
  child: ChildProcess;
  base: string;
  token: string;
  call<T>(method: string, params: unknown): Promise<T>;
}

async function serve(): Promise<Serve> {
  const child = spawn(
    process.execPath,
    [
      'bin/appconfig-inspector.js',
      'serve',
      '--port',
      '0',
      '--no-open',
      '--data-dir',
      dataDir,
      '--endpoint',
      proxy.url,
      '--region',
      'us-east-1',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test' },
    },
  );
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const page = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve not ready in 30 s:\n${stderr}`)),
      30_000,
    );
    child.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const url = /AppConfig Inspector: (\S+)/.exec(line)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
  });
  const url = new URL(page);
  const token = url.searchParams.get('token')!;
  const base = url.origin;
  return {
    child,
    base,
    token,
    call: async <T>(method: string, params: unknown) => {
      const res = await fetch(`${base}/api/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(15_000),
      });
      const body = (await res.json()) as { result?: T; error?: { message: string } };
      if (!res.ok) throw new Error(`${method}: ${res.status} ${body.error?.message}`);
      return body.result as T;
    },
  };
}

/** Reads the server's SSE stream: every ledger event the UI would have been pushed. */
async function followEvents(s: Serve, into: PollEvent[]): Promise<void> {
  const res = await fetch(`${s.base}/api/events`, {
    headers: { authorization: `Bearer ${s.token}`, accept: 'text/event-stream' },
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(chunk)?.[1];
          if (!data) continue;
          const event = JSON.parse(data) as InspectorEvent;
          if ('event' in event) into.push(event.event);
        }
      }
    } catch {
      // The process was killed: the stream ends here.
    }
  })();
}

async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('serve survives SIGKILL', () => {
  it('keeps every event the UI was pushed and resumes the session on its chain after a restart', async () => {
    const first = await serve();
    const pushed: PollEvent[] = [];
    await followEvents(first, pushed);
    const started = await first.call<{ id: string }>('startSession', {
      applicationIdentifier: 'demo-app',
      environmentIdentifier: 'dev',
      configurationProfileIdentifier: 'app-config',
    });
    await waitFor(() => (pushed.some((e) => e.kind === 'poll') ? true : undefined), 'first poll');
    await first.call('pollNow', { sessionId: started.id });
    const heard = await waitFor(() => (pushed.length >= 3 ? pushed.length : undefined), 'pushes');
    proxy.hold();
    void first.call('pollNow', { sessionId: started.id }).catch(() => undefined);
    await proxy.waiting(1);
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    proxy.drop();
    expect(pushed.length).toBe(heard);

    const second = await serve();
    const snapshot = await second.call<SessionSnapshot>('getSession', { sessionId: started.id });
    expect(snapshot.events.slice(0, pushed.length)).toEqual(pushed);
    expect(snapshot.session.state).toBe('polling');
    expect(snapshot.session.nextPollAt).toBeGreaterThan(Date.now());
    const newest = pushed.at(-1)!;
    const next = await second.call<PollEvent>('pollNow', { sessionId: started.id });
    // The held call never reached the emulator, so the recorded newest token is still the chain's.
    expect(next).toMatchObject({ tokenIn: newest.tokenOut, outcome: { type: 'unchanged' } });
  });
});
