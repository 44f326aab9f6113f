// Start/List/Get/Stop Deployment. Progress is never stored: every read asks the deployment engine where the
// deployment stands at the current (emulated) time. One deployment at a time per environment, as AWS does
// (ConflictException, docs/protocol.md §3.2); StopDeployment rolls back or, with Allow-Revert, reverts
// (docs/protocol.md §3.4).
import type { EmulatorContext } from '../index.js';
import { badRequest, isoTime, parseJsonObject, sendJson } from '../http.js';
import { route, type RequestContext, type Route } from '../router.js';
import type { Deployment, Store } from '../store.js';
import {
  deploymentStatus,
  isInProgress,
  latestDeploymentOf,
  refreshDeployment,
  settledVersionNumber,
} from '../deploymentEngine.js';
import { requireEnvironment } from './environments.js';
import { paginate } from './pagination.js';
import { requireProfile } from './profiles.js';
import { requireStrategy, STRATEGY_ID } from './strategies.js';
import {
  checkObject,
  checkTags,
  conflict,
  ID_PATTERN,
  notFound,
  optionalString,
  pathId,
  pathInteger,
  requiredString,
  type Body,
} from './validation.js';

/** AWS only reverts a completed deployment within 72 hours of completion (docs/protocol.md §3.4). */
const REVERT_WINDOW_MS = 72 * 60 * 60_000;

function resolveVersion(store: Store, appId: string, profileId: string, requested: string): number {
  const versions = store.versionsOf(appId, profileId);
  // Labels must contain a non-digit, so an all-digit value can only be a version number.
  const found = /^\d+$/.test(requested)
    ? versions.find((v) => v.VersionNumber === Number(requested))
    : versions.find((v) => v.VersionLabel === requested);
  if (!found) {
    throw notFound(
      'HostedConfigurationVersion',
      `Configuration profile ${profileId} has no hosted version with number or label '${requested}'.`,
    );
  }
  return found.VersionNumber;
}

/** StartDeployment; the seed loader passes a `startedAt` in the past to seed finished deployments. */
export function startDeployment(
  store: Store,
  appId: string,
  envId: string,
  body: Body,
  startedAt = new Date(store.clock.now()),
): Deployment {
  requireEnvironment(store, appId, envId);
  const strategyId = requiredString(body, 'DeploymentStrategyId', {
    min: 1,
    max: 64,
    pattern: STRATEGY_ID,
    patternText: '[a-z0-9]{4,7} or AppConfig.[A-Za-z0-9]{9,40}',
  });
  const profileId = requiredString(body, 'ConfigurationProfileId', {
    min: 1,
    max: 64,
    pattern: ID_PATTERN,
    patternText: '[a-z0-9]{4,7}',
  });
  const requested = requiredString(body, 'ConfigurationVersion', { min: 1, max: 1024 });
  const Description = optionalString(body, 'Description', { max: 1024 });
  optionalString(body, 'KmsKeyIdentifier', { min: 1, max: 2048 });
  if (body.DynamicExtensionParameters !== undefined) {
    checkObject('DynamicExtensionParameters', body.DynamicExtensionParameters);
  }
  checkTags(body);
  const strategy = requireStrategy(store, strategyId);
  const profile = requireProfile(store, appId, profileId);
  const versionNumber = resolveVersion(store, appId, profileId, requested);

  const deployments = store.deploymentsOf(appId, envId);
  // Judged at the start time, not now, so seeded deployments in the past are checked against each other.
  const at = startedAt.getTime();
  const running = deployments.find((d) => isInProgress(deploymentStatus(store, d, at).State));
  if (running) {
    throw conflict(
      `Deployment number ${running.DeploymentNumber} is still in progress in environment ${envId}; ` +
        `wait for it to complete or stop it before starting another deployment.`,
    );
  }
  const last = deployments.at(-1);
  if (last && at < last.StartedAt.getTime()) {
    throw badRequest(
      `A deployment cannot start before deployment number ${last.DeploymentNumber} in the same environment.`,
    );
  }
  const deployment: Deployment = {
    ApplicationId: appId,
    EnvironmentId: envId,
    DeploymentNumber: deployments.length + 1,
    ConfigurationProfileId: profileId,
    ConfigurationVersion: String(versionNumber),
    ConfigurationName: profile.Name,
    ConfigurationLocationUri: profile.LocationUri,
    Description,
    DeploymentStrategyId: strategy.Id,
    DeploymentDurationInMinutes: strategy.DeploymentDurationInMinutes,
    GrowthType: strategy.GrowthType,
    GrowthFactor: strategy.GrowthFactor,
    FinalBakeTimeInMinutes: strategy.FinalBakeTimeInMinutes,
    StartedAt: startedAt,
    // What the environment served before: the target of a rollback or revert, and what sessions outside
    // the rollout percentage keep getting.
    PreviousVersionNumber: settledVersionNumber(store, appId, envId, profileId, at),
    EventLog: [],
  };
  deployments.push(deployment);
  refreshDeployment(store, deployment);
  return deployment;
}

function requireDeployment(
  store: Store,
  appId: string,
  envId: string,
  deploymentNumber: number,
): Deployment {
  requireEnvironment(store, appId, envId);
  const deployment = store
    .deploymentsOf(appId, envId)
    .find((d) => d.DeploymentNumber === deploymentNumber);
  if (!deployment) {
    throw notFound(
      'Deployment',
      `Deployment number ${deploymentNumber} does not exist in environment ${envId}.`,
    );
  }
  return deployment;
}

