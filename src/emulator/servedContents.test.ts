// What an observer needs to show someone else's poll: the served body's hash in the record, and the body
// itself at /__emulator/contents/<sha256>, byte-exact with its content type.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { startTestEmulator, type TestEmulator } from './test/support.js';
import type { ObservationPage } from './observations.js';

let t: TestEmulator;
beforeEach(async () => {
  t = await startTestEmulator({ seed: 'demo' });
});
afterEach(() => t.close());

describe('served contents for observers', () => {
  it('records the SHA-256 of each body served and serves those bytes back', async () => {
    const { InitialConfigurationToken } = await t.data.send(
      new StartConfigurationSessionCommand({
        ApplicationIdentifier: 'demo-app',
        EnvironmentIdentifier: 'dev',
        ConfigurationProfileIdentifier: 'feature-flags',
      }),
    );
    const first = await t.data.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: InitialConfigurationToken }),
    );
    await t.data.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }),
    );
    const page = (await (
      await fetch(`${t.emulator.url}/__emulator/observations`)
    ).json()) as ObservationPage;
    const [withBody, unchanged] = page.records.filter((r) => r.kind === 'poll');
    const expected = createHash('sha256').update(first.Configuration!).digest('hex');
    expect(withBody?.contentSha256).toBe(expected);
    expect(unchanged?.contentSha256).toBeNull();

    const served = await fetch(`${t.emulator.url}/__emulator/contents/${expected}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/json');
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(first.Configuration!))).toBe(
      true,
    );
  });

  it('refuses malformed and unknown hashes with clear errors', async () => {
    const bad = await fetch(`${t.emulator.url}/__emulator/contents/not-a-hash`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { Message: string }).Message).toMatch(/64 lowercase hex/);
    const unknown = await fetch(`${t.emulator.url}/__emulator/contents/${'a'.repeat(64)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });
});
