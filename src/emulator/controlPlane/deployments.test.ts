// Deployments through the real SDK on an injected clock with --time-scale 600 (one emulated minute = 100 ms of
// clock): progress and events, environment State, ConflictException, rollback, revert and their refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateApplicationCommand,
  CreateConfigurationProfileCommand,
  CreateDeploymentStrategyCommand,
  CreateEnvironmentCommand,
  CreateHostedConfigurationVersionCommand,
  GetDeploymentCommand,
  GetEnvironmentCommand,
  ListDeploymentsCommand,
  StartDeploymentCommand,
  StopDeploymentCommand,
} from '@aws-sdk/client-appconfig';
import { startTestEmulator, type TestEmulator } from '../test/support.js';

const clock = {
  t: Date.parse('2026-01-01T00:00:00Z'),
  now() {
    return this.t;
  },
};
const SCALE = 600;
/** Moves the injected clock by `minutes` of emulated time. */
const advance = (minutes: number) => {
  clock.t += (minutes * 60_000) / SCALE;
};

let t: TestEmulator;
let appId: string;
let profileId: string;
let strategyId: string;
beforeAll(async () => {
  t = await startTestEmulator({ clock, timeScale: SCALE });
  appId = (await t.control.send(new CreateApplicationCommand({ Name: 'deploy' }))).Id!;
  const profile = await t.control.send(
    new CreateConfigurationProfileCommand({
      ApplicationId: appId,
      Name: 'cfg',
      LocationUri: 'hosted',
    }),
  );
  profileId = profile.Id!;
  for (const label of ['one', 'two', 'three']) {
    await t.control.send(
      new CreateHostedConfigurationVersionCommand({
        ApplicationId: appId,
        ConfigurationProfileId: profileId,
        Content: new TextEncoder().encode(`"${label}"`),
        ContentType: 'application/json',
        VersionLabel: label,
      }),
    );
  }
  const strategy = await t.control.send(
    new CreateDeploymentStrategyCommand({
      Name: 'linear',
      DeploymentDurationInMinutes: 10,
      GrowthFactor: 20,
      FinalBakeTimeInMinutes: 5,
    }),
  );
  strategyId = strategy.Id!;
});
afterAll(() => t.close());

async function environment(name: string): Promise<string> {
  return (await t.control.send(new CreateEnvironmentCommand({ ApplicationId: appId, Name: name })))
    .Id!;
}
const start = (envId: string, version: string, strategy = strategyId) =>
  t.control.send(
    new StartDeploymentCommand({
      ApplicationId: appId,
      EnvironmentId: envId,
      DeploymentStrategyId: strategy,
      ConfigurationProfileId: profileId,
      ConfigurationVersion: version,
    }),
  );
const get = (envId: string, n: number) =>
  t.control.send(
    new GetDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: n }),
  );
const envState = async (envId: string) =>
  (await t.control.send(new GetEnvironmentCommand({ ApplicationId: appId, EnvironmentId: envId })))
    .State;

