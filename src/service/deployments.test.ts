// The Deployments view's methods through the service's request API, against a real emulator over HTTP with
// the real SDK. One fake clock drives both sides and the emulator runs deployments 60 times faster, so a
// rollout's steps, bake and the 72-hour revert window are reached by moving the clock, never by waiting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateApplicationCommand,
  CreateConfigurationProfileCommand,
  CreateEnvironmentCommand,
} from '@aws-sdk/client-appconfig';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { controlClient } from '../emulator/test/support.js';
import { ProtocolError } from '../protocol/messages.js';
import { InspectorService } from './inspectorService.js';
import { FakeClock } from './test/fakeClock.js';

const SCALE = 60;
let clock: FakeClock;
let emulator: RunningEmulator;
let dataDir: string;
let service: InspectorService;
let ids: { app: string; env: string; profile: string; flags: string };

beforeEach(async () => {
  clock = new FakeClock(Date.UTC(2026, 10, 21, 12));
  emulator = await startEmulator({ port: 0, seed: 'none', clock, timeScale: SCALE });
  const control = controlClient(emulator.url);
  const app = (await control.send(new CreateApplicationCommand({ Name: 'shop' }))).Id!;
  const env = (
    await control.send(new CreateEnvironmentCommand({ ApplicationId: app, Name: 'prod' }))
  ).Id!;
  const profile = async (Name: string, Type: string) =>
    (
      await control.send(
        new CreateConfigurationProfileCommand({
          ApplicationId: app,
          Name,
          LocationUri: 'hosted',
          Type,
        }),
      )
    ).Id!;
  ids = {
    app,
    env,
    profile: await profile('settings', 'AWS.Freeform'),
    flags: await profile('flags', 'AWS.AppConfig.FeatureFlags'),
  };
  control.destroy();
  dataDir = mkdtempSync(join(tmpdir(), 'aci-deployments-'));
  service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir,
    clock,
    observe: false,
  });
});

afterEach(async () => {
  service.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const profileRef = () => ({ applicationId: ids.app, configurationProfileId: ids.profile });
const flagsRef = () => ({ applicationId: ids.app, configurationProfileId: ids.flags });
const envRef = () => ({ applicationId: ids.app, environmentId: ids.env });

/** The ProtocolError a request settles with (fails the test if it succeeds). */
async function refusal(promise: Promise<unknown>): Promise<ProtocolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProtocolError);
  return error as ProtocolError;
}

async function version(text: string, label?: string): Promise<number> {
  const created = await service.request('createHostedVersion', {
    ...profileRef(),
    content: text,
    format: 'json',
    ...(label ? { versionLabel: label } : {}),
  });
  return created.versionNumber;
}

const deploy = (versionNumber: number, deploymentStrategyId: string) =>
  service.request('startDeployment', {
    ...envRef(),
    configurationProfileId: ids.profile,
    versionNumber,
    deploymentStrategyId,
  });

