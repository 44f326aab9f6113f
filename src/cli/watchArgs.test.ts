// watch's command line in-process: what each flag becomes, the precise refusals of bad ones, the environment
// CMD gets (the user's own settings win), and --deploy specs resolved against a real emulator's control plane
// over HTTP with the real SDK (a typo is a usage error before CMD runs).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { UsageError } from './args.js';
import { parseWatchArgs } from './watchArgs.js';
import { controlPlaneClient, resolveDeploy } from './watchDeploy.js';
import { childEnvironment } from './watchEnv.js';

const usage = (argv: string[]) => {
  try {
    parseWatchArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
};

describe('watch flags', () => {
  it('splits flags from CMD at the first "--" and pairs each --deploy with the --after that follows it', () => {
    const o = parseWatchArgs([
      '--fail-on',
      'warning',
      '--allow',
      'token-reused',
      '--allow',
      'token-reused',
      '--deploy',
      'v1.1.0@demo-app/prod/app-config',
      '--after',
      '1.5',
      '--deploy',
      '2@motd:AppConfig.Linear50PercentEvery30Seconds',
      '--after',
      '0',
      '--time-scale',
      '60',
      '--strict-tokens',
      '--',
      'npm',
      'test',
      '--',
      '--watch=false',
    ]);
    expect(o.command).toEqual(['npm', 'test', '--', '--watch=false']);
    expect(o.failOn).toBe('warning');
    expect(o.allow).toEqual(['token-reused']);
    expect(o.deploys.map((d) => [d.version, d.profilePath, d.strategy, d.afterSeconds])).toEqual([
      ['v1.1.0', ['demo-app', 'prod', 'app-config'], 'AppConfig.AllAtOnce', 1.5],
      ['2', ['motd'], 'AppConfig.Linear50PercentEvery30Seconds', 0],
    ]);
    expect(o.emulator).toMatchObject({
      timeScale: 60,
      strictTokens: true,
      host: '127.0.0.1',
      port: 0,
    });
  });

  it('refuses bad flags, naming what is wrong', () => {
    expect(usage(['node', 'app.mjs'])).toMatch(/^put "--" before the command to run/);
    expect(usage(['--report', 'x.json'])).toMatch(/^missing "-- CMD \[ARGS\.\.\.\]"/);
    expect(usage(['--'])).toMatch(/^no command after "--"/);
    expect(usage(['--fail-on', 'info', '--', 'true'])).toBe(
      '--fail-on must be error or warning, got "info".',
    );
    expect(usage(['--allow', 'token-reuse', '--', 'true'])).toContain(
      'expected one of token-reused, stale-token, polled-too-early, token-expired, token-near-expiry, session-churn, missed-deployment, aws-error, deployment-not-picked-up',
    );
    expect(usage(['--deploy', 'v2', '--after', '1', '--', 'true'])).toContain(
      'must be VERSION@PROFILE[:STRATEGY]',
    );
    expect(usage(['--deploy', 'v2@a/b', '--after', '1', '--', 'true'])).toContain(
      'PROFILE must be application/environment/profile or a profile name, got "a/b"',
    );
    expect(usage(['--deploy', 'v2@p', '--', 'true'])).toContain('needs --after SECONDS');
    expect(usage(['--deploy', 'v2@p', '--deploy', 'v3@p', '--after', '1', '--', 'true'])).toContain(
      '--deploy "v2@p" needs its --after SECONDS before the next --deploy',
    );
    expect(usage(['--after', '1', '--', 'true'])).toBe(
      '--after SECONDS goes after the --deploy it times.',
    );
    expect(usage(['--deploy', 'v2@p', '--after', 'soon', '--', 'true'])).toBe(
      '--after must be a number, got "soon".',
    );
    expect(usage(['--time-scale', '0', '--', 'true'])).toBe(
      '--time-scale must be between 0.001 and 1000000, got 0.',
    );
  });
});

describe("CMD's environment", () => {
  it('points every client at the emulator with a region and dummy keys when the user set none', () => {
    const { env, warnings } = childEnvironment(
      { PATH: '/bin', AWS_CONFIG_FILE: '/nonexistent/aws-config' },
      'http://127.0.0.1:1234',
    );
    expect(env).toMatchObject({
      AWS_ENDPOINT_URL_APPCONFIGDATA: 'http://127.0.0.1:1234',
      AWS_ENDPOINT_URL_APPCONFIG: 'http://127.0.0.1:1234',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: expect.any(String),
      AWS_SECRET_ACCESS_KEY: expect.any(String),
    });
    expect(warnings).toEqual([]);
  });

  it("keeps the user's own values, fills one region variable from the other, and warns about a foreign endpoint", () => {
    const { env, warnings } = childEnvironment(
      {
        AWS_ENDPOINT_URL_APPCONFIGDATA: 'https://appconfigdata.eu-west-1.amazonaws.com',
        AWS_DEFAULT_REGION: 'eu-west-1',
        AWS_PROFILE: 'dev',
      },
      'http://127.0.0.1:1234',
    );
    expect(env.AWS_ENDPOINT_URL_APPCONFIGDATA).toBe(
      'https://appconfigdata.eu-west-1.amazonaws.com',
    );
    expect(env.AWS_ENDPOINT_URL_APPCONFIG).toBe('http://127.0.0.1:1234');
    expect([env.AWS_REGION, env.AWS_DEFAULT_REGION]).toEqual(['eu-west-1', 'eu-west-1']);
    // With AWS_PROFILE the JS SDK ignores environment keys: none are added.
    expect(env.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringContaining(
        'AWS_ENDPOINT_URL_APPCONFIGDATA is set to https://appconfigdata.eu-west-1.amazonaws.com',
      ),
    ]);
  });
});

