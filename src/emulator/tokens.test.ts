import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  BadRequestException,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import type { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { TokenCodec, tokenExpired, type NewToken, type TokenState } from './tokens.js';
import { startTestEmulator, type TestEmulator } from './test/support.js';
import {
  addVersion,
  deployNow,
  manualClock,
  seedFixture,
  type ManualClock,
} from './test/dataPlaneFixture.js';
import type { EmulatorOptions } from './options.js';

const state: NewToken = {
  sessionId: 'b0c6a1de-2f55-4c5e-9d0e-0123456789ab',
  seq: 3,
  issuedAt: 1_000_000,
  applicationId: 'app1234',
  environmentId: 'env1234',
  profileId: 'prof123',
  minInterval: 15,
  heldVersion: 2,
};

describe('TokenCodec', () => {
  const codec = new TokenCodec();

  /** What decode should answer for `token`, issued for `fields`: its id is its nonce's block index. */
  const decoded = (fields: NewToken, token: string) =>
    expect.objectContaining({
      ok: true,
      state: {
        ...fields,
        tokenId: Buffer.from(token, 'base64').readUInt32BE(12),
      } satisfies TokenState,
      token,
    });

  it('round-trips the session state through an opaque ~1 kB base64 token', () => {
    const token = codec.encode(state);
    expect(token).toHaveLength(1068);
    expect(token).toMatch(/^AYADe[A-Za-z0-9+/]+=$/);
    expect(token).not.toContain(state.sessionId);
    expect(codec.decode(token)).toEqual(decoded(state, token));
    expect(codec.encode(state)).not.toBe(token);
  });

  it('gives every token its own id and per-poll part, and a session one tail for all its tokens', () => {
    const a = codec.encode(state);
    const b = codec.encode({ ...state, seq: 4, heldVersion: null });
    const other = codec.encode({ ...state, sessionId: 'another' });
    expect(a.slice(0, 64)).not.toBe(b.slice(0, 64));
    expect(a.slice(64)).toBe(b.slice(64));
    expect(other.slice(64)).not.toBe(a.slice(64));
    const ids = [a, b, other].map((t) => (codec.decode(t) as { state: TokenState }).state.tokenId);
    expect(new Set(ids).size).toBe(3);
    expect(codec.decode(b)).toEqual(decoded({ ...state, seq: 4, heldVersion: null }, b));
  });

  it('finds a recent token by its percent-encoded query value, and leaves any other encoding to decode', () => {
    // Many codecs, so some launch prefixes hold '+' or '/' and the encoded start is longer than 22 chars.
    for (let launch = 0; launch < 40; launch++) {
      const issuer = new TokenCodec();
      // Ids are unique within a launch (each codec counts its keystream blocks from 0).
      const ids = new Set<number>();
      for (let i = 0; i < 50; i++) {
        const token = issuer.encode({ ...state, seq: i });
        const found = issuer.decodeQuery(encodeURIComponent(token));
        expect(found).toEqual(decoded({ ...state, seq: i }, token));
        ids.add((found as { state: TokenState }).state.tokenId);
        // Lower-case hex is valid percent-encoding, just not the form remembered.
        const lower = encodeURIComponent(token).replace(
          /%([0-9A-F]{2})/g,
          (_, h: string) => `%${h.toLowerCase()}`,
        );
        expect(issuer.decodeQuery(lower)).toBeUndefined();
        expect(issuer.decode(decodeURIComponent(lower))).toEqual(
          decoded({ ...state, seq: i }, token),
        );
      }
      expect(ids.size).toBe(50);
    }
  });

  it('decodes a token it no longer remembers by verifying and decrypting it in full', () => {
    const key = randomBytes(32);
    const issuer = new TokenCodec(key);
    const fields = { ...state, minInterval: null, heldVersion: 41, issuedAt: 1_733_000_000_123 };
    const token = issuer.encode(fields);
    // Another codec under the same key remembers nothing: only the full check can accept the token.
    const reader = new TokenCodec(key);
    expect(reader.decode(token)).toEqual(decoded(fields, token));
    // A long identifier makes a longer session part, in 256-byte steps, and still round-trips.
    const long = { ...fields, applicationId: 'a'.repeat(900) };
    const longToken = issuer.encode(long);
    expect(Buffer.from(longToken, 'base64').length).toBe(800 + 2 * 256);
    expect(reader.decode(longToken)).toEqual(decoded(long, longToken));
  });

  it('remembers a token again once it has decoded it in full, so resending it is a lookup again', () => {
    const issuer = new TokenCodec();
    const token = issuer.encode(state);
    // Enough later issuances to push it out of both generations of the recent-token cache.
    for (let i = 0; i < 20_000; i++) issuer.encode({ ...state, seq: i + 1 });
    expect(issuer.decodeQuery(encodeURIComponent(token))).toBeUndefined();
    expect(issuer.decode(token)).toEqual(decoded(state, token));
    expect(issuer.decodeQuery(encodeURIComponent(token))).toEqual(decoded(state, token));
    // A corrupted token is never remembered: it stays a full (failing) decode.
    const altered = `${token.slice(0, 100)}${token[100] === 'A' ? 'B' : 'A'}${token.slice(101)}`;
    expect(issuer.decode(altered)).toMatchObject({ ok: false });
    expect(issuer.decodeQuery(encodeURIComponent(altered))).toBeUndefined();
  });

  it('calls a byte altered in either part, or two tokens spliced, corrupted', () => {
    const key = randomBytes(32);
    const issuer = new TokenCodec(key);
    const reader = new TokenCodec(key);
    const mine = issuer.encode(state);
    const theirs = issuer.encode({ ...state, sessionId: 'another' });
    const flipped = (token: string, at: number) => {
      const raw = Buffer.from(token, 'base64');
      raw[at]! ^= 0x20;
      return raw.toString('base64');
    };
    // Header, nonce, encrypted fields, tag; session block index, session tag, session body.
    for (const at of [3, 10, 20, 40, 50, 60, 100, 799]) {
      const answer = reader.decode(flipped(mine, at));
      expect(answer.ok, `byte ${at}`).toBe(false);
    }
    const spliced = mine.slice(0, 64) + theirs.slice(64);
    expect(reader.decode(spliced)).toEqual({
      ok: false,
      reason: 'it was altered, or issued by another emulator run',
    });
    expect(reader.decode(mine).ok).toBe(true);
  });

  it('calls altered, foreign, malformed and oversized tokens corrupted, each with a reason', () => {
    const token = codec.encode(state);
    const raw = Buffer.from(token, 'base64');
    raw[raw.length - 5]! ^= 1;
    const reasons = [
      raw.toString('base64'),
      new TokenCodec(randomBytes(32)).encode(state),
      token.replace('+', ' '),
      token.slice(0, -4),
      'not-a-token',
      'A'.repeat(8193),
      Buffer.from('hello world!').toString('base64'),
    ].map((t) => {
      const decoded = codec.decode(t);
      expect(decoded.ok).toBe(false);
      return decoded.ok ? '' : decoded.reason;
    });
    expect(reasons[2]).toContain('whitespace');
    expect(reasons[5]).toContain('8192');
    expect(reasons[6]).toContain('not issued by this emulator');
  });

  it('expires a token only after the TTL has fully passed', () => {
    expect(tokenExpired(state, state.issuedAt + 60_000, 60)).toBe(false);
    expect(tokenExpired(state, state.issuedAt + 60_001, 60)).toBe(true);
  });
});

let t: TestEmulator | undefined;
let clock: ManualClock;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  clock = manualClock();
  t = await startTestEmulator({ clock, ...options });
  const store = t.emulator.context.store;
  const fx = seedFixture(store);
  addVersion(store, fx.profile, '{"n":1}', { label: 'one' });
  deployNow(store, fx.envId, fx.profile, 1);
  return t;
}

