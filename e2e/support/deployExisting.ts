// Redeploys a hosted version that already exists (found by its label) through the emulator's control plane
// with the real AWS SDK: how a developer rolls back. Uses a fresh strategy with no duration and no bake time,
// so the very next poll sees it and the environment accepts another deployment at once.
import {
  AppConfigClient,
  CreateDeploymentStrategyCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListEnvironmentsCommand,
  ListHostedConfigurationVersionsCommand,
  StartDeploymentCommand,
} from '@aws-sdk/client-appconfig';

export interface Target {
  application: string;
  environment: string;
  profile: string;
}

export async function deployExistingVersion(
  emulatorUrl: string,
  label: string,
  target: Target,
): Promise<void> {
  const control = new AppConfigClient({
    endpoint: emulatorUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDE2E', secretAccessKey: 'e2e' },
  });
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The emulator has no ${what}.`);
    return value;
  };
  try {
    const app = must(
      (await control.send(new ListApplicationsCommand({}))).Items?.find(
        (a) => a.Name === target.application,
      ),
      `application ${target.application}`,
    );
    const env = must(
      (await control.send(new ListEnvironmentsCommand({ ApplicationId: app.Id }))).Items?.find(
        (e) => e.Name === target.environment,
      ),
      `environment ${target.environment}`,
    );
    const profile = must(
      (
        await control.send(new ListConfigurationProfilesCommand({ ApplicationId: app.Id }))
      ).Items?.find((p) => p.Name === target.profile),
      `profile ${target.profile}`,
    );
    const version = must(
      (
        await control.send(
          new ListHostedConfigurationVersionsCommand({
            ApplicationId: app.Id,
            ConfigurationProfileId: profile.Id,
            VersionLabel: label,
          }),
        )
      ).Items?.[0],
      `version labelled ${label}`,
    );
    const strategy = await control.send(
      new CreateDeploymentStrategyCommand({
        Name: `e2e-redeploy-${Date.now()}`,
        DeploymentDurationInMinutes: 0,
        GrowthFactor: 100,
        FinalBakeTimeInMinutes: 0,
      }),
    );
    await control.send(
      new StartDeploymentCommand({
        ApplicationId: app.Id,
        EnvironmentId: env.Id,
        ConfigurationProfileId: profile.Id,
        ConfigurationVersion: String(version.VersionNumber),
        DeploymentStrategyId: strategy.Id,
      }),
    );
  } finally {
    control.destroy();
  }
}
