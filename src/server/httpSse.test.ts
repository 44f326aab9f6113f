// The browser transport (src/ui/transport/httpSse.ts) driven in Node against the real server: real fetch,
// and a real SSE stream read by a small spec-following EventSource (Node 20 has none). Node's fetch has no
// cookie jar, so the injected fetch adds the Bearer token the browser's cookie would carry.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState, InspectorClient } from '../protocol/client.js';
import { ProtocolError, type InspectorEvent } from '../protocol/messages.js';
import { createHttpSseClient } from '../ui/transport/httpSse.js';
import { NodeEventSource } from './testEventSource.js';
import { startTestServer, type TestServer } from './testSupport.js';

const withBearer =
  (token: string): typeof fetch =>
  (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: Parameters<typeof startTestServer>[0] = {}, token?: string) {
  const t = await startTestServer(options);
  cleanups.push(() => t.close());
  const client = connect(t, token ?? t.server.token);
  return { t, client };
}

function connect(
  t: TestServer,
  token: string,
  extra: { timeoutMs?: number; reconnectDelayMs?: () => number } = {},
): InspectorClient & { states: ConnectionState[] } {
  const client = createHttpSseClient(`${t.server.url}/`, {
    fetch: withBearer(token),
    EventSource: NodeEventSource.withToken(token),
    ...extra,
  });
  const states: ConnectionState[] = [];
  client.onConnection((state) => states.push(state));
  cleanups.push(() => client.close());
  return Object.assign(client, { states });
}

const startParams = {
  applicationIdentifier: 'app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'flags',
};

async function rejection(promise: Promise<unknown>): Promise<ProtocolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProtocolError);
  return error as ProtocolError;
}

