// Test-only fixture for the data-plane tests: writes an application, environment, profiles, hosted versions
// and completed deployments straight into a Store (the control plane is tested on its own).
// Imported by src/emulator's *.test.ts files and test/faults.ts only; imports the emulator's store types only.
import type {
  ConfigurationProfile,
  Deployment,
  EmulatorClock,
  HostedVersion,
  Store,
} from '../store.js';

export interface ManualClock extends EmulatorClock {
  advance(seconds: number): void;
}

export function manualClock(start = Date.parse('2026-11-21T10:00:00Z')): ManualClock {
  let t = start;
  return { now: () => t, advance: (seconds) => void (t += seconds * 1000) };
}

export interface Fixture {
  appId: string;
  envId: string;
  profile: ConfigurationProfile;
  flagsProfile: ConfigurationProfile;
}

export function seedFixture(store: Store): Fixture {
  const appId = 'app1234';
  const envId = 'env1234';
  store.applications.set(appId, { Id: appId, Name: 'MyMobileApp' });
  store.environments.set(appId, [
    { ApplicationId: appId, Id: envId, Name: 'Prod', State: 'READY_FOR_DEPLOYMENT' },
  ]);
  const profile: ConfigurationProfile = {
    ApplicationId: appId,
    Id: 'prof123',
    Name: 'Settings',
    LocationUri: 'hosted',
    Type: 'AWS.Freeform',
  };
  const flagsProfile: ConfigurationProfile = {
    ...profile,
    Id: 'flag123',
    Name: 'Flags',
    Type: 'AWS.AppConfig.FeatureFlags',
  };
  store.profiles.set(appId, [profile, flagsProfile]);
  store.strategies.set('allnow1', {
    Id: 'allnow1',
    Name: 'AllAtOnceNoBake',
    DeploymentDurationInMinutes: 0,
    GrowthType: 'LINEAR',
    GrowthFactor: 100,
    FinalBakeTimeInMinutes: 0,
    ReplicateTo: 'NONE',
  });
  return { appId, envId, profile, flagsProfile };
}

export function addVersion(
  store: Store,
  profile: ConfigurationProfile,
  content: string,
  extra: { label?: string; contentType?: string } = {},
): HostedVersion {
  const list = store.versionsOf(profile.ApplicationId, profile.Id);
  const version: HostedVersion = {
    ApplicationId: profile.ApplicationId,
    ConfigurationProfileId: profile.Id,
    VersionNumber: (list.at(-1)?.VersionNumber ?? 0) + 1,
    ContentType: extra.contentType ?? 'application/json',
    ...(extra.label ? { VersionLabel: extra.label } : {}),
    Content: Buffer.from(content),
    CreatedAt: new Date(store.clock.now()),
  };
  list.push(version);
  return version;
}

export interface RolloutShape {
  durationMinutes: number;
  growthFactor: number;
  bakeMinutes: number;
  startedMinutesAgo: number;
}

/**
 * A deployment written as StartDeployment would: by default already COMPLETE (zero duration and bake, started
 * an hour ago on the store's clock); pass a shape for a gradual LINEAR rollout starting now.
 */
export function deployNow(
  store: Store,
  envId: string,
  profile: ConfigurationProfile,
  versionNumber: number,
  shape: RolloutShape = {
    durationMinutes: 0,
    growthFactor: 100,
    bakeMinutes: 0,
    startedMinutesAgo: 60,
  },
): Deployment {
  const list = store.deploymentsOf(profile.ApplicationId, envId);
  const previous = list.filter((d) => d.ConfigurationProfileId === profile.Id).at(-1);
  const startedAt = new Date(store.clock.now() - shape.startedMinutesAgo * 60_000);
  const deployment: Deployment = {
    ApplicationId: profile.ApplicationId,
    EnvironmentId: envId,
    DeploymentNumber: list.length + 1,
    ConfigurationProfileId: profile.Id,
    ConfigurationVersion: String(versionNumber),
    ConfigurationName: profile.Name,
    ConfigurationLocationUri: profile.LocationUri,
    DeploymentStrategyId: 'allnow1',
    DeploymentDurationInMinutes: shape.durationMinutes,
    GrowthType: 'LINEAR',
    GrowthFactor: shape.growthFactor,
    FinalBakeTimeInMinutes: shape.bakeMinutes,
    StartedAt: startedAt,
    ...(previous ? { PreviousVersionNumber: Number(previous.ConfigurationVersion) } : {}),
    // The engine appends events as it observes progress; a pre-filled log could be doubled.
    EventLog: [],
  };
  list.push(deployment);
  return deployment;
}