describe('a LINEAR deployment', () => {
  it('grows 20% every 2 emulated minutes, bakes, completes, and logs every event newest first', async () => {
    const envId = await environment('linear');
    const started = await start(envId, 'one');
    expect(started).toMatchObject({
      DeploymentNumber: 1,
      State: 'DEPLOYING',
      PercentageComplete: 0,
      ConfigurationName: 'cfg',
      ConfigurationVersion: '1',
      VersionLabel: 'one',
      GrowthFactor: 20,
      DeploymentDurationInMinutes: 10,
      FinalBakeTimeInMinutes: 5,
      ConfigurationLocationUri: 'hosted',
      DeploymentStrategyId: strategyId,
    });
    expect(started.$metadata.httpStatusCode).toBe(201);
    expect(await envState(envId)).toBe('DEPLOYING');
    const t0 = started.StartedAt!.getTime();

    advance(3);
    expect((await get(envId, 1)).PercentageComplete).toBe(20);
    advance(5);
    expect((await get(envId, 1)).PercentageComplete).toBe(80);
    advance(2);
    const baking = await get(envId, 1);
    expect(baking).toMatchObject({ State: 'BAKING', PercentageComplete: 100 });
    expect(await envState(envId)).toBe('DEPLOYING');
    advance(5);
    const done = await get(envId, 1);
    expect(done.State).toBe('COMPLETE');
    expect(done.CompletedAt!.getTime()).toBe(t0 + (15 * 60_000) / SCALE);
    expect(await envState(envId)).toBe('READY_FOR_DEPLOYMENT');
    expect(
      done.EventLog?.map((e) => [
        e.EventType,
        e.TriggeredBy,
        ((e.OccurredAt!.getTime() - t0) * SCALE) / 60_000,
      ]),
    ).toEqual([
      ['DEPLOYMENT_COMPLETED', 'APPCONFIG', 15],
      ['BAKE_TIME_STARTED', 'APPCONFIG', 10],
      ['PERCENTAGE_UPDATED', 'APPCONFIG', 10],
      ['PERCENTAGE_UPDATED', 'APPCONFIG', 8],
      ['PERCENTAGE_UPDATED', 'APPCONFIG', 6],
      ['PERCENTAGE_UPDATED', 'APPCONFIG', 4],
      ['PERCENTAGE_UPDATED', 'APPCONFIG', 2],
      ['DEPLOYMENT_STARTED', 'USER', 0],
    ]);
    expect(done.EventLog?.[2]?.Description).toBe('Configuration available to 100.00% of clients');
  });
});

describe('one deployment at a time', () => {
  it('refuses a second deployment while one is DEPLOYING or BAKING with ConflictException', async () => {
    const envId = await environment('conflict');
    await start(envId, 'one');
    await expect(start(envId, 'two')).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 },
      message: expect.stringContaining('Deployment number 1 is still in progress'),
    });
    advance(11);
    await expect(start(envId, 'two')).rejects.toMatchObject({ name: 'ConflictException' });
    advance(5);
    expect((await start(envId, 'two')).DeploymentNumber).toBe(2);
  });
});

describe('StopDeployment', () => {
  it('rolls an in-progress deployment back (202, ROLLED_BACK) and refuses to stop it twice', async () => {
    const envId = await environment('rollback');
    await start(envId, 'one', 'AppConfig.AllAtOnce');
    advance(10);
    await start(envId, 'two');
    advance(4);
    const stopped = await t.control.send(
      new StopDeploymentCommand({
        ApplicationId: appId,
        EnvironmentId: envId,
        DeploymentNumber: 2,
      }),
    );
    expect(stopped.$metadata.httpStatusCode).toBe(202);
    expect(stopped).toMatchObject({ State: 'ROLLED_BACK', PercentageComplete: 40 });
    expect(stopped.EventLog?.slice(0, 2).map((e) => [e.EventType, e.TriggeredBy])).toEqual([
      ['ROLLBACK_COMPLETED', 'APPCONFIG'],
      ['ROLLBACK_STARTED', 'USER'],
    ]);
    expect(await envState(envId)).toBe('ROLLED_BACK');
    advance(30);
    expect((await get(envId, 2)).State).toBe('ROLLED_BACK');
    await expect(
      t.control.send(
        new StopDeploymentCommand({
          ApplicationId: appId,
          EnvironmentId: envId,
          DeploymentNumber: 2,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'Deployment number 2 is already ROLLED_BACK.',
    });
  });

  it('reverts a COMPLETE deployment only with Allow-Revert, within 72 hours', async () => {
    const envId = await environment('revert');
    await start(envId, 'one', 'AppConfig.AllAtOnce');
    advance(10);
    const stop = (n: number, AllowRevert?: boolean) =>
      t.control.send(
        new StopDeploymentCommand({
          ApplicationId: appId,
          EnvironmentId: envId,
          DeploymentNumber: n,
          AllowRevert,
        }),
      );
    await expect(stop(1)).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining('Send AllowRevert (Allow-Revert: true)'),
    });
    await start(envId, 'three', 'AppConfig.AllAtOnce');
    advance(10);
    await expect(stop(1, true)).rejects.toMatchObject({
      message: expect.stringContaining('a newer deployment of this configuration profile exists'),
    });
    const reverted = await stop(2, true);
    expect(reverted).toMatchObject({ State: 'REVERTED', PercentageComplete: 100 });
    expect(reverted.EventLog?.[0]).toMatchObject({
      EventType: 'REVERT_COMPLETED',
      TriggeredBy: 'USER',
    });
    expect(await envState(envId)).toBe('REVERTED');

    const late = await environment('revert-late');
    await start(late, 'one', 'AppConfig.AllAtOnce');
    advance(10 + 72 * 60 + 1);
    await expect(
      t.control.send(
        new StopDeploymentCommand({
          ApplicationId: appId,
          EnvironmentId: late,
          DeploymentNumber: 1,
          AllowRevert: true,
        }),
      ),
    ).rejects.toMatchObject({
      message:
        'Deployment number 1 completed more than 72 hours ago and can no longer be reverted.',
    });
  });

  it('refuses a malformed Allow-Revert header', async () => {
    const envId = await environment('header');
    await start(envId, 'one');
    const res = await fetch(
      `${t.emulator.url}/applications/${appId}/environments/${envId}/deployments/1`,
      { method: 'DELETE', headers: { 'Allow-Revert': 'yes' } },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      Message: "The Allow-Revert header must be 'true' or 'false'; got 'yes'.",
    });
  });
});