describe('requests', () => {
  it('round-trips results', async () => {
    const { client } = await setup();
    await expect(client.request('hello', { protocolVersion: 1 })).resolves.toMatchObject({
      protocolVersion: 1,
      backend: { kind: 'emulator' },
    });
    const started = await client.request('startSession', startParams);
    await expect(client.request('listSessions', {})).resolves.toEqual([started]);
  });

  it('rejects with the server’s error envelope as a ProtocolError', async () => {
    const { client } = await setup();
    const missing = await rejection(client.request('getSession', { sessionId: 'nope' }));
    expect([missing.code, missing.message]).toEqual(['notFound', 'No session "nope".']);
    const bad = await rejection(
      client.request('startSession', { ...startParams, requiredMinimumPollIntervalInSeconds: 5 }),
    );
    expect([bad.code, bad.message]).toEqual([
      'invalidParams',
      '"requiredMinimumPollIntervalInSeconds" must be between 15 and 86400 (got 5).',
    ]);
  });

  it('keeps the AWS error name', async () => {
    const handler = {
      handle: () =>
        Promise.reject(new ProtocolError('awsError', 'Rate exceeded', 'ThrottlingException')),
      onEvent: () => () => undefined,
    };
    const { client } = await setup({ handler });
    const error = await rejection(client.request('pollNow', { sessionId: 's1' }));
    expect([error.code, error.awsErrorName, error.message]).toEqual([
      'awsError',
      'ThrottlingException',
      'Rate exceeded',
    ]);
  });

  it('turns a refused token into unavailable, naming the HTTP refusal', async () => {
    const { client } = await setup({}, 'not-the-server-token-0000');
    const error = await rejection(client.request('hello', { protocolVersion: 1 }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/inspector token.*\(HTTP 401 unauthorized\)/);
  });

  it('reports a non-JSON answer and an unreachable server as unavailable', async () => {
    // The inspector server answers JSON everywhere; a proxy in front of it may not.
    const proxy = createServer((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<h1>Bad Gateway</h1>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as AddressInfo;
    const viaProxy = createHttpSseClient(`http://127.0.0.1:${port}`, {
      fetch: withBearer('token'),
      EventSource: NodeEventSource.withToken('token'),
    });
    cleanups.push(() => viaProxy.close());
    const notJson = await rejection(viaProxy.request('hello', { protocolVersion: 1 }));
    expect([notJson.code, notJson.message]).toEqual([
      'unavailable',
      'The inspector server answered HTTP 502 without a JSON body.',
    ]);
    await new Promise((resolve) => proxy.close(resolve));
    proxy.closeAllConnections();
    const gone = await rejection(viaProxy.request('hello', { protocolVersion: 1 }));
    expect([gone.code, gone.message]).toEqual([
      'unavailable',
      expect.stringMatching(/^Cannot reach the inspector server/),
    ]);
  });

  it('settles a request the server never answers with a timeout', async () => {
    const handler = {
      handle: () => new Promise<never>(() => undefined),
      onEvent: () => () => undefined,
    };
    const t = (await setup({ handler })).t;
    const client = connect(t, t.server.token, { timeoutMs: 80 });
    const error = await rejection(client.request('listSessions', {}));
    expect([error.code, error.message]).toEqual([
      'timeout',
      'listSessions got no answer within 80 ms.',
    ]);
  });
});

describe('events and connection state', () => {
  it('goes connecting → open, then delivers pushed events until unsubscribed', async () => {
    const { client } = await setup();
    const events: InspectorEvent[] = [];
    const unsubscribe = client.onEvent((event) => events.push(event));
    await expect.poll(() => client.states).toEqual(['connecting', 'open']);
    const session = await client.request('startSession', startParams);
    await expect.poll(() => events).toEqual([{ type: 'sessionStarted', session }]);
    unsubscribe();
    const later: InspectorEvent[] = [];
    client.onEvent((event) => later.push(event));
    await client.request('stopSession', { sessionId: session.id });
    await expect.poll(() => later.map((e) => e.type)).toEqual(['sessionEnded']);
    expect(events).toHaveLength(1);
  });

  it('reports reconnected after the server comes back, so the UI refetches', async () => {
    const { t, client } = await setup();
    await expect.poll(() => client.states).toEqual(['connecting', 'open']);
    const { port, token } = t.server;
    await t.close();
    await expect.poll(() => client.states).toEqual(['connecting', 'open', 'connecting']);
    const again = await startTestServer({ port, token });
    cleanups.push(() => again.close());
    await expect
      .poll(() => client.states, { timeout: 8000 })
      .toEqual(['connecting', 'open', 'connecting', 'reconnected']);
    const late: ConnectionState[] = [];
    client.onConnection((state) => late.push(state));
    expect(late).toEqual(['open']);
    const events: InspectorEvent[] = [];
    client.onEvent((event) => events.push(event));
    await client.request('startSession', startParams);
    await expect.poll(() => events.map((e) => e.type)).toEqual(['sessionStarted']);
  });

  it('re-creates a stream the server refused, with the injected backoff', async () => {
    const t = (await setup()).t;
    const before = NodeEventSource.created.length;
    const client = connect(t, 'not-the-server-token-0000', { reconnectDelayMs: () => 20 });
    await expect.poll(() => NodeEventSource.created.length - before).toBeGreaterThanOrEqual(3);
    expect(client.states).toEqual(['connecting']);
    client.close();
    const count = NodeEventSource.created.length;
    // Proof that the closed client stopped: a second refused client with the same backoff re-creates its
    // stream three times, a window in which the first would have re-created its own at least twice.
    const Witness = NodeEventSource.withToken('not-the-server-token-0001');
    const witness = createHttpSseClient(`${t.server.url}/`, {
      fetch: withBearer('not-the-server-token-0001'),
      EventSource: Witness,
      reconnectDelayMs: () => 20,
    });
    cleanups.push(() => witness.close());
    const since = () => NodeEventSource.created.slice(count);
    await expect.poll(() => since().length).toBeGreaterThanOrEqual(3);
    witness.close();
    expect(since().every((source) => source instanceof Witness)).toBe(true);
  });

  it('close() ends the stream, fails pending and later requests, and reports closed', async () => {
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const handler = {
      handle: () => {
        arrived();
        return new Promise<never>(() => undefined);
      },
      onEvent: () => () => undefined,
    };
    const { client } = await setup({ handler });
    await expect.poll(() => client.states).toEqual(['connecting', 'open']);
    const source = NodeEventSource.created.at(-1)!;
    const pending = rejection(client.request('listSessions', {}));
    await reached; // the request is in flight at the server, not still queued in the client
    client.close();
    expect((await pending).code).toBe('unavailable');
    expect((await rejection(client.request('listSessions', {}))).message).toBe(
      'The connection was closed.',
    );
    expect(client.states).toEqual(['connecting', 'open', 'closed']);
    expect(source.readyState).toBe(NodeEventSource.CLOSED);
  });
});
