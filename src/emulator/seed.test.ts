// Seeds: the built-in demo and the example seed file, seen through the real SDK's list calls, and the located
// error messages a broken seed file gets.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GetHostedConfigurationVersionCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListDeploymentStrategiesCommand,
  ListDeploymentsCommand,
  ListEnvironmentsCommand,
  ListHostedConfigurationVersionsCommand,
  type AppConfigClient,
} from '@aws-sdk/client-appconfig';
import { startTestEmulator } from './test/support.js';
import { applySeed, loadSeed, SeedError } from './seed.js';
import { Store } from './store.js';
import { deploymentStatus } from './deploymentEngine.js';
import type { EmulatorContext } from './index.js';

async function snapshot(control: AppConfigClient) {
  const apps = (await control.send(new ListApplicationsCommand({}))).Items ?? [];
  return Promise.all(
    apps.map(async (app) => {
      const envs =
        (await control.send(new ListEnvironmentsCommand({ ApplicationId: app.Id }))).Items ?? [];
      const profiles =
        (await control.send(new ListConfigurationProfilesCommand({ ApplicationId: app.Id })))
          .Items ?? [];
      const versions = Object.fromEntries(
        await Promise.all(
          profiles.map(async (p) => {
            const items =
              (
                await control.send(
                  new ListHostedConfigurationVersionsCommand({
                    ApplicationId: app.Id,
                    ConfigurationProfileId: p.Id,
                  }),
                )
              ).Items ?? [];
            return [p.Name, items.map((v) => `${v.VersionLabel}:${v.ContentType}`).reverse()];
          }),
        ),
      );
      const deployments = Object.fromEntries(
        await Promise.all(
          envs.map(async (e) => {
            const items =
              (
                await control.send(
                  new ListDeploymentsCommand({ ApplicationId: app.Id, EnvironmentId: e.Id }),
                )
              ).Items ?? [];
            return [
              e.Name,
              items.map((d) => `${d.ConfigurationName}@${d.VersionLabel}:${d.State}`).reverse(),
            ];
          }),
        ),
      );
      return {
        app: app.Name,
        envs: envs.map((e) => `${e.Name}:${e.State}`),
        profiles: profiles.map((p) => `${p.Name}:${p.Type}`),
        versions,
        deployments,
      };
    }),
  );
}

describe('the demo seed', () => {
  it('is visible through the list calls: two environments, four profiles, labelled versions, completed deployments', async () => {
    const t = await startTestEmulator({ seed: 'demo' });
    try {
      expect(await snapshot(t.control)).toEqual([
        {
          app: 'demo-app',
          envs: ['dev:READY_FOR_DEPLOYMENT', 'prod:READY_FOR_DEPLOYMENT'],
          profiles: [
            'app-config:AWS.Freeform',
            'feature-flags:AWS.AppConfig.FeatureFlags',
            'service-yaml:AWS.Freeform',
            'motd:AWS.Freeform',
          ],
          versions: {
            'app-config': ['v1.0.0:application/json', 'v1.1.0:application/json'],
            'feature-flags': ['flags-1:application/json', 'flags-2:application/json'],
            'service-yaml': ['yaml-1:application/x-yaml', 'yaml-2:application/x-yaml'],
            motd: ['motd-1:text/plain', 'motd-2:text/plain'],
          },
          deployments: {
            dev: [
              'app-config@v1.0.0:COMPLETE',
              'app-config@v1.1.0:COMPLETE',
              'feature-flags@flags-2:COMPLETE',
              'service-yaml@yaml-2:COMPLETE',
              'motd@motd-2:COMPLETE',
            ],
            prod: [
              'app-config@v1.0.0:COMPLETE',
              'feature-flags@flags-1:COMPLETE',
              'service-yaml@yaml-1:COMPLETE',
              'motd@motd-1:COMPLETE',
            ],
          },
        },
      ]);
    } finally {
      await t.close();
    }
  });
});

