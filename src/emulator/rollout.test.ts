// End to end through both real SDKs: a gradual LINEAR deployment seen by 200 AppConfig Data sessions, then a
// StopDeployment rollback, and a feature-flag profile served in retrieval form
// (docs/protocol.md §3.3–3.4, §5.1). Runs on an injected clock with --time-scale 600, so emulated minutes
// cost no real time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateApplicationCommand,
  CreateConfigurationProfileCommand,
  CreateDeploymentStrategyCommand,
  CreateEnvironmentCommand,
  CreateHostedConfigurationVersionCommand,
  GetDeploymentCommand,
  StartDeploymentCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-appconfig';
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { startTestEmulator, type TestEmulator } from './test/support.js';

const SCALE = 600;
const clock = {
  t: Date.parse('2026-06-01T08:00:00Z'),
  now() {
    return this.t;
  },
};
const advanceMinutes = (m: number) => {
  clock.t += (m * 60_000) / SCALE;
};
const SESSIONS = 200;

let t: TestEmulator;
let appId: string;
let envId: string;
let linearId: string;
beforeAll(async () => {
  t = await startTestEmulator({ clock, timeScale: SCALE });
  appId = (await t.control.send(new CreateApplicationCommand({ Name: 'rollout-app' }))).Id!;
  envId = (
    await t.control.send(new CreateEnvironmentCommand({ ApplicationId: appId, Name: 'prod' }))
  ).Id!;
  linearId = (
    await t.control.send(
      new CreateDeploymentStrategyCommand({
        Name: 'linear-10',
        DeploymentDurationInMinutes: 10,
        GrowthFactor: 10,
        FinalBakeTimeInMinutes: 5,
      }),
    )
  ).Id!;
});
afterAll(() => t.close());

async function profile(
  name: string,
  type: 'AWS.Freeform' | 'AWS.AppConfig.FeatureFlags',
  versions: [label: string, content: string][],
): Promise<string> {
  const id = (
    await t.control.send(
      new CreateConfigurationProfileCommand({
        ApplicationId: appId,
        Name: name,
        LocationUri: 'hosted',
        Type: type,
      }),
    )
  ).Id!;
  for (const [label, content] of versions) {
    await t.control.send(
      new CreateHostedConfigurationVersionCommand({
        ApplicationId: appId,
        ConfigurationProfileId: id,
        Content: new TextEncoder().encode(content),
        ContentType: 'application/json',
        VersionLabel: label,
      }),
    );
  }
  return id;
}

const deploy = async (profileId: string, version: string, strategy: string) =>
  (
    await t.control.send(
      new StartDeploymentCommand({
        ApplicationId: appId,
        EnvironmentId: envId,
        ConfigurationProfileId: profileId,
        ConfigurationVersion: version,
        DeploymentStrategyId: strategy,
      }),
    )
  ).DeploymentNumber!;

const deployment = (n: number) =>
  t.control.send(
    new GetDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: n }),
  );

/** One client session: its current token and what it holds, as a well-behaved poller would keep them. */
interface Session {
  token: string;
  held?: string;
}

async function openSession(profileName: string): Promise<Session> {
  const out = await t.data.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: 'rollout-app',
      EnvironmentIdentifier: 'prod',
      ConfigurationProfileIdentifier: profileName,
    }),
  );
  return { token: out.InitialConfigurationToken! };
}

/** Polls every session once; returns, per session, the label it received (null for an empty body). */
async function pollAll(sessions: Session[]): Promise<(string | null)[]> {
  return Promise.all(
    sessions.map(async (s) => {
      const out = await t.data.send(
        new GetLatestConfigurationCommand({ ConfigurationToken: s.token }),
      );
      s.token = out.NextPollConfigurationToken!;
      const body =
        out.Configuration && out.Configuration.length > 0
          ? new TextDecoder().decode(out.Configuration)
          : null;
      if (body === null) {
        expect(out.VersionLabel ?? null).toBeNull();
        return null;
      }
      // A full body always matches its label: the content of version "x" is the JSON string "x".
      expect(body).toBe(JSON.stringify(out.VersionLabel));
      s.held = out.VersionLabel;
      return out.VersionLabel!;
    }),
  );
}