async function start(client: AppConfigDataClient, interval?: number): Promise<string> {
  const out = await client.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: 'MyMobileApp',
      EnvironmentIdentifier: 'Prod',
      ConfigurationProfileIdentifier: 'Settings',
      ...(interval ? { RequiredMinimumPollIntervalInSeconds: interval } : {}),
    }),
  );
  return out.InitialConfigurationToken!;
}

const poll = (client: AppConfigDataClient, token: string) =>
  client.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));

async function refusal(
  promise: Promise<unknown>,
): Promise<{ message: string; problem: unknown; reason: unknown }> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(BadRequestException);
  const b = e as BadRequestException;
  expect(b.$metadata.httpStatusCode).toBe(400);
  return {
    message: b.message,
    reason: b.Reason,
    problem: (b.Details as { InvalidParameters?: Record<string, { Problem?: string }> })
      .InvalidParameters?.ConfigurationToken?.Problem,
  };
}

describe('GetLatestConfiguration token rules through the real SDK', () => {
  it('answers garbage, truncated and oversized tokens with Problem Corrupted', async () => {
    const t = await setup();
    const good = await start(t.data);
    for (const bad of [
      'garbage!',
      good.slice(0, 100),
      'A'.repeat(8193),
      good.replace(/\+/g, '-'),
    ]) {
      const r = await refusal(poll(t.data, bad));
      expect(r.reason).toBe('InvalidParameters');
      expect(r.problem).toBe('Corrupted');
      expect(r.message).toMatch(/^The configuration token is corrupted: /);
    }
  });

  it('answers a token older than tokenTtlSeconds with Problem Expired', async () => {
    const t = await setup({ tokenTtlSeconds: 120 });
    const token = await start(t.data);
    clock.advance(121);
    const r = await refusal(poll(t.data, token));
    expect(r.problem).toBe('Expired');
    expect(r.message).toContain('expired');
  });

  it('refuses an early poll with "Request too early" and leaves the token usable', async () => {
    const t = await setup();
    const first = await poll(t.data, await start(t.data, 15));
    const next = first.NextPollConfigurationToken!;
    clock.advance(14);
    const r = await refusal(poll(t.data, next));
    expect(r.message).toBe('Request too early');
    expect(r.problem).toBe('PollIntervalNotSatisfied');
    clock.advance(1);
    const later = await poll(t.data, next);
    expect(later.$metadata.httpStatusCode).toBe(200);
    expect(later.NextPollIntervalInSeconds).toBe(15);
  });

  it('does not enforce the default 60 s unless enforceDefaultInterval is set', async () => {
    const loose = await setup();
    const a = await poll(loose.data, await start(loose.data));
    expect((await poll(loose.data, a.NextPollConfigurationToken!)).$metadata.httpStatusCode).toBe(
      200,
    );
    await loose.close();
    t = undefined;

    const strict = await setup({ enforceDefaultInterval: true });
    const b = await poll(strict.data, await start(strict.data));
    clock.advance(59);
    expect((await refusal(poll(strict.data, b.NextPollConfigurationToken!))).message).toBe(
      'Request too early',
    );
    clock.advance(1);
    expect((await poll(strict.data, b.NextPollConfigurationToken!)).$metadata.httpStatusCode).toBe(
      200,
    );
  });

  it('answers a replayed token from its own state, with a fresh next token', async () => {
    const t = await setup();
    const initial = await start(t.data);
    const first = await poll(t.data, initial);
    const second = await poll(t.data, first.NextPollConfigurationToken!);
    expect(second.Configuration?.length ?? 0).toBe(0);
    // The initial token says the session holds nothing, so its replay gets the content again.
    const replay = await poll(t.data, initial);
    expect(Buffer.from(replay.Configuration!).toString()).toBe('{"n":1}');
    expect(replay.NextPollConfigurationToken).not.toBe(first.NextPollConfigurationToken);
    const replayed = await poll(t.data, first.NextPollConfigurationToken!);
    expect(replayed.Configuration?.length ?? 0).toBe(0);
    const polls = t.emulator.context.observations
      .list(0, 100)
      .records.filter((r) => r.kind === 'poll');
    expect(polls.map((r) => r.facts.replay)).toEqual([false, false, true, true]);
  });

  it('rejects a replay under strictTokens with Problem Expired and says the token was used', async () => {
    const t = await setup({ strictTokens: true });
    const initial = await start(t.data);
    const first = await poll(t.data, initial);
    const r = await refusal(poll(t.data, initial));
    expect(r.problem).toBe('Expired');
    expect(r.message).toContain('already used');
    expect((await poll(t.data, first.NextPollConfigurationToken!)).$metadata.httpStatusCode).toBe(
      200,
    );
  });

  it('treats a resend with the spending invocation id and attempt>1 as a retry, even under strictTokens', async () => {
    const t = await setup({ strictTokens: true });
    const token = await start(t.data);
    const url = `${t.emulator.url}/configuration?configuration_token=${encodeURIComponent(token)}`;
    const send = (attempt: number, id = 'inv-1') =>
      fetch(url, {
        headers: { 'amz-sdk-invocation-id': id, 'amz-sdk-request': `attempt=${attempt}; max=3` },
      });
    expect((await send(1)).status).toBe(200);
    const retry = await send(2);
    expect(retry.status).toBe(200);
    expect(await retry.text()).toBe('{"n":1}');
    const other = await send(2, 'inv-2');
    expect(other.status).toBe(400);
    expect(other.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    const facts = t.emulator.context.observations
      .list(1, 10)
      .records.map((r) => [r.facts.retry, r.facts.replay]);
    expect(facts).toEqual([
      [false, false],
      [true, false],
      [true, true],
    ]);
  });
});
