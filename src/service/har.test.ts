// exportHar against the real emulator through the real SDK (one fake clock for both): the file is HAR 1.2 by
// a checker written from the spec, holds one entry per call, and a redacted file holds no token at all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, assert, beforeEach, describe, expect, it } from 'vitest';
import type { PollEvent, SessionInfo } from '../core/ledger.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { InspectorService } from './inspectorService.js';
import { buildHar } from './har.js';
import { DEMO, nextEvent, startDemoSession } from './test/demoSession.js';
import { FakeClock } from './test/fakeClock.js';
import { harProblems } from './test/harCheck.js';

let clock: FakeClock;
let emulator: RunningEmulator;
let dataDir: string;
let service: InspectorService;

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  emulator = await startEmulator({ port: 0, seed: 'demo', clock });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-har-'));
  service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir,
    clock,
  });
});

afterEach(async () => {
  service.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every full token the session was handed, read back from its own Raw answers while still held. */
async function fullTokens(sessionId: string, events: PollEvent[]): Promise<string[]> {
  const tokens: string[] = [];
  for (const e of events) {
    const raw = await service.request('getRawResponse', { sessionId, seq: e.seq });
    const next = raw.headers['Next-Poll-Configuration-Token'];
    if (next) tokens.push(next);
    if (raw.body && e.kind === 'start')
      tokens.push(
        (
          JSON.parse(Buffer.from(raw.body.base64, 'base64').toString()) as {
            InitialConfigurationToken: string;
          }
        ).InitialConfigurationToken,
      );
  }
  return tokens;
}

describe('exportHar', () => {
  it('writes HAR 1.2 with one entry per call: the start POST with its body, each poll a GET with its token', async () => {
    const firstPoll = nextEvent(service, undefined, (e) => e.kind === 'poll');
    const { id } = await service.request('startSession', {
      ...DEMO,
      requiredMinimumPollIntervalInSeconds: 30,
    });
    await firstPoll;
    // Sooner than the 30 s the session required: AWS refuses it with a 400.
    await service.request('pollNow', { sessionId: id });
    const { events } = await service.request('getSession', { sessionId: id });

    const har = await service.request('exportHar', { sessionId: id, redactTokens: false });

    expect(harProblems(har)).toEqual([]);
    expect(har.log.entries).toHaveLength(events.length);
    const [start, first] = har.log.entries;
    expect(start!.request).toMatchObject({
      method: 'POST',
      url: `${emulator.url}/configurationsessions`,
      postData: { mimeType: 'application/json' },
    });
    expect(JSON.parse(start!.request.postData!.text)).toEqual({
      ApplicationIdentifier: DEMO.applicationIdentifier,
      EnvironmentIdentifier: DEMO.environmentIdentifier,
      ConfigurationProfileIdentifier: DEMO.configurationProfileIdentifier,
      RequiredMinimumPollIntervalInSeconds: 30,
    });
    expect(start!.response.status).toBe(201);
    expect(first!.request.method).toBe('GET');
    expect(first!.request.url).toMatch(
      new RegExp(`^${emulator.url}/configuration\\?configuration_token=.+`),
    );
    // The token in the query string is the one StartConfigurationSession returned, in full.
    const initial = (JSON.parse(start!.response.content.text!) as Record<string, string>)
      .InitialConfigurationToken!;
    expect(first!.request.queryString).toEqual([{ name: 'configuration_token', value: initial }]);
    expect(first!.response).toMatchObject({ status: 200, statusText: 'OK' });
    expect(JSON.parse(first!.response.content.text!)).toMatchObject({ logLevel: 'debug' });
    expect(first!.response.headers).toContainEqual({ name: 'Version-Label', value: 'v1.1.0' });
    // The early poll was refused: its status, error type and AWS error body are in the file.
    const refused = har.log.entries[2]!;
    expect(refused.response.status).toBe(400);
    expect(JSON.parse(refused.response.content.text!)).toMatchObject({
      Message: 'Request too early',
    });
    expect(refused.response.headers).toContainEqual({
      name: 'x-amzn-ErrorType',
      value: 'BadRequestException',
    });
    expect(har.log.entries.map((e) => e.startedDateTime)).toEqual(
      events.map((e) => new Date(e.sentAt).toISOString()),
    );
  });

  it('redacts every token: none of the full tokens appears anywhere in the file', async () => {
    const { id } = await startDemoSession(service);
    await service.request('pollNow', { sessionId: id });
    const { events } = await service.request('getSession', { sessionId: id });
    const tokens = await fullTokens(id, events);
    expect(tokens.length).toBeGreaterThanOrEqual(2);

    const har = await service.request('exportHar', { sessionId: id, redactTokens: true });
    const text = JSON.stringify(har);

    expect(harProblems(har)).toEqual([]);
    for (const token of tokens) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(encodeURIComponent(token));
    }
    const poll = har.log.entries[1]!;
    expect(poll.request.queryString[0]!.value).toBe(`REDACTED-${events[1]!.tokenIn}`);
    expect(har.log.comment).toContain('Tokens are redacted');
  });

  it('writes the full tokens of calls older than the ones held in memory, read from the recording', async () => {
    const { id } = await startDemoSession(service);
    // 16 full tokens are held in memory per session: 20 polls push the first ones out.
    for (let i = 0; i < 20; i++) await service.request('pollNow', { sessionId: id });
    const { events } = await service.request('getSession', { sessionId: id });
    const raw = await service.request('getRawResponse', { sessionId: id, seq: 1 });
    expect(raw.request.tokenIn?.full).toBeUndefined();

    const har = await service.request('exportHar', { sessionId: id, redactTokens: false });

    expect(harProblems(har)).toEqual([]);
    const initial = (
      JSON.parse(har.log.entries[0]!.response.content.text!) as Record<string, string>
    ).InitialConfigurationToken!;
    expect(initial).not.toMatch(/^(FINGERPRINT|REDACTED)-/);
    expect(har.log.entries[1]!.request.queryString[0]!.value).toBe(initial);
    expect(har.log.entries[1]!.comment).toContain('sent token in full');
    expect(har.log.entries).toHaveLength(events.length);
    expect(har.log.comment).toContain('Tokens in full.');
  });

  it('writes a fingerprint placeholder, and says so, for an imported session whose recording has no tokens', async () => {
    const { id } = await startDemoSession(service);
    const recording = await service.request('exportSession', { sessionId: id });
    const imported = await service.request('importRecording', { recording });
    const { events } = await service.request('getSession', { sessionId: imported.id });

    const har = await service.request('exportHar', { sessionId: imported.id, redactTokens: false });

    expect(harProblems(har)).toEqual([]);
    const poll = har.log.entries[1]!;
    expect(poll.request.queryString[0]!.value).toBe(`FINGERPRINT-${events[1]!.tokenIn}`);
    expect(poll.comment).toContain(`its fingerprint ${events[1]!.tokenIn} stands in for it`);
    expect(har.log.comment).toContain('it does not hold (an imported recording carries none)');
  });

  it('refuses a missing redactTokens with a precise error', async () => {
    const { id } = await startDemoSession(service);
    await expect(service.request('exportHar', { sessionId: id } as never)).rejects.toMatchObject({
      code: 'invalidParams',
      message: expect.stringContaining('"redactTokens" must be true or false.'),
    });
  });
});

describe('buildHar on calls without a plain answer', () => {
  const session: SessionInfo = {
    id: 's-1',
    origin: 'inspector',
    ...DEMO,
    backend: 'aws',
    region: 'eu-west-1',
    startedAt: 0,
    state: 'stopped',
  };
  const poll = (outcome: PollEvent['outcome'], extra: Partial<PollEvent> = {}): PollEvent => ({
    seq: 1,
    sessionId: 's-1',
    kind: 'poll',
    trigger: 'schedule',
    sentAt: 1_000,
    answeredAt: 1_250,
    latencyMs: 250,
    attempts: 1,
    tokenIn: 'fp-in',
    outcome,
    ...extra,
  });

  it('gives a call that got no HTTP answer status 0 and names the error', () => {
    const har = buildHar(
      session,
      [poll({ type: 'error', errorName: 'TimeoutError', message: 'no answer in 10 s' })],
      {
        redactTokens: true,
        fullToken: () => undefined,
        content: () => assert.fail('a call without an answer has no body'),
      },
    );
    expect(harProblems(har)).toEqual([]);
    expect(har.log.entries[0]!.request.url).toBe(
      'https://appconfigdata.eu-west-1.amazonaws.com/configuration?configuration_token=REDACTED-fp-in',
    );
    expect(har.log.entries[0]!.response).toMatchObject({
      status: 0,
      comment: 'TimeoutError: no answer in 10 s',
    });
  });

  it('writes a body that is not UTF-8 as base64', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x01]);
    const har = buildHar(
      session,
      [
        poll({
          type: 'content',
          size: 4,
          contentHash: 'h',
          contentType: 'application/octet-stream',
        }),
      ],
      {
        redactTokens: true,
        fullToken: () => undefined,
        content: () => ({ contentHash: 'h', size: 4, base64: bytes.toString('base64') }),
      },
    );
    expect(harProblems(har)).toEqual([]);
    expect(har.log.entries[0]!.response.content).toEqual({
      size: 4,
      mimeType: 'application/octet-stream',
      text: bytes.toString('base64'),
      encoding: 'base64',
    });
  });
});

describe('the HAR 1.2 checker the tests rely on', () => {
  it('names each missing or mistyped required field and a time that is not the sum of its timings', () => {
    const broken = {
      log: {
        version: '1.1',
        creator: { name: 'x' },
        entries: [
          {
            startedDateTime: '2026-01-01 10:00',
            time: 5,
            request: { method: 'GET', url: '/relative', httpVersion: 'HTTP/1.1', cookies: [] },
            response: { status: '200' },
            cache: {},
            timings: { send: 0, wait: 3, receive: 0 },
          },
        ],
      },
    };
    expect(harProblems(broken)).toEqual(
      expect.arrayContaining([
        'log.version must be "1.2"',
        'log.creator.version is required',
        'log.entries[0].startedDateTime must be ISO 8601 with a time zone',
        'log.entries[0].request.url must be an absolute URL',
        'log.entries[0].request.headers is required',
        'log.entries[0].request.queryString is required',
        'log.entries[0].response.status must be a number',
        'log.entries[0].response.content is required',
        'log.entries[0].time (5) must equal the sum of its timings (3)',
      ]),
    );
  });
});
