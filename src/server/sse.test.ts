// GET /api/events over real HTTP: the stream format, events triggered through the API, heartbeats,
// unsubscribe on disconnect, and every stream ending on close().
import { get, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { InspectorEvent } from '../protocol/messages.js';
import { formatEvent } from './sse.js';
import {
  bearer,
  createTestHandler,
  postJson,
  startTestServer,
  type TestServer,
} from './testSupport.js';

interface Stream {
  res: IncomingMessage;
  text: () => string;
  /** Resolves once the accumulated stream text matches. */
  until: (pattern: RegExp) => Promise<string>;
  ended: Promise<void>;
}

function openStream(t: TestServer): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = get(
      {
        host: '127.0.0.1',
        port: t.server.port,
        path: '/api/events',
        headers: bearer(t.server),
        agent: false,
      },
      (res) => {
        let text = '';
        const waiters: Array<() => void> = [];
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          waiters.splice(0).forEach((wake) => wake());
        });
        const ended = new Promise<void>((done) => res.on('close', done));
        const until = async (pattern: RegExp) => {
          while (!pattern.test(text)) await new Promise<void>((wake) => waiters.push(wake));
          return text;
        };
        resolve({ res, text: () => text, until, ended });
      },
    );
    req.on('error', reject);
  });
}

const dataLines = (text: string) =>
  text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice('data: '.length)) as InspectorEvent);

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('event stream', () => {
  it('opens as text/event-stream with a retry hint and delivers events the API triggers', async () => {
    const handler = createTestHandler();
    t = await startTestServer({ handler });
    const stream = await openStream(t);
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.res.headers['cache-control']).toBe('no-store');
    expect(stream.res.headers['content-security-policy']).toContain("default-src 'self'");
    await stream.until(/^retry: \d+\n/);

    const params = {
      applicationIdentifier: 'app',
      environmentIdentifier: 'dev',
      configurationProfileIdentifier: 'flags',
    };
    const started = await postJson(t.server, 'startSession', JSON.stringify(params));
    const session = (JSON.parse(started.body) as { result: { id: string } }).result;
    await postJson(t.server, 'stopSession', JSON.stringify({ sessionId: session.id }));
    const text = await stream.until(/sessionEnded/);

    const events = dataLines(text);
    expect(events.map((e) => e.type)).toEqual(['sessionStarted', 'sessionEnded']);
    expect(events[0]).toMatchObject({
      type: 'sessionStarted',
      session: { id: session.id, applicationIdentifier: 'app', state: 'polling' },
    });
    expect(events[1]).toMatchObject({
      type: 'sessionEnded',
      session: { id: session.id, state: 'stopped' },
    });
  });

  it('fans every event out to every open stream', async () => {
    t = await startTestServer();
    const [a, b] = await Promise.all([openStream(t), openStream(t)]);
    await postJson(
      t.server,
      'startSession',
      JSON.stringify({
        applicationIdentifier: 'a',
        environmentIdentifier: 'e',
        configurationProfileIdentifier: 'p',
      }),
    );
    for (const stream of [a, b])
      expect(dataLines(await stream.until(/sessionStarted/))).toHaveLength(1);
  });

  it('sends a comment heartbeat on the configured period', async () => {
    t = await startTestServer({ heartbeatMs: 30 });
    const stream = await openStream(t);
    const text = await stream.until(/(: heartbeat\n\n[^]*){2}/);
    expect(dataLines(text)).toEqual([]);
  });

  it('unsubscribes from the service when the browser disconnects', async () => {
    const handler = createTestHandler();
    t = await startTestServer({ handler });
    const stream = await openStream(t);
    await stream.until(/connected/);
    expect(handler.listenerCount()).toBe(1);
    stream.res.destroy();
    await expect.poll(() => handler.listenerCount()).toBe(0);
  });

  it('ends every stream on close() and unsubscribes them', async () => {
    const handler = createTestHandler();
    t = await startTestServer({ handler });
    const streams = await Promise.all([openStream(t), openStream(t)]);
    await Promise.all(streams.map((s) => s.until(/connected/)));
    await t.close();
    await Promise.all(streams.map((s) => s.ended));
    expect(handler.listenerCount()).toBe(0);
    expect(streams.every((s) => s.res.complete)).toBe(true);
  });
});

describe('formatEvent', () => {
  it('keeps an event with line breaks in its strings on one data line', () => {
    const frame = formatEvent({ type: 'sessionDeleted', sessionId: 'a\nb\r\nc' });
    expect(frame).toBe('data: {"type":"sessionDeleted","sessionId":"a\\nb\\r\\nc"}\n\n');
    expect(frame.trimEnd().split('\n')).toHaveLength(1);
  });
});
