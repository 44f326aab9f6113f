// The emulator's in-memory AppConfig resource model (control-plane objects), shared by its handlers.
// Stands in for AWS: imports node: only and nothing else under src/ — a bug shared with the
// inspector would hide itself (ARCHITECTURE.md, "Folders and who may import whom").
import { randomInt } from 'node:crypto';

export interface Application {
  Id: string;
  Name: string;
  Description?: string;
}

export interface Environment {
  ApplicationId: string;
  Id: string;
  Name: string;
  Description?: string;
  /** READY_FOR_DEPLOYMENT | DEPLOYING | ROLLING_BACK | ROLLED_BACK | REVERTED, as AWS reports it. */
  State: string;
  /** CloudWatch alarms, echoed only: the emulator has no alarms to watch. */
  Monitors?: { AlarmArn: string; AlarmRoleArn?: string }[];
}

export interface ConfigurationProfile {
  ApplicationId: string;
  Id: string;
  Name: string;
  Description?: string;
  LocationUri: string;
  Type: 'AWS.Freeform' | 'AWS.AppConfig.FeatureFlags';
  /** Echoed only: validators are stored but not run. */
  Validators?: { Type: 'JSON_SCHEMA' | 'LAMBDA'; Content: string }[];
}

export interface HostedVersion {
  ApplicationId: string;
  ConfigurationProfileId: string;
  VersionNumber: number;
  Description?: string;
  ContentType: string;
  VersionLabel?: string;
  /** Exactly the bytes that were uploaded (feature flags: the authored document). */
  Content: Buffer;
  CreatedAt: Date;
}

export interface DeploymentStrategy {
  Id: string;
  Name: string;
  Description?: string;
  DeploymentDurationInMinutes: number;
  GrowthType: 'LINEAR' | 'EXPONENTIAL';
  GrowthFactor: number;
  FinalBakeTimeInMinutes: number;
  ReplicateTo: 'NONE' | 'SSM_DOCUMENT';
}

export interface DeploymentEvent {
  EventType: string;
  TriggeredBy: 'USER' | 'APPCONFIG' | 'CLOUDWATCH_ALARM' | 'INTERNAL_ERROR';
  Description: string;
  OccurredAt: Date;
}

export interface Deployment {
  ApplicationId: string;
  EnvironmentId: string;
  DeploymentNumber: number;
  ConfigurationProfileId: string;
  ConfigurationVersion: string;
  ConfigurationName: string;
  ConfigurationLocationUri: string;
  Description?: string;
  DeploymentStrategyId: string;
  /** Strategy parameters are copied at start, as AWS does: editing a strategy later changes nothing. */
  DeploymentDurationInMinutes: number;
  GrowthType: 'LINEAR' | 'EXPONENTIAL';
  GrowthFactor: number;
  FinalBakeTimeInMinutes: number;
  /** Wall-clock start; progress is measured from here in emulated time (see Store.elapsedMs). */
  StartedAt: Date;
  /** Version number the environment served for this profile before this deployment (rollback target). */
  PreviousVersionNumber?: number;
  /** Set when the user stopped it: DEPLOYING/BAKING → ROLLED_BACK, COMPLETE → REVERTED. */
  StoppedAt?: Date;
  StoppedState?: 'ROLLED_BACK' | 'REVERTED';
  /** Events already emitted (the engine appends as progress is observed). */
  EventLog: DeploymentEvent[];
}

/** Injected time so tests can move the clock; `timeScale` speeds up deployments only. */
export interface EmulatorClock {
  now(): number;
}

export const systemClock: EmulatorClock = { now: () => Date.now() };

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export class Store {
  readonly applications = new Map<string, Application>();
  /** key: applicationId */
  readonly environments = new Map<string, Environment[]>();
  /** key: applicationId */
  readonly profiles = new Map<string, ConfigurationProfile[]>();
  /** key: `${applicationId}/${profileId}` — ordered by VersionNumber ascending. */
  readonly hostedVersions = new Map<string, HostedVersion[]>();
  readonly strategies = new Map<string, DeploymentStrategy>();
  /** key: `${applicationId}/${environmentId}` — ordered by DeploymentNumber ascending. */
  readonly deployments = new Map<string, Deployment[]>();
  /**
   * Deleted hosted versions, key `${applicationId}/${profileId}/${versionNumber}`: a deployment keeps serving
   * what it deployed even after the version is deleted from the hosted store.
   */
  readonly retiredVersions = new Map<string, HostedVersion>();

  constructor(
    readonly clock: EmulatorClock = systemClock,
    /** Deployment progress and bake time run this many times faster than the wall clock. */
    readonly timeScale = 1,
  ) {}

  /** A fresh AWS-shaped id: 7 chars of [a-z0-9], unique across every kind of resource. */
  newId(): string {
    for (;;) {
      let id = '';
      for (let i = 0; i < 7; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
      if (!this.idInUse(id)) return id;
    }
  }

  private idInUse(id: string): boolean {
    if (this.applications.has(id) || this.strategies.has(id)) return true;
    for (const list of [...this.environments.values(), ...this.profiles.values()]) {
      if (list.some((r) => r.Id === id)) return true;
    }
    return false;
  }

  /** Emulated milliseconds elapsed since `start`, for deployment progress. */
  elapsedMs(start: Date): number {
    return (this.clock.now() - start.getTime()) * this.timeScale;
  }

  /** Resolve an application by id first, then by name (AWS accepts either on the data plane). */
  findApplication(identifier: string): Application | undefined {
    const byId = this.applications.get(identifier);
    if (byId) return byId;
    for (const app of this.applications.values()) if (app.Name === identifier) return app;
    return undefined;
  }

  findEnvironment(applicationId: string, identifier: string): Environment | undefined {
    const list = this.environments.get(applicationId) ?? [];
    return list.find((e) => e.Id === identifier) ?? list.find((e) => e.Name === identifier);
  }

  findProfile(applicationId: string, identifier: string): ConfigurationProfile | undefined {
    const list = this.profiles.get(applicationId) ?? [];
    return list.find((p) => p.Id === identifier) ?? list.find((p) => p.Name === identifier);
  }

  versionsOf(applicationId: string, profileId: string): HostedVersion[] {
    const key = `${applicationId}/${profileId}`;
    let list = this.hostedVersions.get(key);
    if (!list) this.hostedVersions.set(key, (list = []));
    return list;
  }

  findVersion(
    applicationId: string,
    profileId: string,
    versionNumber: number,
  ): HostedVersion | undefined {
    return this.versionsOf(applicationId, profileId).find((v) => v.VersionNumber === versionNumber);
  }

  /** A version a deployment refers to, live or already deleted from the hosted store. */
  findDeployedVersion(
    applicationId: string,
    profileId: string,
    versionNumber: number,
  ): HostedVersion | undefined {
    return (
      this.findVersion(applicationId, profileId, versionNumber) ??
      this.retiredVersions.get(`${applicationId}/${profileId}/${versionNumber}`)
    );
  }

  deploymentsOf(applicationId: string, environmentId: string): Deployment[] {
    const key = `${applicationId}/${environmentId}`;
    let list = this.deployments.get(key);
    if (!list) this.deployments.set(key, (list = []));
    return list;
  }
}
