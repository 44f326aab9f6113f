import { afterEach, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { StartConfigurationSessionCommand } from '@aws-sdk/client-appconfigdata';
import type { ServedRecord } from './observationAccess.js';
import { seedFixture } from './test/dataPlaneFixture.js';
import { startTestEmulator, type TestEmulator } from './test/support.js';

let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function startedSession(): Promise<string> {
  t = await startTestEmulator();
  seedFixture(t.emulator.context.store);
  const { InitialConfigurationToken } = await t.data.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: 'MyMobileApp',
      EnvironmentIdentifier: 'Prod',
      ConfigurationProfileIdentifier: 'Settings',
    }),
  );
  return InitialConfigurationToken!;
}

const records = async (headers: Record<string, string> = {}) => {
  const res = await fetch(`${t!.emulator.url}/__emulator/observations`, { headers });
  return { res, body: (await res.json()) as { records?: ServedRecord[]; Message?: string } };
};

/** The first record of the SSE stream, read with a deadline. */
async function firstStreamed(headers: Record<string, string> = {}): Promise<ServedRecord> {
  const res = await fetch(`${t!.emulator.url}/__emulator/observations/stream`, {
    headers,
    signal: AbortSignal.timeout(5000),
  });
  const reader = res.body!.getReader();
  let text = '';
  for (;;) {
    const match = /^data: (.*)$/m.exec(text);
    if (match) {
      await reader.cancel();
      return JSON.parse(match[1]!) as ServedRecord;
    }
    const { done, value } = await reader.read();
    if (done) throw new Error('stream ended before a record');
    text += new TextDecoder().decode(value);
  }
}

it('hands out fp: fingerprints by default, in pages and on the stream', async () => {
  const token = await startedSession();
  const fingerprint = `fp:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
  const { body } = await records();
  expect(body.records![0]).toMatchObject({
    tokenOut: fingerprint,
    tokenIn: null,
    tokensRedacted: true,
  });
  expect(JSON.stringify(body)).not.toContain(token);
  expect(await firstStreamed()).toMatchObject({ tokenOut: fingerprint, tokensRedacted: true });
});

it('hands out full tokens to a caller presenting the observer secret', async () => {
  const token = await startedSession();
  const secret = { 'X-Emulator-Secret': t!.emulator.observerSecret };
  expect(t!.emulator.observerSecret).toMatch(/^[0-9a-f]{64}$/);
  const { body } = await records(secret);
  expect(body.records![0]).toMatchObject({ tokenOut: token, tokensRedacted: false });
  expect(await firstStreamed(secret)).toMatchObject({ tokenOut: token, tokensRedacted: false });
});

it('refuses a wrong secret with an AWS-shaped 403 rather than quietly redacting', async () => {
  await startedSession();
  const wrong = { 'X-Emulator-Secret': `${t!.emulator.observerSecret}x` };
  for (const path of ['/__emulator/observations', '/__emulator/observations/stream']) {
    const res = await fetch(`${t!.emulator.url}${path}`, { headers: wrong });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(((await res.json()) as { Message: string }).Message).toMatch(/X-Emulator-Secret/);
  }
});

it('makes a new secret each launch', async () => {
  await startedSession();
  const first = t!.emulator.observerSecret;
  await t!.close();
  t = await startTestEmulator();
  expect(t.emulator.observerSecret).not.toBe(first);
});
