// What sessions see while deployments roll out and roll back (docs/protocol.md §3.3–3.4), through
// the real SDK.
import { afterEach, expect, it } from 'vitest';
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { startTestEmulator, type TestEmulator } from './test/support.js';
import { addVersion, deployNow, manualClock, seedFixture } from './test/dataPlaneFixture.js';

let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function setup() {
  const clock = manualClock();
  t = await startTestEmulator({ clock });
  const store = t.emulator.context.store;
  const fx = seedFixture(store);
  addVersion(store, fx.profile, '"one"', { label: 'one' });
  addVersion(store, fx.profile, '"two"', { label: 'two' });
  deployNow(store, fx.envId, fx.profile, 1);
  return { t, clock, fx, store };
}

async function session(): Promise<string> {
  const out = await t!.data.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: 'MyMobileApp',
      EnvironmentIdentifier: 'Prod',
      ConfigurationProfileIdentifier: 'Settings',
    }),
  );
  return out.InitialConfigurationToken!;
}

/** Polls and returns [label or null when unchanged, next token]. */
async function poll(token: string): Promise<[string | null, string]> {
  const out = await t!.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
  return [out.VersionLabel ?? null, out.NextPollConfigurationToken!];
}

it('moves sessions to the new version by sticky bucket as PercentageComplete grows', async () => {
  const { clock, fx, store } = await setup();
  const tokens: string[] = [];
  for (let i = 0; i < 60; i++) {
    const [label, next] = await poll(await session());
    expect(label).toBe('one');
    tokens.push(next);
  }
  // LINEAR 50 % over 10 minutes: 50 % after 5 minutes, 100 % after 10.
  deployNow(store, fx.envId, fx.profile, 2, {
    durationMinutes: 10,
    growthFactor: 50,
    bakeMinutes: 0,
    startedMinutesAgo: 0,
  });
  clock.advance(5 * 60);
  const moved = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const [label, next] = await poll(tokens[i]!);
    expect([null, 'two']).toContain(label);
    if (label === 'two') moved.add(i);
    tokens[i] = next;
  }
  expect(moved.size).toBeGreaterThan(10);
  expect(moved.size).toBeLessThan(50);
  // Sticky: at the same percentage nobody flips either way.
  clock.advance(60);
  for (let i = 0; i < tokens.length; i++) {
    const [label, next] = await poll(tokens[i]!);
    expect(label).toBeNull();
    tokens[i] = next;
  }
  clock.advance(4 * 60);
  for (let i = 0; i < tokens.length; i++) {
    const [label] = await poll(tokens[i]!);
    expect(label).toBe(moved.has(i) ? null : 'two');
  }
});

it('gives a session that got the new version the full older content after a rollback', async () => {
  const { clock, fx, store } = await setup();
  const [first, token] = await poll(await session());
  expect(first).toBe('one');
  const deployment = deployNow(store, fx.envId, fx.profile, 2);
  const [second, afterDeploy] = await poll(token);
  expect(second).toBe('two');
  clock.advance(1);
  deployment.StoppedAt = new Date(clock.now());
  deployment.StoppedState = 'REVERTED';
  const back = await t!.data.send(
    new GetLatestConfigurationCommand({ ConfigurationToken: afterDeploy }),
  );
  expect(back.VersionLabel).toBe('one');
  expect(Buffer.from(back.Configuration!).toString()).toBe('"one"');
  const [again] = await poll(back.NextPollConfigurationToken!);
  expect(again).toBeNull();
});