describe('hosted versions', () => {
  it('creates, lists and reads back a version with its content', async () => {
    const created = await service.request('createHostedVersion', {
      ...profileRef(),
      content: 'color: blue\n',
      format: 'yaml',
      versionLabel: 'v1-blue',
      description: 'first',
    });
    expect(created).toMatchObject({ versionNumber: 1, versionLabel: 'v1-blue', size: 12 });
    await version('{"color":"red"}', 'v2-red');
    const list = await service.request('listHostedVersions', profileRef());
    expect(list.map((v) => [v.versionNumber, v.versionLabel, v.contentType])).toEqual([
      [2, 'v2-red', 'application/json'],
      [1, 'v1-blue', 'application/x-yaml'],
    ]);
    const got = await service.request('getHostedVersion', { ...profileRef(), versionNumber: 1 });
    expect(got).toMatchObject({ description: 'first', size: 12 });
    expect(Buffer.from(got.content.base64, 'base64').toString()).toBe('color: blue\n');
    expect(got.content.contentHash).toMatch(/^[0-9a-f]{64}$/);
    // Kept like polled content, so a diff (or a page that reconnects) can read it by hash.
    const stored = await service.request('getContent', { contentHash: got.content.contentHash });
    expect(stored).toEqual(got.content);
  });

  it('refuses unparsable JSON and YAML with the line, and uploads nothing', async () => {
    const json = await refusal(
      service.request('createHostedVersion', {
        ...profileRef(),
        content: '{\n  "a": 1,\n}',
        format: 'json',
      }),
    );
    expect(json.code).toBe('invalidParams');
    expect(json.message).toMatch(/^Invalid JSON document at line 3, column 1: /);
    const yaml = await refusal(
      service.request('createHostedVersion', {
        ...profileRef(),
        content: 'a: 1\nb: [1\nc: 2',
        format: 'yaml',
      }),
    );
    expect(yaml.message).toMatch(/^Invalid YAML document at line 3/);
    expect(await service.request('listHostedVersions', profileRef())).toEqual([]);
  });

  it('checks feature-flag documents against the flag schema before upload', async () => {
    const bad =
      '{\n "version": "1",\n "flags": {"dark": {"name": "Dark"}},\n "values": {"dark": {"enabled": "yes"}}\n}';
    const error = await refusal(
      service.request('createHostedVersion', { ...flagsRef(), content: bad, format: 'json' }),
    );
    expect(error).toMatchObject({
      code: 'invalidParams',
      message:
        'Invalid feature-flag document at line 4, column 33: values.dark.enabled: enabled must be true or false, not string.',
    });
    const yaml = await refusal(
      service.request('createHostedVersion', {
        ...flagsRef(),
        content: 'version: "1"',
        format: 'yaml',
      }),
    );
    expect(yaml.message).toContain('AppConfig stores as JSON only');
    expect(await service.request('listHostedVersions', flagsRef())).toEqual([]);
    const good = bad.replace('"yes"', 'true');
    await service.request('createHostedVersion', { ...flagsRef(), content: good, format: 'json' });
    expect(await service.request('listHostedVersions', flagsRef())).toHaveLength(1);
  });
});

describe('deployment strategies', () => {
  it("lists AWS's predefined strategies and creates a custom one", async () => {
    const created = await service.request('createDeploymentStrategy', {
      name: 'quarter-steps',
      growthType: 'LINEAR',
      growthFactor: 25,
      deploymentDurationInMinutes: 4,
      finalBakeTimeInMinutes: 2,
      replicateTo: 'NONE',
    });
    expect(created).toMatchObject({ predefined: false, growthFactor: 25 });
    const list = await service.request('listDeploymentStrategies', {});
    expect(list.find((s) => s.id === 'AppConfig.AllAtOnce')).toMatchObject({
      predefined: true,
      deploymentDurationInMinutes: 0,
      growthFactor: 100,
    });
    expect(list.find((s) => s.id === created.id)).toEqual(created);
  });
});

