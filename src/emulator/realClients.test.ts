// The emulator must work unchanged with real AWS clients, not just the JS SDK this repo's other tests use:
// the AWS CLI (`--endpoint-url`), boto3 and Powertools' AppConfigProvider, all against the demo seed.
// The CLI and boto3 run as child processes; when one is missing its tests are skipped and say why, except in
// CI, where they fail (test/clients/requireClient.ts).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CreateHostedConfigurationVersionCommand,
  GetHostedConfigurationVersionCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListEnvironmentsCommand,
  ListHostedConfigurationVersionsCommand,
  StartDeploymentCommand,
} from '@aws-sdk/client-appconfig';
import { AppConfigProvider, getAppConfig } from '@aws-lambda-powertools/parameters/appconfig';
import { startTestEmulator, type TestEmulator } from './test/support.js';
import { ClientSandbox } from './test/clients/childProcess.js';
import { itWithClient } from './test/clients/requireClient.js';

// Skipped locally (reason in the title) when a client is missing; failing in CI, which installs both.
const cliIt = itWithClient('aws');
const boto3It = itWithClient('boto3');
const BOTO3_SCRIPT = fileURLToPath(new URL('./test/clients/boto3Session.py', import.meta.url));
const credentials = { accessKeyId: 'AKIDEMULATORTEST', secretAccessKey: 'emulator-test-secret' };

let t: TestEmulator;
let sandbox: ClientSandbox;
beforeEach(async () => {
  t = await startTestEmulator({ seed: 'demo' });
  sandbox = new ClientSandbox();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  sandbox.dispose();
  await t.close();
});

/** Ids of the demo app, its `dev` environment and one profile, looked up through the control plane. */
async function demoIds(profileName: string) {
  const apps = await t.control.send(new ListApplicationsCommand({}));
  const appId = apps.Items?.find((a) => a.Name === 'demo-app')?.Id ?? '';
  const envs = await t.control.send(new ListEnvironmentsCommand({ ApplicationId: appId }));
  const profiles = await t.control.send(
    new ListConfigurationProfilesCommand({ ApplicationId: appId }),
  );
  return {
    appId,
    envId: envs.Items?.find((e) => e.Name === 'dev')?.Id ?? '',
    profileId: profiles.Items?.find((p) => p.Name === profileName)?.Id ?? '',
  };
}

/** The stored bytes of a hosted version, by label: what a poll must serve for a freeform profile. */
async function hostedContent(profileName: string, label: string): Promise<Buffer> {
  const { appId, profileId } = await demoIds(profileName);
  const ids = { ApplicationId: appId, ConfigurationProfileId: profileId };
  const list = await t.control.send(new ListHostedConfigurationVersionsCommand(ids));
  const version = list.Items?.find((v) => v.VersionLabel === label);
  expect(version, `hosted version ${label} of ${profileName}`).toBeDefined();
  const got = await t.control.send(
    new GetHostedConfigurationVersionCommand({ ...ids, VersionNumber: version?.VersionNumber }),
  );
  return Buffer.from(got.Content ?? new Uint8Array());
}

const observed = (kind: 'startSession' | 'poll') =>
  t.emulator.context.observations.list(0, 10_000).records.filter((r) => r.kind === kind);
const polls = () => observed('poll');

/** `aws-cli/2.9.19 …` → whether that CLI reads AWS_ENDPOINT_URL_<SERVICE> (v1 ≥ 1.29, v2 ≥ 2.13). */
function cliReadsServiceEndpointEnv(versionLine: string): boolean {
  const m = /aws-cli\/(\d+)\.(\d+)/.exec(versionLine);
  const [major, minor] = [Number(m?.[1]), Number(m?.[2])];
  return major === 1 ? minor >= 29 : major === 2 ? minor >= 13 : major > 2;
}

