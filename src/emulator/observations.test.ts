import { afterEach, describe, expect, it } from 'vitest';
import {
  BadRequestException,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import {
  ObservationLog,
  type ObservationInput,
  type ObservationPage,
  type ObservationRecord,
} from './observations.js';
import { startTestEmulator, type TestEmulator } from './test/support.js';
import { addVersion, deployNow, manualClock, seedFixture } from './test/dataPlaneFixture.js';

const blank = (kind: ObservationInput['kind'] = 'poll') =>
  ({ kind, status: 200, facts: { replay: false } }) as unknown as ObservationInput;

describe('ObservationLog', () => {
  it('keeps the newest `limit` records, counts evictions and pages with a cursor', () => {
    const log = new ObservationLog(3, manualClock());
    for (let i = 0; i < 5; i++) log.append(blank());
    const all = log.list(0, 100);
    expect(all.records.map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(all.evicted).toBe(2);
    expect(all.nextSeq).toBe(5);
    expect(log.list(3, 1)).toMatchObject({ records: [{ seq: 4 }], nextSeq: 4 });
    expect(log.list(5, 10)).toEqual({ records: [], nextSeq: 5, evicted: 2 });
  });

  it('with limit 0 keeps nothing but still numbers and counts', () => {
    const log = new ObservationLog(0, manualClock());
    expect(log.append(blank()).seq).toBe(1);
    expect(log.list(0, 10)).toEqual({ records: [], nextSeq: 0, evicted: 1 });
  });

  it('tells subscribers about appends and about close, including late subscribers', () => {
    const log = new ObservationLog(10, manualClock());
    const seen: number[] = [];
    let closed = 0;
    const unsubscribe = log.subscribe({
      appended: (r) => seen.push(r.seq),
      closed: () => closed++,
    });
    log.append(blank());
    unsubscribe();
    log.append(blank());
    log.subscribe({ appended: (r) => seen.push(r.seq * 10), closed: () => closed++ });
    log.close();
    log.subscribe({ appended: () => {}, closed: () => closed++ });
    expect(seen).toEqual([1]);
    expect(closed).toBe(2);
  });
});

let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup(limit = 10_000) {
  const clock = manualClock();
  t = await startTestEmulator({ clock, observationLimit: limit });
  const store = t.emulator.context.store;
  const fx = seedFixture(store);
  addVersion(store, fx.profile, '{"obs":true}', { label: 'obs-1' });
  deployNow(store, fx.envId, fx.profile, 1);
  return { t, clock, fx };
}

/** With the observer secret, so records carry the tokens themselves (observationAccess.test.ts: without). */
const getJson = async (path: string) => {
  const res = await fetch(`${t!.emulator.url}${path}`, {
    headers: { 'X-Emulator-Secret': t!.emulator.observerSecret },
  });
  return {
    status: res.status,
    type: res.headers.get('x-amzn-errortype'),
    body: (await res.json()) as Record<string, unknown>,
  };
};

const start = (interval?: number, app = 'MyMobileApp') =>
  t!.data.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: app,
      EnvironmentIdentifier: 'Prod',
      ConfigurationProfileIdentifier: 'Settings',
      ...(interval ? { RequiredMinimumPollIntervalInSeconds: interval } : {}),
    }),
  );
const poll = (token: string) =>
  t!.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));