/** The members shared by Deployment and DeploymentSummary, at the current emulated time. */
function summaryView(store: Store, d: Deployment) {
  const status = refreshDeployment(store, d);
  // The label is read from the version (kept even after a delete) rather than copied onto the deployment.
  const versionNumber = Number(d.ConfigurationVersion);
  const version = store.findDeployedVersion(
    d.ApplicationId,
    d.ConfigurationProfileId,
    versionNumber,
  );
  return {
    status,
    view: {
      DeploymentNumber: d.DeploymentNumber,
      ConfigurationName: d.ConfigurationName,
      ConfigurationVersion: d.ConfigurationVersion,
      DeploymentDurationInMinutes: d.DeploymentDurationInMinutes,
      GrowthType: d.GrowthType,
      GrowthFactor: d.GrowthFactor,
      FinalBakeTimeInMinutes: d.FinalBakeTimeInMinutes,
      State: status.State,
      PercentageComplete: status.PercentageComplete,
      StartedAt: isoTime(d.StartedAt),
      CompletedAt: status.CompletedAt && isoTime(status.CompletedAt),
      VersionLabel: version?.VersionLabel,
    },
  };
}

export function deploymentView(store: Store, d: Deployment) {
  const { status, view } = summaryView(store, d);
  return {
    ApplicationId: d.ApplicationId,
    EnvironmentId: d.EnvironmentId,
    DeploymentStrategyId: d.DeploymentStrategyId,
    ConfigurationProfileId: d.ConfigurationProfileId,
    ConfigurationLocationUri: d.ConfigurationLocationUri,
    Description: d.Description,
    ...view,
    // The model's EventLog is newest first (AWS GetDeployment example).
    EventLog: [...status.Events]
      .reverse()
      .map((e) => ({ ...e, OccurredAt: isoTime(e.OccurredAt) })),
    // AppConfig extensions are not emulated, so none ever ran.
    AppliedExtensions: [],
  };
}

function allowRevert(ctx: RequestContext): boolean {
  const raw = ctx.req.headers['allow-revert'];
  if (raw === undefined) return false;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw badRequest(`The Allow-Revert header must be 'true' or 'false'; got '${String(raw)}'.`);
}

export function stopDeployment(store: Store, d: Deployment, revert: boolean): void {
  const now = store.clock.now();
  const { State, CompletedAt } = deploymentStatus(store, d, now);
  // The model says a plain stop works on DEPLOYING; BAKING is still in progress (alarms are watched until
  // the bake ends), so it rolls back too.
  if (isInProgress(State)) {
    d.StoppedAt = new Date(now);
    d.StoppedState = 'ROLLED_BACK';
    return;
  }
  if (State !== 'COMPLETE')
    throw badRequest(`Deployment number ${d.DeploymentNumber} is already ${State}.`);
  if (!revert) {
    throw badRequest(
      `Deployment number ${d.DeploymentNumber} is COMPLETE; only a DEPLOYING or BAKING deployment can be stopped. ` +
        `Send AllowRevert (Allow-Revert: true) to revert it to the previous version.`,
    );
  }
  // Reverting an older deployment would silently undo a newer one, so only the newest can be reverted.
  if (latestDeploymentOf(store, d.ApplicationId, d.EnvironmentId, d.ConfigurationProfileId) !== d) {
    throw badRequest(
      `Deployment number ${d.DeploymentNumber} cannot be reverted: a newer deployment of this ` +
        `configuration profile exists in environment ${d.EnvironmentId}.`,
    );
  }
  // Measured in emulated time, like the rest of a deployment's life, so --time-scale reaches it too.
  if ((now - CompletedAt!.getTime()) * store.timeScale > REVERT_WINDOW_MS) {
    throw badRequest(
      `Deployment number ${d.DeploymentNumber} completed more than 72 hours ago and can no longer be reverted.`,
    );
  }
  d.StoppedAt = new Date(now);
  d.StoppedState = 'REVERTED';
}

const BASE = '/applications/:ApplicationId/environments/:EnvironmentId/deployments';

export function deploymentRoutes({ store }: EmulatorContext): Route[] {
  const ids = (ctx: RequestContext) =>
    [pathId(ctx, 'ApplicationId'), pathId(ctx, 'EnvironmentId')] as const;
  return [
    route('POST', BASE, async (ctx) => {
      const [appId, envId] = ids(ctx);
      const body = parseJsonObject(await ctx.body());
      sendJson(ctx.res, 201, deploymentView(store, startDeployment(store, appId, envId, body)));
    }),
    route('GET', BASE, (ctx) => {
      const [appId, envId] = ids(ctx);
      requireEnvironment(store, appId, envId);
      // Model: ListDeployments returns "descending deployment number order".
      const items = [...store.deploymentsOf(appId, envId)]
        .reverse()
        .map((d) => summaryView(store, d).view);
      sendJson(ctx.res, 200, paginate(ctx.url, `deployments:${appId}:${envId}`, items));
    }),
    route('GET', `${BASE}/:DeploymentNumber`, (ctx) => {
      const [appId, envId] = ids(ctx);
      const deployment = requireDeployment(
        store,
        appId,
        envId,
        pathInteger(ctx, 'DeploymentNumber'),
      );
      sendJson(ctx.res, 200, deploymentView(store, deployment));
    }),
    route('DELETE', `${BASE}/:DeploymentNumber`, (ctx) => {
      const [appId, envId] = ids(ctx);
      const deployment = requireDeployment(
        store,
        appId,
        envId,
        pathInteger(ctx, 'DeploymentNumber'),
      );
      stopDeployment(store, deployment, allowRevert(ctx));
      sendJson(ctx.res, 202, deploymentView(store, deployment));
    }),
  ];
}