describe('AWS CLI', () => {
  const session = (endpoint: string[]) => [
    'appconfigdata',
    'start-configuration-session',
    ...endpoint,
    '--application-identifier',
    'demo-app',
    '--environment-identifier',
    'dev',
    '--configuration-profile-identifier',
    'app-config',
    '--query',
    'InitialConfigurationToken',
    '--output',
    'text',
  ];
  const poll = (url: string, token: string, outfile: string) => [
    'appconfigdata',
    'get-latest-configuration',
    '--endpoint-url',
    url,
    '--configuration-token',
    token,
    outfile,
  ];

  cliIt('writes the served bytes, prints the poll headers, then an empty file', async () => {
    const started = await sandbox.run('aws', session(['--endpoint-url', t.emulator.url]));
    expect(started.code, started.stderr).toBe(0);
    const token = started.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);

    const first = await sandbox.run('aws', poll(t.emulator.url, token, 'first.json'));
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(sandbox.path('first.json'))).toEqual(
      await hostedContent('app-config', 'v1.1.0'),
    );
    const printed = JSON.parse(first.stdout) as Record<string, unknown>;
    expect(printed.NextPollConfigurationToken).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);
    // awscli 2.9.19's rest-json parser leaves header integers as strings ("60"); botocore converts them.
    expect(Number(printed.NextPollIntervalInSeconds)).toBe(60);
    expect(printed.ContentType).toBe('application/json');
    // The emulator always sends Version-Label on a changed poll; a CLI prints it only if its model knows it.
    expect(polls().at(-1)?.versionLabel).toBe('v1.1.0');
    const help = await sandbox.run('aws', ['appconfigdata', 'get-latest-configuration', 'help']);
    if (help.stdout.includes('NextPollIntervalInSeconds')) {
      expect(printed.VersionLabel).toBe(
        help.stdout.includes('VersionLabel') ? 'v1.1.0' : undefined,
      );
    } else if (printed.VersionLabel !== undefined) {
      expect(printed.VersionLabel).toBe('v1.1.0');
    }

    const nextToken = String(printed.NextPollConfigurationToken);
    const second = await sandbox.run('aws', poll(t.emulator.url, nextToken, 'second.json'));
    expect(second.code, second.stderr).toBe(0);
    expect(existsSync(sandbox.path('second.json'))).toBe(true);
    expect(readFileSync(sandbox.path('second.json')).length).toBe(0);
    const again = JSON.parse(second.stdout) as Record<string, unknown>;
    expect(again.NextPollConfigurationToken).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);
    expect(again.NextPollConfigurationToken).not.toBe(nextToken);
    expect(again.VersionLabel).toBeUndefined();
    expect(polls().at(-1)?.facts.unchanged).toBe(true);
  });

  cliIt('answers a control-plane call (appconfig list-applications)', async () => {
    const args = ['appconfig', 'list-applications', '--endpoint-url', t.emulator.url];
    const out = await sandbox.run('aws', args);
    expect(out.code, out.stderr).toBe(0);
    const { appId } = await demoIds('app-config');
    expect((JSON.parse(out.stdout) as { Items: unknown[] }).Items).toEqual([
      expect.objectContaining({ Id: appId, Name: 'demo-app' }),
    ]);
  });

  cliIt('AWS_ENDPOINT_URL_APPCONFIGDATA is used only by CLIs that know it', async () => {
    const version = await sandbox.run('aws', ['--version']);
    const honoured = cliReadsServiceEndpointEnv(version.stdout + version.stderr);
    // A region with no real host: a CLI that ignores the variable fails fast on DNS instead of reaching AWS.
    const env = {
      AWS_ENDPOINT_URL_APPCONFIGDATA: t.emulator.url,
      AWS_REGION: 'emulator-test-1',
      AWS_DEFAULT_REGION: 'emulator-test-1',
      AWS_MAX_ATTEMPTS: '1',
    };
    const out = await sandbox.run('aws', session(['--cli-connect-timeout', '3']), env);
    expect({
      exitedOk: out.code === 0,
      reachedEmulator: observed('startSession').length === 1,
    }).toEqual({
      exitedOk: honoured,
      reachedEmulator: honoured,
    });
  });
});

interface Boto3Poll {
  status: number;
  bodyBase64: string;
  nextToken: string | null;
  interval: number | null;
  intervalType: string;
  contentType: string | null;
  versionLabel: string | null;
}
interface Boto3Report {
  modelHasVersionLabel: boolean;
  polls: Boto3Poll[];
  error?: { className: string; isClientError: boolean; response: Record<string, unknown> };
}

async function boto3(scenario: 'polls' | 'too-early'): Promise<Boto3Report> {
  const out = await sandbox.run('python3', [BOTO3_SCRIPT, t.emulator.url, scenario]);
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as Boto3Report;
}