describe('StartDeployment checks and listing', () => {
  it('deploys by version number or label, and lists deployments newest first', async () => {
    const envId = await environment('list');
    await start(envId, '2', 'AppConfig.AllAtOnce');
    advance(10);
    await start(envId, 'three', 'AppConfig.AllAtOnce');
    const list = await t.control.send(
      new ListDeploymentsCommand({ ApplicationId: appId, EnvironmentId: envId }),
    );
    expect(
      list.Items?.map((d) => [d.DeploymentNumber, d.ConfigurationVersion, d.VersionLabel, d.State]),
    ).toEqual([
      [2, '3', 'three', 'BAKING'],
      [1, '2', 'two', 'COMPLETE'],
    ]);
  });

  it('404s unknown environments, strategies, versions and deployment numbers', async () => {
    const envId = await environment('errors');
    await expect(start('abcd123', 'one')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceName: 'Environment',
    });
    await expect(start(envId, 'one', 'AppConfig.Nonexistent1')).rejects.toMatchObject({
      ResourceName: 'DeploymentStrategy',
    });
    await expect(start(envId, 'nope')).rejects.toMatchObject({
      ResourceName: 'HostedConfigurationVersion',
      message: `Configuration profile ${profileId} has no hosted version with number or label 'nope'.`,
    });
    await expect(get(envId, 99)).rejects.toMatchObject({
      ResourceName: 'Deployment',
      message: `Deployment number 99 does not exist in environment ${envId}.`,
    });
  });

  it('validates the request body', async () => {
    const envId = await environment('body');
    const post = (body: unknown) =>
      fetch(`${t.emulator.url}/applications/${appId}/environments/${envId}/deployments`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    const missing = await post({
      DeploymentStrategyId: strategyId,
      ConfigurationProfileId: profileId,
    });
    expect(await missing.json()).toEqual({ Message: 'ConfigurationVersion is required.' });
    const badProfile = await post({
      DeploymentStrategyId: strategyId,
      ConfigurationProfileId: 'Not An Id',
      ConfigurationVersion: '1',
    });
    expect(await badProfile.json()).toEqual({
      Message: "ConfigurationProfileId 'Not An Id' must match the pattern [a-z0-9]{4,7}.",
    });
    const notObject = await post([1]);
    expect(notObject.status).toBe(400);
  });
});
