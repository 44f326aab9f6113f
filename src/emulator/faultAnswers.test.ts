// Faults around the real answer, as the real SDK and a raw HTTP client meet them: latency and slow-body answer
// normally but later; truncate spends the token, then cuts the answer.
import { afterEach, describe, expect, it } from 'vitest';
import { get } from 'node:http';
import { GetLatestConfigurationCommand } from '@aws-sdk/client-appconfigdata';
import type { TestEmulator } from './test/support.js';
import {
  addFault,
  CONTENT,
  failure,
  faultApi,
  faultEmulator,
  oneShot,
  polls,
  recordWhere,
  startSession,
  text,
} from './test/faults.js';

let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('faults around the real answer', () => {
  it('truncate spends the token, announces the full length and cuts the body: an SDK error', async () => {
    t = await faultEmulator({ faults: ['GetLatestConfiguration:truncate'] });
    const client = oneShot(t.emulator.url);
    let token = '';
    try {
      token = await startSession(client);
      const e = await failure(
        client.send(new GetLatestConfigurationCommand({ ConfigurationToken: token })),
      );
      expect(e).toMatchObject({ code: 'ECONNRESET' });
      expect(e.message).toMatch(/^aborted\s+Deserialization error/);
      expect(e.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    } finally {
      client.destroy();
    }
    const [cut] = polls(t.emulator.context.observations);
    expect(cut).toMatchObject({
      status: 200,
      byteSize: CONTENT.length,
      tokenOut: expect.any(String),
      facts: { fault: { effect: 'truncate', executed: true } },
    });
    // The token was spent by the cut answer: a fresh call with it is a replay.
    await faultApi(t.emulator.url, 'DELETE');
    await t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
    expect(polls(t.emulator.context.observations)[1]!.facts).toMatchObject({ replay: true });
  });

  it('the SDK retries a truncated answer with the spent token, and that retry is not a replay', async () => {
    t = await faultEmulator({ faults: ['GetLatestConfiguration:truncate,count=1'] });
    const token = await startSession(t.data);
    const out = await t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
    expect(out.$metadata.attempts).toBe(2);
    expect(text(out.Configuration)).toBe(CONTENT);
    const [cut, retried] = polls(t.emulator.context.observations);
    expect(cut!.facts).toMatchObject({ fault: { executed: true }, replay: false });
    expect(retried).toMatchObject({
      invocationId: cut!.invocationId,
      tokenIn: token,
      facts: { retry: true, replay: false, fault: null },
    });
  });

  it('truncate on an empty (unchanged) body cuts the headers instead', async () => {
    t = await faultEmulator();
    const client = oneShot(t.emulator.url);
    try {
      const first = await client.send(
        new GetLatestConfigurationCommand({ ConfigurationToken: await startSession(client) }),
      );
      await addFault(t.emulator.url, 'GetLatestConfiguration:truncate');
      await failure(
        client.send(
          new GetLatestConfigurationCommand({
            ConfigurationToken: first.NextPollConfigurationToken,
          }),
        ),
      );
    } finally {
      client.destroy();
    }
    expect(polls(t.emulator.context.observations)[1]).toMatchObject({
      status: 200,
      byteSize: 0,
      facts: { unchanged: true, fault: { effect: 'truncate', executed: true } },
    });
  });

  it('latency delays the real answer by at least the delay, and the record spans it', async () => {
    t = await faultEmulator({ faults: ['GetLatestConfiguration:latency=300'] });
    const token = await startSession(t.data);
    const t0 = performance.now();
    const out = await t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(295);
    expect(text(out.Configuration)).toBe(CONTENT);
    const [record] = polls(t.emulator.context.observations);
    expect(Date.parse(record!.answeredAt) - Date.parse(record!.receivedAt)).toBeGreaterThanOrEqual(
      295,
    );
    expect(record!.facts.fault).toEqual({ id: 1, effect: 'latency=300', executed: true });
  });

  it('a client that gives up during latency leaves one unexecuted record and an unspent token', async () => {
    t = await faultEmulator({ faults: ['GetLatestConfiguration:latency=5000,count=1'] });
    const token = await startSession(t.data);
    const e = await failure(
      t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }), {
        abortSignal: AbortSignal.timeout(200),
      }),
    );
    expect(e.name).toMatch(/AbortError|TimeoutError/);
    const left = await recordWhere(t.emulator.context.observations, (r) => r.kind === 'poll');
    expect(left).toMatchObject({
      status: 0,
      tokenOut: null,
      facts: { fault: { effect: 'latency=5000', executed: false } },
    });
    await t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
    expect(polls(t.emulator.context.observations)[1]!.facts).toMatchObject({
      replay: false,
      fault: null,
    });
  });

  it('slow-body dribbles the whole real body over the given time', async () => {
    t = await faultEmulator({ faults: ['GetLatestConfiguration:slow-body=400'] });
    const token = await startSession(t.data);
    const t0 = performance.now();
    const out = await t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(395);
    expect(text(out.Configuration)).toBe(CONTENT);
    expect(out.VersionLabel).toBe('v1');
    expect(polls(t.emulator.context.observations)[0]!.facts.fault).toEqual({
      id: 1,
      effect: 'slow-body=400',
      executed: true,
    });
  });

  it('slow-body sends the headers first, then the body in pieces spread over the time', async () => {
    t = await faultEmulator({ faults: ['GetLatestConfiguration:slow-body=400'] });
    const token = await startSession(t.data);
    const url = `${t.emulator.url}/configuration?configuration_token=${encodeURIComponent(token)}`;
    const { length, arrivals } = await new Promise<{ length?: string; arrivals: number[] }>(
      (resolve, reject) => {
        const req = get(url, { timeout: 5_000 }, (res) => {
          const times: number[] = [];
          res.on('data', () => times.push(performance.now()));
          res.on('end', () => resolve({ length: res.headers['content-length'], arrivals: times }));
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
        req.on('error', reject);
      },
    );
    expect(length).toBe(String(CONTENT.length));
    expect(arrivals.length).toBeGreaterThanOrEqual(2);
    // Pieces are written 40 ms apart; the first and last cannot arrive closer than the 360 ms between them.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(355);
  });
});