describe('boto3', () => {
  boto3It('starts a session and polls twice: content, then an empty read()', async () => {
    const report = await boto3('polls');
    const [first, second] = report.polls;
    const served = await hostedContent('app-config', 'v1.1.0');
    expect(Buffer.from(first?.bodyBase64 ?? '', 'base64')).toEqual(served);
    expect(first).toMatchObject({ status: 200, interval: 60, intervalType: 'int' });
    expect(first?.contentType).toBe('application/json');
    expect(first?.versionLabel).toBe(report.modelHasVersionLabel ? 'v1.1.0' : null);
    expect(second).toMatchObject({ status: 200, bodyBase64: '', interval: 60, versionLabel: null });
    expect(second?.nextToken).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);
    expect(second?.nextToken).not.toBe(first?.nextToken);
  });

  boto3It('surfaces "Request too early" as a ClientError with Reason and Details', async () => {
    const report = await boto3('too-early');
    expect(report.polls).toHaveLength(1);
    expect(report.polls[0]?.interval).toBe(15);
    expect(report.error).toEqual({
      className: 'BadRequestException',
      isClientError: true,
      response: {
        Error: { Code: 'BadRequestException', Message: 'Request too early' },
        Message: 'Request too early',
        Reason: 'InvalidParameters',
        Details: {
          InvalidParameters: { ConfigurationToken: { Problem: 'PollIntervalNotSatisfied' } },
        },
        HTTPStatusCode: 400,
      },
    });
  });
});

describe('Powertools AppConfigProvider', () => {
  const provider = () =>
    new AppConfigProvider({
      application: 'demo-app',
      environment: 'dev',
      clientConfig: { endpoint: t.emulator.url, region: 'us-east-1', credentials },
    });
  const parsed = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as unknown;

  it('serves JSON, caches within maxAge, keeps it on an empty body, sees a new deployment', async () => {
    const p = provider();
    const served = parsed(await hostedContent('app-config', 'v1.1.0'));
    expect(await p.get('app-config', { transform: 'json' })).toEqual(served);
    expect(polls()).toHaveLength(1);

    // Within maxAge (default 5 s) the cached value comes back without a request.
    expect(await p.get('app-config', { transform: 'json' })).toEqual(served);
    expect(polls()).toHaveLength(1);

    // A forced fetch of an unchanged configuration gets an empty body; Powertools returns its stashed value.
    expect(await p.get('app-config', { transform: 'json', forceFetch: true })).toEqual(served);
    expect(polls()).toHaveLength(2);
    expect(polls()[1]?.facts.unchanged).toBe(true);

    const { appId, envId, profileId } = await demoIds('app-config');
    const next = {
      logLevel: 'warn',
      maxConnections: 50,
      endpoints: { api: 'https://api2.example.com' },
    };
    const created = await t.control.send(
      new CreateHostedConfigurationVersionCommand({
        ApplicationId: appId,
        ConfigurationProfileId: profileId,
        Content: Buffer.from(JSON.stringify(next)),
        ContentType: 'application/json',
        VersionLabel: 'v2.0.0',
      }),
    );
    await t.control.send(
      new StartDeploymentCommand({
        ApplicationId: appId,
        EnvironmentId: envId,
        ConfigurationProfileId: profileId,
        DeploymentStrategyId: 'AppConfig.AllAtOnce',
        ConfigurationVersion: String(created.VersionNumber),
      }),
    );
    expect(await p.get('app-config', { transform: 'json' }), 'still cached').toEqual(served);
    expect(await p.get('app-config', { transform: 'json', forceFetch: true })).toEqual(next);
    expect(polls().at(-1)).toMatchObject({ versionLabel: 'v2.0.0', facts: { unchanged: false } });
  });

  it('returns the flattened form of a feature-flags profile', async () => {
    const authored = parsed(await hostedContent('feature-flags', 'flags-2')) as { values: unknown };
    // AWS serves a flags profile as its `values`: each flag's `enabled` plus its attribute values.
    expect(await provider().get('feature-flags', { transform: 'json' })).toEqual(authored.values);
    expect(authored.values).toEqual({
      'dark-mode': { enabled: true, theme: 'slate' },
      'new-checkout': { enabled: true, maxItems: 20 },
    });
  });

  it('getAppConfig (takes no client options) finds it via AWS_ENDPOINT_URL_APPCONFIGDATA', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_APPCONFIGDATA', t.emulator.url);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
    const value = await getAppConfig('motd', { application: 'demo-app', environment: 'dev' });
    expect(value).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(value ?? new Uint8Array())).toEqual(await hostedContent('motd', 'motd-2'));
  });
});