const holding = (sessions: Session[], label: string) =>
  sessions.filter((s) => s.held === label).length / sessions.length;

describe('a gradual LINEAR deployment seen by 200 sessions', () => {
  it(
    'tracks PercentageComplete, reaches every session, and rolls back only those that got the new version',
    { timeout: 120_000 },
    async () => {
      const profileId = await profile('settings', 'AWS.Freeform', [
        ['one', '"one"'],
        ['two', '"two"'],
        ['three', '"three"'],
      ]);
      await deploy(profileId, 'one', 'AppConfig.AllAtOnce');
      advanceMinutes(10);
      const sessions = await Promise.all(
        Array.from({ length: SESSIONS }, () => openSession('settings')),
      );
      expect(new Set(await pollAll(sessions))).toEqual(new Set(['one']));

      const second = await deploy(profileId, 'two', linearId);
      let previous = 0;
      for (let minute = 1; minute <= 10; minute++) {
        advanceMinutes(1);
        const { PercentageComplete, State } = await deployment(second);
        expect(PercentageComplete).toBe(minute * 10);
        const labels = await pollAll(sessions);
        // Only sessions crossing into the new version get a body; everyone else is told "unchanged".
        expect(labels.every((l) => l === null || l === 'two')).toBe(true);
        const fraction = holding(sessions, 'two');
        expect(Math.abs(fraction - PercentageComplete! / 100)).toBeLessThan(0.15);
        expect(fraction).toBeGreaterThanOrEqual(previous);
        previous = fraction;
        expect(State).toBe(minute === 10 ? 'BAKING' : 'DEPLOYING');
      }
      expect(holding(sessions, 'two')).toBe(1);
      advanceMinutes(5);
      expect((await deployment(second)).State).toBe('COMPLETE');
      expect(new Set(await pollAll(sessions))).toEqual(new Set([null]));

      const third = await deploy(profileId, 'three', linearId);
      advanceMinutes(5);
      await pollAll(sessions);
      const hadThree = sessions.map((s) => s.held === 'three');
      expect(hadThree.filter(Boolean).length).toBeGreaterThan(SESSIONS * 0.3);
      expect(hadThree.filter(Boolean).length).toBeLessThan(SESSIONS * 0.7);
      const stopped = await t.control.send(
        new StopDeploymentCommand({
          ApplicationId: appId,
          EnvironmentId: envId,
          DeploymentNumber: third,
        }),
      );
      expect(stopped.State).toBe('ROLLED_BACK');
      const afterRollback = await pollAll(sessions);
      // Sessions that got "three" receive the full previous version again; the others were never moved.
      expect(afterRollback).toEqual(hadThree.map((had) => (had ? 'two' : null)));
      expect(holding(sessions, 'two')).toBe(1);
      expect(new Set(await pollAll(sessions))).toEqual(new Set([null]));
    },
  );
});

describe('a feature-flag profile', () => {
  it('is served through GetLatestConfiguration in retrieval form, not as authored', async () => {
    const authored = {
      version: '1',
      flags: {
        'dark-mode': {
          name: 'Dark mode',
          _createdAt: '2026-01-01T00:00:00Z',
          attributes: { theme: { constraints: { type: 'string', enum: ['slate', 'midnight'] } } },
        },
        beta: { name: 'Beta', attributes: { cohort: { constraints: { type: 'number' } } } },
      },
      values: {
        'dark-mode': { enabled: true, theme: 'slate', _updatedAt: '2026-01-02T00:00:00Z' },
        beta: { enabled: false, cohort: 3 },
      },
    };
    const profileId = await profile('flags', 'AWS.AppConfig.FeatureFlags', [
      ['flags-1', JSON.stringify(authored)],
    ]);
    await deploy(profileId, 'flags-1', 'AppConfig.AllAtOnce');
    const s = await openSession('flags');
    const out = await t.data.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: s.token }),
    );
    expect(out.ContentType).toBe('application/json');
    expect(out.VersionLabel).toBe('flags-1');
    expect(JSON.parse(new TextDecoder().decode(out.Configuration))).toEqual({
      'dark-mode': { enabled: true, theme: 'slate' },
      beta: { enabled: false },
    });
  });
});
