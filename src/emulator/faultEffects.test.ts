// Faults that answer instead of the handler, as the real SDK meets them over HTTP, and what the observation log
// says: no token is spent, so an SDK retry is no replay. Also which requests faults apply to at all.
import { afterEach, describe, expect, it } from 'vitest';
import {
  GetLatestConfigurationCommand,
  InternalServerException,
  ThrottlingException,
} from '@aws-sdk/client-appconfigdata';
import { ListApplicationsCommand } from '@aws-sdk/client-appconfig';
import type { TestEmulator } from './test/support.js';
import {
  addFault,
  CONTENT,
  failure,
  faultApi,
  faultEmulator,
  oneShot,
  polls,
  startSession,
  text,
} from './test/faults.js';

let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('faults that answer instead of the handler', () => {
  it('an SDK retry turns GetLatestConfiguration:503,count=1 into a success; two records, no replay', async () => {
    t = await faultEmulator({ faults: ['GetLatestConfiguration:503,count=1'] });
    const token = await startSession(t.data);
    const out = await t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
    expect(out.$metadata.attempts).toBe(2);
    expect(text(out.Configuration)).toBe(CONTENT);

    const [faulted, retried, ...rest] = polls(t.emulator.context.observations);
    expect(rest).toEqual([]);
    expect(faulted).toMatchObject({
      status: 503,
      errorType: 'ServiceUnavailable',
      tokenIn: token,
      tokenSeq: 0,
      tokenOut: null,
      attempt: 1,
      facts: { fault: { id: 1, effect: '503', executed: false }, replay: false },
    });
    expect(faulted!.sessionId).toEqual(expect.any(String));
    expect(retried).toMatchObject({
      status: 200,
      attempt: 2,
      invocationId: faulted!.invocationId,
      sessionId: faulted!.sessionId,
      tokenIn: token,
      facts: { fault: null, retry: true, replay: false },
    });
    // The chain advanced once: the next token is position 1 and polls normally.
    const next = await t.data.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: out.NextPollConfigurationToken }),
    );
    expect(next.$metadata.attempts).toBe(1);
    expect(polls(t.emulator.context.observations).at(-1)).toMatchObject({
      tokenSeq: 1,
      status: 200,
    });
    expect((await faultApi(t.emulator.url, 'GET')).json.faults).toMatchObject([
      { id: 1, hits: 1, exhausted: true },
    ]);
    // What an outside observer reads: one record per HTTP request, the fault on the first.
    const page = (await (
      await fetch(`${t.emulator.url}/__emulator/observations`, {
        signal: AbortSignal.timeout(5_000),
      })
    ).json()) as { records: { kind: string; status: number; facts: { fault: unknown } }[] };
    expect(page.records.map((r) => [r.kind, r.status, r.facts.fault])).toEqual([
      ['startSession', 201, null],
      ['poll', 503, { id: 1, effect: '503', executed: false }],
      ['poll', 200, null],
      ['poll', 200, null],
    ]);
  });

  it('500 and 429 surface as the modelled SDK errors, and leave the token unspent', async () => {
    t = await faultEmulator();
    const client = oneShot(t.emulator.url);
    try {
      const token = await startSession(client);
      await addFault(t.emulator.url, 'GetLatestConfiguration:500');
      const e500 = await failure(
        client.send(new GetLatestConfigurationCommand({ ConfigurationToken: token })),
      );
      expect(e500).toBeInstanceOf(InternalServerException);
      expect(e500.$metadata).toMatchObject({ httpStatusCode: 500 });
      expect(e500.message).toContain('injected by the emulator: fault 1');

      await faultApi(t.emulator.url, 'DELETE');
      await addFault(t.emulator.url, 'GetLatestConfiguration:429');
      const e429 = await failure(
        client.send(new GetLatestConfigurationCommand({ ConfigurationToken: token })),
      );
      expect(e429).toBeInstanceOf(ThrottlingException);
      expect(e429.$metadata).toMatchObject({ httpStatusCode: 429 });

      await faultApi(t.emulator.url, 'DELETE');
      const ok = await client.send(
        new GetLatestConfigurationCommand({ ConfigurationToken: token }),
      );
      expect(text(ok.Configuration)).toBe(CONTENT);
    } finally {
      client.destroy();
    }
    expect(polls(t.emulator.context.observations).map((r) => [r.status, r.facts.replay])).toEqual([
      [500, false],
      [429, false],
      [200, false],
    ]);
  });

  it('a faulted StartConfigurationSession records the identifiers sent and starts no session', async () => {
    t = await faultEmulator({ faults: ['StartConfigurationSession:ServiceUnavailable'] });
    const client = oneShot(t.emulator.url);
    try {
      const e = await failure(startSession(client));
      expect(e.name).toBe('ServiceUnavailable');
      expect(e.$metadata).toMatchObject({ httpStatusCode: 503 });
    } finally {
      client.destroy();
    }
    const [record] = t.emulator.context.observations.list(0, 10).records;
    expect(record).toMatchObject({
      kind: 'startSession',
      status: 503,
      sessionId: null,
      tokenOut: null,
      identifiers: {
        application: 'MyMobileApp',
        environment: 'Prod',
        configurationProfile: 'Settings',
      },
      facts: { fault: { id: 1, effect: 'ServiceUnavailable', executed: false } },
    });
  });

  it('reset closes the connection without an answer: an SDK error, status 0, token unspent', async () => {
    t = await faultEmulator();
    const client = oneShot(t.emulator.url);
    try {
      const token = await startSession(client);
      await addFault(t.emulator.url, 'GetLatestConfiguration:reset,count=1');
      const e = await failure(
        client.send(new GetLatestConfigurationCommand({ ConfigurationToken: token })),
      );
      // The SDK files a connection reset under TimeoutError (retryable); no HTTP status ever arrived.
      expect(e).toMatchObject({
        name: 'TimeoutError',
        code: 'ECONNRESET',
        message: 'socket hang up',
      });
      expect(e.$metadata).toEqual({ attempts: 1, totalRetryDelay: 0 });
      const ok = await client.send(
        new GetLatestConfigurationCommand({ ConfigurationToken: token }),
      );
      expect(text(ok.Configuration)).toBe(CONTENT);
    } finally {
      client.destroy();
    }
    const [reset, ok] = polls(t.emulator.context.observations);
    expect(reset).toMatchObject({
      status: 0,
      tokenOut: null,
      message: expect.stringContaining('Connection reset without an answer'),
      facts: { fault: { effect: 'reset', executed: false } },
    });
    expect(ok).toMatchObject({ status: 200, facts: { replay: false, fault: null } });
  });
});

describe('which requests faults apply to', () => {
  it('control-plane operations by name, every AWS operation with *, never /__emulator/', async () => {
    t = await faultEmulator({ faults: ['ListApplications:500,count=1'] });
    const listed = await t.control.send(new ListApplicationsCommand({}));
    expect(listed.$metadata.attempts).toBe(2);
    expect(listed.Items?.map((a) => a.Name)).toEqual(['MyMobileApp']);

    await addFault(t.emulator.url, '*:reset');
    const client = oneShot(t.emulator.url);
    try {
      await failure(startSession(client));
    } finally {
      client.destroy();
    }
    const health = await fetch(`${t.emulator.url}/__emulator/health`, {
      signal: AbortSignal.timeout(5_000),
    });
    expect(health.status).toBe(200);
    expect((await faultApi(t.emulator.url, 'GET')).json.faults).toMatchObject([
      { id: 1, hits: 1 },
      { id: 2, spec: '*:reset,seed=0', hits: 1 },
    ]);
  });
});