describe('deployments', () => {
  async function linearStrategy(): Promise<string> {
    const s = await service.request('createDeploymentStrategy', {
      name: 'quarter-steps',
      growthType: 'LINEAR',
      growthFactor: 25,
      deploymentDurationInMinutes: 4,
      finalBakeTimeInMinutes: 2,
      replicateTo: 'NONE',
    });
    return s.id;
  }

  it('explains a conflict, watches a linear rollout grow, and stops it', async () => {
    const v1 = await version('{"v":1}', 'one');
    const v2 = await version('{"v":2}', 'two');
    const first = await deploy(v1, 'AppConfig.AllAtOnce');
    expect(first).toMatchObject({ deploymentNumber: 1, state: 'BAKING', percentageComplete: 100 });

    const conflict = await refusal(deploy(v2, await linearStrategy()));
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toBe(
      `Deployment 1 (settings version one, BAKING at 100%) is still running in environment ${ids.env}, and AppConfig allows one deployment per environment at a time. Wait for it to complete, or stop it (clients roll back), then deploy again.`,
    );

    clock.advance((10 * 60_000) / SCALE); // AllAtOnce bakes 10 minutes
    expect(
      await service.request('getDeployment', { ...envRef(), deploymentNumber: 1 }),
    ).toMatchObject({ state: 'COMPLETE' });

    const second = await deploy(v2, await linearStrategy());
    const startedAt = second.startedAt!;
    expect(second).toMatchObject({ state: 'DEPLOYING', percentageComplete: 0, growthFactor: 25 });
    clock.advance(1_500); // one step is a minute, a second at this time scale
    const step1 = await service.request('getDeployment', { ...envRef(), deploymentNumber: 2 });
    expect(step1).toMatchObject({
      percentageComplete: 25,
      nextStepAt: startedAt + 2_000,
      nextStepPercent: 50,
      bakeEndsAt: startedAt + 6_000,
    });
    clock.advance(1_000);
    const step2 = await service.request('getDeployment', { ...envRef(), deploymentNumber: 2 });
    expect(step2.percentageComplete).toBe(50);
    expect(step2.eventLog.map((e) => e.eventType)).toEqual([
      'DEPLOYMENT_STARTED',
      'PERCENTAGE_UPDATED',
      'PERCENTAGE_UPDATED',
    ]);

    const stopped = await service.request('stopDeployment', { ...envRef(), deploymentNumber: 2 });
    expect(stopped.state).toBe('ROLLED_BACK');
    expect(stopped.nextStepAt).toBeUndefined();
    // Oldest first, and a rollback's start before its completion even within one millisecond.
    expect(stopped.eventLog.map((e) => e.eventType).slice(-2)).toEqual([
      'ROLLBACK_STARTED',
      'ROLLBACK_COMPLETED',
    ]);
    const again = await refusal(
      service.request('stopDeployment', { ...envRef(), deploymentNumber: 2 }),
    );
    expect(again.message).toBe(
      'Deployment 2 is ROLLED_BACK and no longer running; there is nothing to stop.',
    );
    const list = await service.request('listDeployments', envRef());
    expect(list.map((d) => [d.deploymentNumber, d.state])).toEqual([
      [2, 'ROLLED_BACK'],
      [1, 'COMPLETE'],
    ]);
  });

  it('reverts a completed deployment, and refuses running and too-old ones in words', async () => {
    const v1 = await version('{"v":1}');
    await deploy(v1, 'AppConfig.AllAtOnce');
    const running = await refusal(
      service.request('revertDeployment', { ...envRef(), deploymentNumber: 1 }),
    );
    expect(running.message).toBe(
      'Deployment 1 is still BAKING; stop it (clients roll back) rather than revert it.',
    );
    clock.advance((10 * 60_000) / SCALE);
    const stopCompleted = await refusal(
      service.request('stopDeployment', { ...envRef(), deploymentNumber: 1 }),
    );
    expect(stopCompleted.message).toContain('revert it instead');
    const reverted = await service.request('revertDeployment', {
      ...envRef(),
      deploymentNumber: 1,
    });
    expect(reverted.state).toBe('REVERTED');

    const v2 = await version('{"v":2}');
    await deploy(v2, 'AppConfig.AllAtOnce');
    clock.advance((10 * 60_000) / SCALE + 73 * 3_600_000);
    const late = await refusal(
      service.request('revertDeployment', { ...envRef(), deploymentNumber: 2 }),
    );
    expect(late).toMatchObject({ code: 'conflict' });
    expect(late.message).toBe(
      'Deployment 2 completed 73 hours ago; AppConfig reverts a deployment only within 72 hours of completing. Deploy the previous version instead.',
    );
  });

  it('answers a deployment that does not exist as notFound', async () => {
    const missing = await refusal(
      service.request('getDeployment', { ...envRef(), deploymentNumber: 9 }),
    );
    expect(missing).toMatchObject({ code: 'notFound', awsErrorName: 'ResourceNotFoundException' });
  });
});
