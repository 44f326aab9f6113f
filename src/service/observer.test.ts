// The observation follower on a real emulator: with the observer secret it gets tokens, without it `fp:`
// fingerprints, and either way the ledger event carries the same fingerprint; a wrong secret is reported.
import { afterEach, expect, it } from 'vitest';
import { StartConfigurationSessionCommand } from '@aws-sdk/client-appconfigdata';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { dataClient } from '../emulator/test/support.js';
import { tokenFingerprint } from './hashing.js';
import { eventOf, ObservationFollower, type ObservationRecord } from './observer.js';

let emulator: RunningEmulator | undefined;
const followers: ObservationFollower[] = [];
afterEach(async () => {
  for (const f of followers.splice(0)) f.close();
  await emulator?.close();
  emulator = undefined;
});

/** Follows the emulator and resolves with its first record, or rejects after 5 s. */
function firstRecord(secret?: string): Promise<ObservationRecord> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no observation within 5 s')), 5000);
    const follower = new ObservationFollower(
      emulator!.url,
      (record) => {
        clearTimeout(timer);
        resolve(record);
        return Promise.resolve();
      },
      undefined,
      secret,
    );
    followers.push(follower);
    follower.start();
  });
}

it('gets fingerprints without the secret and tokens with it, and folds both to the same event', async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' });
  const app = dataClient(emulator.url);
  const { InitialConfigurationToken: token } = await app.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: 'demo-app',
      EnvironmentIdentifier: 'dev',
      ConfigurationProfileIdentifier: 'app-config',
    }),
  );
  app.destroy();
  const [redacted, full] = await Promise.all([firstRecord(), firstRecord(emulator.observerSecret)]);
  expect(redacted).toMatchObject({
    tokensRedacted: true,
    tokenOut: `fp:${tokenFingerprint(token!)}`,
  });
  expect(full).toMatchObject({ tokensRedacted: false, tokenOut: token });
  expect(eventOf(redacted).tokenOut).toBe(tokenFingerprint(token!));
  expect(eventOf(full)).toEqual(eventOf(redacted));
});

it('reports a wrong secret with the status and the emulator’s reason', async () => {
  emulator = await startEmulator({ port: 0, seed: 'none' });
  const logged = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('nothing logged within 5 s')), 5000);
    const follower = new ObservationFollower(
      emulator!.url,
      () => Promise.resolve(),
      (message) => {
        clearTimeout(timer);
        resolve(message);
      },
      'not-the-secret',
    );
    followers.push(follower);
    follower.start();
  });
  expect(logged).toMatch(/^observation stream answered 403: X-Emulator-Secret does not match/);
});