describe('seed files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'seed-test-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads e2e/fixtures/seed.example.json, custom strategy and byte-exact content included', async () => {
    const file = new URL('../../e2e/fixtures/seed.example.json', import.meta.url).pathname;
    const t = await startTestEmulator({ seed: { file } });
    try {
      const [app] = await snapshot(t.control);
      expect(app).toMatchObject({
        app: 'example-app',
        profiles: [
          'settings:AWS.Freeform',
          'flags:AWS.AppConfig.FeatureFlags',
          'banner:AWS.Freeform',
        ],
        deployments: {
          production: ['settings@settings-1:COMPLETE'],
          staging: [
            'settings@settings-2:COMPLETE',
            'flags@flags-1:COMPLETE',
            'banner@banner-1:COMPLETE',
          ],
        },
      });
      const strategies =
        (await t.control.send(new ListDeploymentStrategiesCommand({}))).Items ?? [];
      expect(strategies.find((s) => s.Name === 'quick-linear')).toMatchObject({
        DeploymentDurationInMinutes: 4,
        GrowthFactor: 25,
        FinalBakeTimeInMinutes: 1,
      });
      const appId = (await t.control.send(new ListApplicationsCommand({}))).Items![0]!.Id!;
      const banner = (
        await t.control.send(new ListConfigurationProfilesCommand({ ApplicationId: appId }))
      ).Items!.find((p) => p.Name === 'banner')!;
      const v = await t.control.send(
        new GetHostedConfigurationVersionCommand({
          ApplicationId: appId,
          ConfigurationProfileId: banner.Id,
          VersionNumber: 1,
        }),
      );
      expect(new TextDecoder().decode(v.Content)).toBe('Hello from the seed file.\n');
    } finally {
      await t.close();
    }
  });

  it('names the file when it is missing or not JSON', async () => {
    const context = { store: new Store() } as EmulatorContext;
    const missing = join(dir, 'missing.json');
    await expect(loadSeed(context, { file: missing })).rejects.toThrow(
      `${missing}: cannot read the seed file`,
    );
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"applications": [');
    await expect(loadSeed(context, { file: broken })).rejects.toThrow(
      new RegExp(`^${broken}: not valid JSON`),
    );
  });

  const app = (extra: object) => ({
    applications: [
      {
        name: 'a',
        environments: [{ name: 'dev' }],
        profiles: [{ name: 'p', versions: [{ label: 'v1', content: {} }] }],
        ...extra,
      },
    ],
  });
  it.each([
    [
      'an unknown key',
      { applications: [{ name: 'a', enviroments: [] }] },
      '$.applications[0].enviroments: unknown key; expected one of name, description, environments, profiles, deployments.',
    ],
    ['a missing name', { applications: [{}] }, '$.applications[0].name: is required.'],
    [
      'a duplicate environment',
      { applications: [{ name: 'a', environments: [{ name: 'dev' }, { name: 'dev' }] }] },
      "$.applications[0].environments[1].name: duplicate environment name 'dev'.",
    ],
    [
      'a control-plane refusal',
      {
        applications: [
          { name: 'a', profiles: [{ name: 'p', versions: [{ label: '123', content: 'x' }] }] },
        ],
      },
      "$.applications[0].profiles[0].versions[0]: VersionLabel '123' must match the pattern .*[^0-9].* (at least one non-digit).",
    ],
    [
      'an invalid flag document',
      {
        applications: [
          {
            name: 'a',
            profiles: [
              {
                name: 'f',
                type: 'AWS.AppConfig.FeatureFlags',
                versions: [{ content: { version: '2' } }],
              },
            ],
          },
        ],
      },
      '$.applications[0].profiles[0].versions[0]: The feature flag configuration is invalid. $.version:',
    ],
    [
      'both content forms',
      {
        applications: [
          {
            name: 'a',
            profiles: [{ name: 'p', versions: [{ content: 'x', contentBase64: 'eA==' }] }],
          },
        ],
      },
      '$.applications[0].profiles[0].versions[0]: needs exactly one of content',
    ],
    [
      'an unknown environment',
      app({ deployments: [{ environment: 'qa', profile: 'p', version: 'v1' }] }),
      "$.applications[0].deployments[0].environment: no environment named 'qa' in this application.",
    ],
    [
      'an unknown strategy',
      app({ deployments: [{ environment: 'dev', profile: 'p', version: 'v1', strategy: 'fast' }] }),
      "$.applications[0].deployments[0].strategy: 'fast' is neither a predefined AppConfig.* strategy nor in deploymentStrategies.",
    ],
    [
      'an unknown version',
      app({ deployments: [{ environment: 'dev', profile: 'p', version: 'v9' }] }),
      '$.applications[0].deployments[0]: Configuration profile',
    ],
    [
      'overlapping deployments',
      app({
        deployments: [
          { environment: 'dev', profile: 'p', version: 'v1', startedMinutesAgo: 5 },
          { environment: 'dev', profile: 'p', version: 'v1', startedMinutesAgo: 4 },
        ],
      }),
      '$.applications[0].deployments[1]: Deployment number 1 is still in progress',
    ],
  ])('refuses %s with the file and JSON path', (_, seed, message) => {
    expect(() => applySeed(new Store(), seed, 'seed.json')).toThrow(SeedError);
    expect(() => applySeed(new Store(), seed, 'seed.json')).toThrow(`seed.json: ${message}`);
  });

  it('decodes contentBase64 and can seed a deployment still in progress', () => {
    const store = new Store();
    applySeed(
      store,
      app({
        deployments: [
          {
            environment: 'dev',
            profile: 'p',
            version: 'v1',
            strategy: 'AppConfig.Linear20PercentEvery6Minutes',
            startedMinutesAgo: 7,
          },
        ],
      }),
      'inline',
    );
    const [dep] = [...store.deployments.values()][0]!;
    expect(dep).toMatchObject({
      ConfigurationVersion: '1',
      DeploymentStrategyId: 'AppConfig.Linear20PercentEvery6Minutes',
    });
    expect(deploymentStatus(store, dep!)).toMatchObject({
      State: 'DEPLOYING',
      PercentageComplete: 20,
    });
    const binary = new Store();
    applySeed(
      binary,
      {
        applications: [
          { name: 'b', profiles: [{ name: 'bin', versions: [{ contentBase64: 'AAH/' }] }] },
        ],
      },
      'inline',
    );
    const [v] = [...binary.hostedVersions.values()][0]!;
    expect([...v!.Content]).toEqual([0, 1, 255]);
    expect(v!.ContentType).toBe('application/octet-stream');
  });
});