describe('observation routes', () => {
  it('reports health', async () => {
    await setup();
    expect(await getJson('/__emulator/health')).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
  });

  it('records session starts and polls, served and refused, with their facts', async () => {
    const { clock, fx } = await setup();
    const { InitialConfigurationToken: initial } = await start(15);
    const first = await poll(initial!);
    clock.advance(15);
    const second = await poll(first.NextPollConfigurationToken!);
    await poll(second.NextPollConfigurationToken!).catch((e: unknown) =>
      expect(e).toBeInstanceOf(BadRequestException),
    );
    await poll('garbage').catch(() => {});
    await start(undefined, 'NoSuchApp').catch(() => {});

    const { body } = await getJson('/__emulator/observations');
    const [s, p1, p2, early, corrupt, missing] = (body as unknown as ObservationPage)
      .records as ObservationRecord[];
    expect(s).toMatchObject({
      seq: 1,
      kind: 'startSession',
      status: 201,
      sourceAddress: '127.0.0.1',
      attempt: 1,
      identifiers: {
        application: 'MyMobileApp',
        environment: 'Prod',
        configurationProfile: 'Settings',
        requiredMinimumPollIntervalInSeconds: 15,
      },
      resolved: {
        applicationId: fx.appId,
        environmentId: fx.envId,
        configurationProfileId: fx.profile.Id,
      },
      tokenOut: initial,
      receivedAt: '2026-11-21T10:00:00.000Z',
    });
    expect(s!.userAgent).toContain('aws-sdk-js');
    expect(s!.invocationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(p1).toMatchObject({
      kind: 'poll',
      status: 200,
      sessionId: s!.sessionId,
      tokenSeq: 0,
      tokenIn: initial,
      tokenOut: first.NextPollConfigurationToken,
      versionNumber: 1,
      versionLabel: 'obs-1',
      contentType: 'application/json',
      byteSize: 12,
      intervalReturned: 15,
      facts: {
        replay: false,
        retry: false,
        tooEarly: false,
        expired: false,
        corrupted: false,
        unchanged: false,
      },
    });
    expect(p2).toMatchObject({
      tokenSeq: 1,
      byteSize: 0,
      versionLabel: null,
      facts: { unchanged: true },
    });
    expect(p2!.receivedAt).toBe('2026-11-21T10:00:15.000Z');
    expect(early).toMatchObject({
      status: 400,
      errorType: 'BadRequestException',
      message: 'Request too early',
      problem: 'PollIntervalNotSatisfied',
      tokenOut: null,
      byteSize: null,
      facts: { tooEarly: true },
    });
    expect(corrupt).toMatchObject({
      status: 400,
      problem: 'Corrupted',
      sessionId: null,
      tokenIn: 'garbage',
      facts: { corrupted: true },
    });
    expect(missing).toMatchObject({
      kind: 'startSession',
      status: 404,
      errorType: 'ResourceNotFoundException',
      resolved: null,
    });
  });

  it('marks an expired token in its record', async () => {
    const { clock } = await setup();
    const { InitialConfigurationToken: token } = await start();
    clock.advance(86_401);
    await poll(token!).catch(() => {});
    const { body } = await getJson('/__emulator/observations?after=1');
    expect((body as unknown as ObservationPage).records[0]).toMatchObject({
      problem: 'Expired',
      facts: { expired: true },
    });
  });

  it('evicts the oldest records past observationLimit and pages with after/limit', async () => {
    await setup(3);
    for (let i = 0; i < 5; i++) await start();
    const { body } = await getJson('/__emulator/observations');
    expect(body.evicted).toBe(2);
    expect((body.records as ObservationRecord[]).map((r) => r.seq)).toEqual([3, 4, 5]);
    const page = await getJson('/__emulator/observations?after=3&limit=1');
    expect(page.body).toMatchObject({ nextSeq: 4, evicted: 2, records: [{ seq: 4 }] });
  });

  it.each([
    ['after=-1', 'after must be an integer from 0 to 9007199254740991, got "-1".'],
    ['after=abc', 'after must be an integer from 0 to 9007199254740991, got "abc".'],
    ['limit=0', 'limit must be an integer from 1 to 1000, got "0".'],
    ['limit=1001', 'limit must be an integer from 1 to 1000, got "1001".'],
    ['limit=1.5', 'limit must be an integer from 1 to 1000, got "1.5".'],
    ['after=1&after=2', 'Query parameter after was given 2 times; give it once.'],
  ])('refuses ?%s precisely', async (query, message) => {
    await setup();
    expect(await getJson(`/__emulator/observations?${query}`)).toEqual({
      status: 400,
      type: 'BadRequestException',
      body: { Message: message },
    });
  });
});
