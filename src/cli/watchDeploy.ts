// `watch --deploy VERSION@PROFILE[:STRATEGY] --after SECONDS`: resolves each spec against the private
// emulator's control plane before CMD starts (so a typo is a usage error, not a late surprise), starts the
// deployments on time while CMD runs, and reads back how far they got. Over HTTP with the real AppConfig SDK,
// like any client. Imported by watchCommand.ts only.
import {
  AppConfigClient,
  GetDeploymentCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListDeploymentStrategiesCommand,
  ListEnvironmentsCommand,
  ListHostedConfigurationVersionsCommand,
  StartDeploymentCommand,
} from '@aws-sdk/client-appconfig';
import type { WatchDeployment } from '../core/watchReport.js';
import { UsageError } from './args.js';
import type { DeploySpec } from './watchArgs.js';
import { DEFAULT_REGION } from './watchEnv.js';

interface Named {
  Id?: string | undefined;
  Name?: string | undefined;
}

/** A spec with every name turned into the emulator's ids. */
export interface ResolvedDeploy {
  spec: DeploySpec;
  application: Required<Named>;
  environment: Required<Named>;
  profile: Required<Named>;
  versionNumber: number;
  versionLabel?: string;
  strategyId: string;
}

export function controlPlaneClient(endpoint: string): AppConfigClient {
  return new AppConfigClient({
    endpoint,
    region: DEFAULT_REGION,
    credentials: { accessKeyId: 'AKIDAPPCONFIGWATCH', secretAccessKey: 'watch' },
    // The observation follower leaves out calls carrying the inspector's name; these are not CMD's.
    customUserAgent: 'appconfig-inspector-watch',
    maxAttempts: 1,
    // The emulator is in this process on loopback: a call that takes longer is a bug, not a slow network.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
  });
}

/** Every page of a List call (the emulator pages like AWS). */
async function all<T>(page: (next?: string) => Promise<{ Items?: T[]; NextToken?: string }>) {
  const items: T[] = [];
  let next: string | undefined;
  do {
    const out = await page(next);
    items.push(...(out.Items ?? []));
    next = out.NextToken;
  } while (next);
  return items;
}

const named = (items: Named[], key: string) =>
  items.filter((i) => i.Name === key || i.Id === key) as Required<Named>[];

export async function resolveDeploy(
  client: AppConfigClient,
  spec: DeploySpec,
): Promise<ResolvedDeploy> {
  const fail = (why: string) => new UsageError(`--deploy "${spec.text}": ${why}`);
  const apps = await all((NextToken) => client.send(new ListApplicationsCommand({ NextToken })));
  const candidates: [Required<Named>, Required<Named>, Required<Named>][] = [];
  const [appKey, envKey, profileKey] =
    spec.profilePath.length === 3 ? spec.profilePath : [undefined, undefined, spec.profilePath[0]!];
  for (const app of appKey === undefined ? (apps as Required<Named>[]) : named(apps, appKey)) {
    const profiles = await all((NextToken) =>
      client.send(new ListConfigurationProfilesCommand({ ApplicationId: app.Id, NextToken })),
    );
    const profile = named(profiles, profileKey!)[0];
    if (!profile) continue;
    const envs = await all((NextToken) =>
      client.send(new ListEnvironmentsCommand({ ApplicationId: app.Id, NextToken })),
    );
    for (const env of envKey === undefined ? (envs as Required<Named>[]) : named(envs, envKey))
      candidates.push([app, env, profile]);
  }
  if (candidates.length === 0)
    throw fail(
      `the emulator's seed has no ${spec.profilePath.join('/')} (application/environment/profile).`,
    );
  if (candidates.length > 1)
    throw fail(
      `profile "${profileKey}" is in more than one application or environment; name one of ` +
        candidates.map(([a, e, p]) => `${a.Name}/${e.Name}/${p.Name}`).join(', ') +
        '.',
    );
  const [application, environment, profile] = candidates[0]!;
  const versions = await all((NextToken) =>
    client.send(
      new ListHostedConfigurationVersionsCommand({
        ApplicationId: application.Id,
        ConfigurationProfileId: profile.Id,
        NextToken,
      }),
    ),
  );
  const version = versions.find(
    (v) => String(v.VersionNumber) === spec.version || v.VersionLabel === spec.version,
  );
  if (!version)
    throw fail(
      `${profile.Name} has no hosted version "${spec.version}"; it has ` +
        (versions
          .sort((x, y) => (x.VersionNumber ?? 0) - (y.VersionNumber ?? 0))
          .map((v) => v.VersionLabel ?? String(v.VersionNumber))
          .join(', ') || 'none') +
        '.',
    );
  const strategies = await all((NextToken) =>
    client.send(new ListDeploymentStrategiesCommand({ NextToken })),
  );
  const strategy = named(strategies, spec.strategy)[0];
  if (!strategy)
    throw fail(
      `no deployment strategy "${spec.strategy}"; there are ${strategies.map((s) => s.Name).join(', ')}.`,
    );
  return {
    spec,
    application,
    environment,
    profile,
    versionNumber: version.VersionNumber!,
    ...(version.VersionLabel ? { versionLabel: version.VersionLabel } : {}),
    strategyId: strategy.Id,
  };
}

