// The extension's emulator launcher against the real emulator: the busy-port fallback, and the time scale
// reaching the emulator's deployment clock (seen through the control plane with the real AWS SDK).
import {
  AppConfigClient,
  GetDeploymentCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListEnvironmentsCommand,
  ListHostedConfigurationVersionsCommand,
  StartDeploymentCommand,
} from '@aws-sdk/client-appconfig';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { launchEmulator, type LaunchedEmulator } from './emulatorLauncher.js';

/**
 * Starts the predefined 60-minute strategy (30 min of steps, 30 min bake) on demo-app/dev; resolves to a
 * reader of its State.
 */
async function startSlowDeployment(
  emulator: LaunchedEmulator,
): Promise<{ state: () => Promise<string | undefined>; close: () => void }> {
  const control = new AppConfigClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
  });
  try {
    const app = (await control.send(new ListApplicationsCommand({}))).Items!.find(
      (a) => a.Name === 'demo-app',
    )!;
    const ApplicationId = app.Id!;
    const env = (await control.send(new ListEnvironmentsCommand({ ApplicationId }))).Items!.find(
      (e) => e.Name === 'dev',
    )!;
    const profile = (
      await control.send(new ListConfigurationProfilesCommand({ ApplicationId }))
    ).Items!.find((p) => p.Name === 'app-config')!;
    const versions = await control.send(
      new ListHostedConfigurationVersionsCommand({
        ApplicationId,
        ConfigurationProfileId: profile.Id,
      }),
    );
    const started = await control.send(
      new StartDeploymentCommand({
        ApplicationId,
        EnvironmentId: env.Id,
        ConfigurationProfileId: profile.Id,
        ConfigurationVersion: String(versions.Items![0]!.VersionNumber),
        DeploymentStrategyId: 'AppConfig.Linear20PercentEvery6Minutes',
      }),
    );
    const state = async () =>
      (
        await control.send(
          new GetDeploymentCommand({
            ApplicationId,
            EnvironmentId: env.Id,
            DeploymentNumber: started.DeploymentNumber,
          }),
        )
      ).State;
    return { state, close: () => control.destroy() };
  } catch (e) {
    control.destroy();
    throw e;
  }
}

describe('launchEmulator', () => {
  let blocker: Server | undefined;
  let emulator: LaunchedEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
    if (blocker) await new Promise<void>((resolve) => blocker!.close(() => resolve()));
    blocker = undefined;
  });

  it('takes a free port when the wanted one is busy, and says so', async () => {
    const server = createServer();
    blocker = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const busy = (server.address() as { port: number }).port;
    const messages: string[] = [];
    emulator = await launchEmulator({ port: busy }, (m) => messages.push(m));
    expect(emulator.port).not.toBe(busy);
    expect(messages).toEqual([
      `Port ${busy} is in use, so the emulator took port ${emulator.port}.`,
    ]);
    const health = await fetch(`${emulator.url}/__emulator/health`);
    expect(health.status).toBe(200);
  });

  it('runs deployments in real time by default and faster with a time scale', async () => {
    emulator = await launchEmulator({ port: 0 });
    const real = await startSlowDeployment(emulator);
    try {
      expect(await real.state()).toBe('DEPLOYING');
    } finally {
      real.close();
    }
    await emulator.close();
    // 60 emulated minutes at 1,000,000× take 3.6 ms of wall time; in real time they would take an hour.
    emulator = await launchEmulator({ port: 0, timeScale: 1_000_000 });
    const fast = await startSlowDeployment(emulator);
    try {
      await expect.poll(fast.state, { timeout: 5_000 }).toBe('COMPLETE');
    } finally {
      fast.close();
    }
  });
});