describe("CMD's region from the shared config file", () => {
  it("leaves the region to the active profile's region in AWS_CONFIG_FILE", () => {
    const dir = mkdtempSync(join(tmpdir(), 'aci-watch-env-'));
    try {
      const config = join(dir, 'config');
      writeFileSync(config, '[default]\nregion = us-west-2\n[profile ci]\noutput = json\n');
      const withRegion = childEnvironment({ AWS_CONFIG_FILE: config }, 'http://127.0.0.1:1').env;
      expect([withRegion.AWS_REGION, withRegion.AWS_DEFAULT_REGION]).toEqual([
        undefined,
        undefined,
      ]);
      const without = childEnvironment(
        { AWS_CONFIG_FILE: config, AWS_PROFILE: 'ci' },
        'http://127.0.0.1:1',
      );
      expect(without.env.AWS_REGION).toBe('us-east-1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--deploy against the emulator', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo' });
  });
  afterAll(() => emulator.close());

  const resolved = (argv: string[]) => {
    const [spec] = parseWatchArgs([...argv, '--', 'true']).deploys;
    return resolveDeploy(controlPlaneClient(emulator.url), spec!);
  };
  const refusal = async (argv: string[]) => {
    const e = await resolved(argv).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  };

  it('finds the version by label or number and the strategy by name', async () => {
    const byLabel = await resolved(['--deploy', 'v1.1.0@demo-app/prod/app-config', '--after', '1']);
    expect(byLabel).toMatchObject({
      application: { Name: 'demo-app' },
      environment: { Name: 'prod' },
      profile: { Name: 'app-config' },
      versionNumber: 2,
      versionLabel: 'v1.1.0',
      strategyId: 'AppConfig.AllAtOnce',
    });
    const byNumber = await resolved([
      '--deploy',
      '1@demo-app/dev/motd:AppConfig.Linear50PercentEvery30Seconds',
      '--after',
      '1',
    ]);
    expect(byNumber).toMatchObject({ versionNumber: 1, versionLabel: 'motd-1' });
    expect(byNumber.strategyId).toBe('AppConfig.Linear50PercentEvery30Seconds');
  });

  it('refuses an ambiguous profile, an unknown version, strategy or profile, listing what exists', async () => {
    expect(await refusal(['--deploy', 'v1.1.0@app-config', '--after', '1'])).toContain(
      'name one of demo-app/dev/app-config, demo-app/prod/app-config',
    );
    expect(await refusal(['--deploy', 'v9@demo-app/prod/app-config', '--after', '1'])).toContain(
      'app-config has no hosted version "v9"; it has v1.0.0, v1.1.0.',
    );
    expect(
      await refusal(['--deploy', 'v1.1.0@demo-app/prod/app-config:Fast', '--after', '1']),
    ).toContain('no deployment strategy "Fast"; there are AppConfig.');
    expect(await refusal(['--deploy', 'v1@demo-app/qa/app-config', '--after', '1'])).toContain(
      "the emulator's seed has no demo-app/qa/app-config",
    );
  });
});
