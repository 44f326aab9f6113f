// Deployment strategies through the real SDK: the four predefined AppConfig.* strategies, custom ones, and
// the model's ranges (duration and bake 0–1440, growth factor 1.0–100.0).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateDeploymentStrategyCommand,
  GetDeploymentStrategyCommand,
  ListDeploymentStrategiesCommand,
} from '@aws-sdk/client-appconfig';
import { startTestEmulator, type TestEmulator } from '../test/support.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());

describe('deployment strategies', () => {
  it('always lists the four predefined strategies with their documented parameters', async () => {
    const list = await t.control.send(new ListDeploymentStrategiesCommand({}));
    const byId = Object.fromEntries((list.Items ?? []).map((s) => [s.Id, s]));
    expect(byId['AppConfig.AllAtOnce']).toMatchObject({
      DeploymentDurationInMinutes: 0,
      FinalBakeTimeInMinutes: 10,
      GrowthFactor: 100,
      GrowthType: 'LINEAR',
    });
    expect(byId['AppConfig.Linear50PercentEvery30Seconds']).toMatchObject({
      DeploymentDurationInMinutes: 1,
      FinalBakeTimeInMinutes: 1,
      GrowthFactor: 50,
      GrowthType: 'LINEAR',
    });
    expect(byId['AppConfig.Canary10Percent20Minutes']).toMatchObject({
      DeploymentDurationInMinutes: 20,
      FinalBakeTimeInMinutes: 10,
      GrowthFactor: 10,
      GrowthType: 'EXPONENTIAL',
    });
    expect(byId['AppConfig.Linear20PercentEvery6Minutes']).toMatchObject({
      DeploymentDurationInMinutes: 30,
      FinalBakeTimeInMinutes: 30,
      GrowthFactor: 20,
      GrowthType: 'LINEAR',
    });
    const got = await t.control.send(
      new GetDeploymentStrategyCommand({
        DeploymentStrategyId: 'AppConfig.Canary10Percent20Minutes',
      }),
    );
    expect(got).toMatchObject({
      Id: 'AppConfig.Canary10Percent20Minutes',
      Name: 'AppConfig.Canary10Percent20Minutes',
      ReplicateTo: 'NONE',
    });
  });

  it('creates a custom strategy with defaults for the optional members', async () => {
    const created = await t.control.send(
      new CreateDeploymentStrategyCommand({
        Name: 'slow',
        DeploymentDurationInMinutes: 60,
        GrowthFactor: 12.5,
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      Name: 'slow',
      GrowthFactor: 12.5,
      GrowthType: 'LINEAR',
      FinalBakeTimeInMinutes: 0,
      ReplicateTo: 'NONE',
    });
    expect(created.Id).toMatch(/^[a-z0-9]{7}$/);
    const got = await t.control.send(
      new GetDeploymentStrategyCommand({ DeploymentStrategyId: created.Id }),
    );
    expect(got.Name).toBe('slow');
  });

  it.each([
    [
      { DeploymentDurationInMinutes: 1441, GrowthFactor: 10 },
      'DeploymentDurationInMinutes must be between 0 and 1440; got 1441.',
    ],
    [
      { DeploymentDurationInMinutes: 10, GrowthFactor: 0.5 },
      'GrowthFactor must be between 1 and 100; got 0.5.',
    ],
    [
      { DeploymentDurationInMinutes: 10, GrowthFactor: 100.5 },
      'GrowthFactor must be between 1 and 100; got 100.5.',
    ],
    [
      { DeploymentDurationInMinutes: 10, GrowthFactor: 10, FinalBakeTimeInMinutes: -1 },
      'FinalBakeTimeInMinutes must be between 0 and 1440; got -1.',
    ],
    [
      { DeploymentDurationInMinutes: 10, GrowthFactor: 10, GrowthType: 'CUBIC' },
      'GrowthType must be one of LINEAR, EXPONENTIAL; got "CUBIC".',
    ],
    [
      { DeploymentDurationInMinutes: 2.5, GrowthFactor: 10 },
      'DeploymentDurationInMinutes must be an integer, not a number (2.5).',
    ],
    [{ GrowthFactor: 10 }, 'DeploymentDurationInMinutes is required.'],
  ])('refuses %j with a precise message', async (members, message) => {
    const res = await fetch(`${t.emulator.url}/deploymentstrategies`, {
      method: 'POST',
      body: JSON.stringify({ Name: 'bad', ...members }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ Message: message });
  });

  it('404s an unknown strategy and 400s a malformed id', async () => {
    await expect(
      t.control.send(
        new GetDeploymentStrategyCommand({ DeploymentStrategyId: 'AppConfig.NoSuchStrategy' }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceName: 'DeploymentStrategy',
    });
    await expect(
      t.control.send(new GetDeploymentStrategyCommand({ DeploymentStrategyId: 'Bad.Id' })),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining("DeploymentStrategyId 'Bad.Id' is not valid"),
    });
  });
});
