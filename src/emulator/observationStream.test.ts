import { afterEach, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StartConfigurationSessionCommand } from '@aws-sdk/client-appconfigdata';
import type { ObservationRecord } from './observations.js';
import { observationRoutes } from './observationRoutes.js';
import { createRequestListener } from './router.js';
import { accessPolicy } from './access.js';
import { startTestEmulator, type TestEmulator } from './test/support.js';
import { seedFixture } from './test/dataPlaneFixture.js';

let t: TestEmulator | undefined;
let extra: Server | undefined;
afterEach(async () => {
  extra?.closeAllConnections();
  await new Promise((resolve) => (extra ? extra.close(resolve) : resolve(undefined)));
  await t?.close();
  t = undefined;
  extra = undefined;
});

interface SseEvent {
  id?: string;
  data?: string;
  comment?: string;
}

/** Minimal SSE parser over a fetch body: `next()` resolves with the next event, or undefined at end. */
function sse(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    cancel: () => reader.cancel(),
    async next(): Promise<SseEvent | undefined> {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) event.comment = line.slice(1).trim();
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('data: ')) event.data = line.slice(6);
          }
          return event;
        }
        const { done, value } = await reader.read();
        if (done) return undefined;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    async nextRecord(): Promise<ObservationRecord> {
      for (;;) {
        const event = await this.next();
        if (!event) throw new Error('stream ended');
        if (event.data) {
          const record = JSON.parse(event.data) as ObservationRecord;
          expect(event.id).toBe(String(record.seq));
          return record;
        }
      }
    },
  };
}

async function setup() {
  t = await startTestEmulator();
  seedFixture(t.emulator.context.store);
}

const start = () =>
  t!.data.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: 'MyMobileApp',
      EnvironmentIdentifier: 'Prod',
      ConfigurationProfileIdentifier: 'Settings',
    }),
  );

it('streams the backlog after the cursor, then live records, as id/data events', async () => {
  await setup();
  for (let i = 0; i < 3; i++) await start();
  const res = await fetch(`${t!.emulator.url}/__emulator/observations/stream?after=1`, {
    headers: { 'X-Emulator-Secret': t!.emulator.observerSecret },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const stream = sse(res);
  expect((await stream.nextRecord()).seq).toBe(2);
  expect((await stream.nextRecord()).seq).toBe(3);
  const { InitialConfigurationToken } = await start();
  const live = await stream.nextRecord();
  expect(live).toMatchObject({ seq: 4, kind: 'startSession', tokenOut: InitialConfigurationToken });
  await stream.cancel();
});

it('resumes from Last-Event-ID over the URL cursor, and refuses a malformed one', async () => {
  await setup();
  for (let i = 0; i < 3; i++) await start();
  const res = await fetch(`${t!.emulator.url}/__emulator/observations/stream?after=0`, {
    headers: { 'Last-Event-ID': '2' },
  });
  const stream = sse(res);
  expect((await stream.nextRecord()).seq).toBe(3);
  await stream.cancel();
  const bad = await fetch(`${t!.emulator.url}/__emulator/observations/stream`, {
    headers: { 'Last-Event-ID': 'x' },
  });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { Message: string }).Message).toBe(
    'Last-Event-ID must be an integer from 0 to 9007199254740991, got "x".',
  );
});

it('ends open streams on shutdown so close() does not hang', async () => {
  await setup();
  const res = await fetch(`${t!.emulator.url}/__emulator/observations/stream`);
  const stream = sse(res);
  expect((await stream.next())?.comment).toBe('connected');
  const closing = t!.close();
  t = undefined;
  expect(await stream.next()).toBeUndefined();
  await closing;
});

it('sends heartbeat comments on an idle stream and stops them when the client leaves', async () => {
  await setup();
  const context = t!.emulator.context;
  const access = accessPolicy({ host: '127.0.0.1', allowedHosts: [], corsOrigins: [] });
  extra = createServer(
    createRequestListener(observationRoutes(context, { heartbeatMs: 20 }), access),
  );
  await new Promise<void>((resolve) => extra!.listen(0, '127.0.0.1', resolve));
  const res = await fetch(
    `http://127.0.0.1:${(extra.address() as AddressInfo).port}/__emulator/observations/stream`,
  );
  const stream = sse(res);
  expect((await stream.next())?.comment).toBe('connected');
  expect((await stream.next())?.comment).toBe('heartbeat');
  expect((await stream.next())?.comment).toBe('heartbeat');
  await stream.cancel();
  // The server sees the disconnect and unsubscribes: later appends reach no stream.
  await expect.poll(() => context.observations.subscriberCount).toBe(0);
});

it('delivers a large backlog in order through write backpressure', async () => {
  await setup();
  const log = t!.emulator.context.observations;
  for (let i = 0; i < 2000; i++) {
    log.append({ kind: 'poll', tokenIn: 'x'.repeat(1000), status: 200 } as unknown as Parameters<
      typeof log.append
    >[0]);
  }
  const res = await fetch(`${t!.emulator.url}/__emulator/observations/stream`);
  const stream = sse(res);
  for (let seq = 1; seq <= 2000; seq++) expect((await stream.nextRecord()).seq).toBe(seq);
  await stream.cancel();
});
