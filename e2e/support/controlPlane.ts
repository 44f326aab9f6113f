// Deploys a new hosted version of the demo profile through the emulator's control plane with the real AWS
// SDK, exactly as a developer would (AllAtOnce, so every session sees it on its next poll).
import {
  AppConfigClient,
  CreateDeploymentStrategyCommand,
  CreateHostedConfigurationVersionCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListEnvironmentsCommand,
  StartDeploymentCommand,
} from '@aws-sdk/client-appconfig';

export async function deployVersion(
  emulatorUrl: string,
  content: string,
  label: string,
  target = { application: 'demo-app', environment: 'dev', profile: 'app-config' },
  strategy: 'AppConfig.AllAtOnce' | 'instant' = 'AppConfig.AllAtOnce',
): Promise<void> {
  const control = new AppConfigClient({
    endpoint: emulatorUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDE2E', secretAccessKey: 'e2e' },
  });
  try {
    const app = (await control.send(new ListApplicationsCommand({}))).Items!.find(
      (a) => a.Name === target.application,
    )!;
    const env = (
      await control.send(new ListEnvironmentsCommand({ ApplicationId: app.Id }))
    ).Items!.find((e) => e.Name === target.environment)!;
    const profile = (
      await control.send(new ListConfigurationProfilesCommand({ ApplicationId: app.Id }))
    ).Items!.find((p) => p.Name === target.profile)!;
    const version = await control.send(
      new CreateHostedConfigurationVersionCommand({
        ApplicationId: app.Id,
        ConfigurationProfileId: profile.Id,
        ContentType: 'application/json',
        VersionLabel: label,
        Content: new TextEncoder().encode(content),
      }),
    );
    // 'instant': no bake time either, so the environment accepts the next deployment at once.
    const strategyId =
      strategy === 'instant'
        ? (
            await control.send(
              new CreateDeploymentStrategyCommand({
                Name: `e2e-now-${Date.now()}`,
                DeploymentDurationInMinutes: 0,
                GrowthFactor: 100,
                FinalBakeTimeInMinutes: 0,
              }),
            )
          ).Id!
        : strategy;
    await control.send(
      new StartDeploymentCommand({
        ApplicationId: app.Id,
        EnvironmentId: env.Id,
        ConfigurationProfileId: profile.Id,
        ConfigurationVersion: String(version.VersionNumber),
        DeploymentStrategyId: strategyId,
      }),
    );
  } finally {
    control.destroy();
  }
}