/** Starts the resolved deployments at their --after times and collects what happened to them. */
export class DeploySchedule {
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private readonly started: Promise<WatchDeployment | undefined>[] = [];
  private readonly pending = new Set<ResolvedDeploy>();

  constructor(
    private readonly client: AppConfigClient,
    private readonly log: (line: string) => void,
  ) {}

  /** Call when CMD starts: --after counts from here. */
  start(deploys: ResolvedDeploy[]): void {
    for (const d of deploys) {
      this.pending.add(d);
      this.timers.push(
        setTimeout(() => {
          this.pending.delete(d);
          this.started.push(this.deploy(d));
        }, d.spec.afterSeconds * 1000),
      );
    }
  }

  private async deploy(d: ResolvedDeploy): Promise<WatchDeployment | undefined> {
    const startedAt = Date.now();
    try {
      const out = await this.client.send(
        new StartDeploymentCommand({
          ApplicationId: d.application.Id,
          EnvironmentId: d.environment.Id,
          ConfigurationProfileId: d.profile.Id,
          ConfigurationVersion: String(d.versionNumber),
          DeploymentStrategyId: d.strategyId,
          Description: `appconfig-inspector watch --deploy ${d.spec.text}`,
        }),
      );
      this.log(
        `deployment ${out.DeploymentNumber} started: ${d.spec.version} of ` +
          `${d.application.Name}/${d.environment.Name}/${d.profile.Name} (${d.strategyId}).`,
      );
      return {
        version: d.spec.version,
        profile: d.spec.profilePath.join('/'),
        application: d.application.Name,
        environment: d.environment.Name,
        strategy: d.strategyId,
        startedAt,
        ...(out.DeploymentNumber !== undefined ? { deploymentNumber: out.DeploymentNumber } : {}),
        ...(d.versionLabel ? { versionLabel: d.versionLabel } : {}),
        applicationId: d.application.Id,
        environmentId: d.environment.Id,
        profileId: d.profile.Id,
      };
    } catch (e) {
      this.log(`--deploy "${d.spec.text}" failed: ${(e as Error).name}: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** Call when CMD has exited: cancels what has not started and reads back whether the rest completed. */
  async finish(): Promise<WatchDeployment[]> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const d of this.pending)
      this.log(
        `--deploy "${d.spec.text}" never started: CMD ended before its --after ${d.spec.afterSeconds} s.`,
      );
    this.pending.clear();
    const done: WatchDeployment[] = [];
    for (const d of await Promise.all(this.started)) {
      if (!d) continue;
      if (d.deploymentNumber !== undefined) {
        try {
          const now = await this.client.send(
            new GetDeploymentCommand({
              ApplicationId: d.applicationId,
              EnvironmentId: d.environmentId,
              DeploymentNumber: d.deploymentNumber,
            }),
          );
          if (now.State === 'COMPLETE' && now.CompletedAt)
            d.completedAt = now.CompletedAt.getTime();
        } catch (e) {
          this.log(
            `deployment ${d.deploymentNumber} could not be read back: ${(e as Error).message}`,
          );
        }
      }
      done.push(d);
    }
    return done;
  }
}
