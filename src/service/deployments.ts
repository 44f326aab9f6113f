// Deployment strategies and deployments for the Deployments view, over the control plane's own calls only
// (AWS semantics, so it works against AWS as well as the emulator). AWS's refusals that a person meets in
// normal use (a deployment already running, a revert too late) are answered in words, not as raw errors.
import {
  CreateDeploymentStrategyCommand,
  GetDeploymentCommand,
  ListDeploymentsCommand,
  ListDeploymentStrategiesCommand,
  StartDeploymentCommand,
  StopDeploymentCommand,
  type DeploymentStrategy,
  type DeploymentSummary as AwsDeploymentSummary,
  type GetDeploymentCommandOutput,
} from '@aws-sdk/client-appconfig';
import { deploymentTimes } from '../core/deploymentTimes.js';
import {
  ProtocolError,
  type CreateStrategyParams,
  type DeploymentDetail,
  type DeploymentRef,
  type DeploymentStrategyInfo,
  type DeploymentSummary,
  type EnvironmentRef,
  type StartDeploymentParams,
} from '../protocol/messages.js';
import { errorOutcome } from './awsCall.js';
import { awsFailure, call } from './controlErrors.js';
import type { Backend } from './backend.js';

/** AWS reverts a completed deployment only within 72 hours of its completion. */
export const REVERT_WINDOW_MS = 72 * 60 * 60_000;
const MAX_PAGES = 10;
const RUNNING = ['DEPLOYING', 'BAKING', 'VALIDATING', 'ROLLING_BACK'];

const time = (d: Date | undefined) => (d ? { completedAt: d.getTime() } : {});

function strategyInfo(s: DeploymentStrategy): DeploymentStrategyInfo {
  return {
    id: s.Id ?? '',
    name: s.Name ?? s.Id ?? '',
    ...(s.Description ? { description: s.Description } : {}),
    growthType: s.GrowthType === 'EXPONENTIAL' ? 'EXPONENTIAL' : 'LINEAR',
    growthFactor: s.GrowthFactor ?? 100,
    deploymentDurationInMinutes: s.DeploymentDurationInMinutes ?? 0,
    finalBakeTimeInMinutes: s.FinalBakeTimeInMinutes ?? 0,
    ...(s.ReplicateTo ? { replicateTo: s.ReplicateTo } : {}),
    // AWS's own strategies are the only ids that are not 4–7 lowercase letters and digits.
    predefined: (s.Id ?? '').startsWith('AppConfig.'),
  };
}

export async function listStrategies(backend: Backend): Promise<DeploymentStrategyInfo[]> {
  const out: DeploymentStrategyInfo[] = [];
  let NextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await call(() =>
      backend.control.send(
        new ListDeploymentStrategiesCommand({
          MaxResults: 50,
          ...(NextToken ? { NextToken } : {}),
        }),
      ),
    );
    out.push(...(res.Items ?? []).map(strategyInfo));
    NextToken = res.NextToken;
    if (!NextToken) break;
  }
  return out.sort(
    (a, b) => Number(b.predefined) - Number(a.predefined) || a.name.localeCompare(b.name),
  );
}

export async function createStrategy(
  backend: Backend,
  p: CreateStrategyParams,
): Promise<DeploymentStrategyInfo> {
  const res = await call(() =>
    backend.control.send(
      new CreateDeploymentStrategyCommand({
        Name: p.name,
        ...(p.description ? { Description: p.description } : {}),
        GrowthType: p.growthType,
        GrowthFactor: p.growthFactor,
        DeploymentDurationInMinutes: p.deploymentDurationInMinutes,
        FinalBakeTimeInMinutes: p.finalBakeTimeInMinutes,
        ReplicateTo: p.replicateTo,
      }),
    ),
  );
  return strategyInfo(res);
}

function summaryOf(d: AwsDeploymentSummary | GetDeploymentCommandOutput): DeploymentSummary {
  return {
    deploymentNumber: d.DeploymentNumber ?? 0,
    ...(d.ConfigurationName ? { configurationName: d.ConfigurationName } : {}),
    ...(d.ConfigurationVersion ? { configurationVersion: d.ConfigurationVersion } : {}),
    ...(d.VersionLabel ? { versionLabel: d.VersionLabel } : {}),
    state: d.State ?? 'UNKNOWN',
    percentageComplete: d.PercentageComplete ?? 0,
    ...(d.GrowthType ? { growthType: d.GrowthType } : {}),
    ...(d.GrowthFactor !== undefined ? { growthFactor: d.GrowthFactor } : {}),
    ...(d.DeploymentDurationInMinutes !== undefined
      ? { deploymentDurationInMinutes: d.DeploymentDurationInMinutes }
      : {}),
    ...(d.FinalBakeTimeInMinutes !== undefined
      ? { finalBakeTimeInMinutes: d.FinalBakeTimeInMinutes }
      : {}),
    ...(d.StartedAt ? { startedAt: d.StartedAt.getTime() } : {}),
    ...time(d.CompletedAt),
  };
}

function detailOf(d: GetDeploymentCommandOutput, now: number): DeploymentDetail {
  const base: DeploymentDetail = {
    ...summaryOf(d),
    applicationId: d.ApplicationId ?? '',
    environmentId: d.EnvironmentId ?? '',
    ...(d.ConfigurationProfileId ? { configurationProfileId: d.ConfigurationProfileId } : {}),
    ...(d.DeploymentStrategyId ? { deploymentStrategyId: d.DeploymentStrategyId } : {}),
    ...(d.Description ? { description: d.Description } : {}),
    // AWS lists the newest event first; reversed before the (stable) sort, events of one millisecond keep
    // their real order (a rollback's start before its completion).
    eventLog: [...(d.EventLog ?? [])]
      .reverse()
      .map((e) => ({
        eventType: e.EventType ?? 'UNKNOWN',
        ...(e.TriggeredBy ? { triggeredBy: e.TriggeredBy } : {}),
        ...(e.Description ? { description: e.Description } : {}),
        ...(e.OccurredAt ? { occurredAt: e.OccurredAt.getTime() } : {}),
      }))
      .sort((a, b) => (a.occurredAt ?? 0) - (b.occurredAt ?? 0)),
  };
  if (!(d.State === 'DEPLOYING' || d.State === 'BAKING') || !d.StartedAt) return base;
  const firstStep = base.eventLog.find((e) => e.eventType === 'PERCENTAGE_UPDATED')?.occurredAt;
  const times = deploymentTimes(
    {
      startedAt: d.StartedAt.getTime(),
      durationMinutes: d.DeploymentDurationInMinutes ?? 0,
      growthType: d.GrowthType === 'EXPONENTIAL' ? 'EXPONENTIAL' : 'LINEAR',
      growthFactor: d.GrowthFactor ?? 100,
      finalBakeMinutes: d.FinalBakeTimeInMinutes ?? 0,
    },
    now,
    firstStep,
  );
  return {
    ...base,
    ...(times.nextStepAt !== undefined && d.State === 'DEPLOYING'
      ? { nextStepAt: times.nextStepAt, nextStepPercent: times.nextStepPercent! }
      : {}),
    bakeEndsAt: times.bakeEndsAt,
  };
}

export async function listDeployments(
  backend: Backend,
  ref: EnvironmentRef,
): Promise<DeploymentSummary[]> {
  const out: DeploymentSummary[] = [];
  let NextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await call(() =>
      backend.control.send(
        new ListDeploymentsCommand({
          ApplicationId: ref.applicationId,
          EnvironmentId: ref.environmentId,
          MaxResults: 50,
          ...(NextToken ? { NextToken } : {}),
        }),
      ),
    );
    out.push(...(res.Items ?? []).map(summaryOf));
    NextToken = res.NextToken;
    if (!NextToken) break;
  }
  return out.sort((a, b) => b.deploymentNumber - a.deploymentNumber);
}

const awsGet = (backend: Backend, ref: DeploymentRef) =>
  call(() =>
    backend.control.send(
      new GetDeploymentCommand({
        ApplicationId: ref.applicationId,
        EnvironmentId: ref.environmentId,
        DeploymentNumber: ref.deploymentNumber,
      }),
    ),
  );

export async function getDeployment(
  backend: Backend,
  ref: DeploymentRef,
  now: number,
): Promise<DeploymentDetail> {
  return detailOf(await awsGet(backend, ref), now);
}

/** Which deployment holds the environment, in words a person can act on. */
async function conflictInWords(
  backend: Backend,
  p: StartDeploymentParams,
  awsMessage: string,
): Promise<string> {
  const running = (await listDeployments(backend, p).catch(() => [])).find((d) =>
    RUNNING.includes(String(d.state)),
  );
  // The list may lag the refusal (the running one just finished): then AWS's own words are all there is.
  if (!running)
    return `AppConfig refused the deployment as a conflict (${awsMessage}). Usually another deployment is still running in environment ${p.environmentId}; list its deployments, wait or stop it, then deploy again.`;
  const which = `Deployment ${running.deploymentNumber} (${running.configurationName ?? 'a configuration'} version ${running.versionLabel ?? running.configurationVersion ?? '?'}, ${running.state} at ${running.percentageComplete}%)`;
  return (
    `${which} is still running in environment ${p.environmentId}, and AppConfig allows one deployment ` +
    `per environment at a time. Wait for it to complete, or stop it (clients roll back), then deploy again.`
  );
}

export async function startDeployment(
  backend: Backend,
  p: StartDeploymentParams,
  now: number,
): Promise<DeploymentDetail> {
  try {
    const res = await backend.control.send(
      new StartDeploymentCommand({
        ApplicationId: p.applicationId,
        EnvironmentId: p.environmentId,
        ConfigurationProfileId: p.configurationProfileId,
        ConfigurationVersion: String(p.versionNumber),
        DeploymentStrategyId: p.deploymentStrategyId,
        ...(p.description ? { Description: p.description } : {}),
      }),
    );
    return detailOf(res, now);
  } catch (e) {
    const { errorName, message } = errorOutcome(e);
    if (errorName === 'ConflictException')
      throw new ProtocolError('conflict', await conflictInWords(backend, p, message), errorName);
    throw awsFailure(e);
  }
}

const stop = (backend: Backend, ref: DeploymentRef, allowRevert: boolean) =>
  call(() =>
    backend.control.send(
      new StopDeploymentCommand({
        ApplicationId: ref.applicationId,
        EnvironmentId: ref.environmentId,
        DeploymentNumber: ref.deploymentNumber,
        ...(allowRevert ? { AllowRevert: true } : {}),
      }),
    ),
  );

/** Rolls back a running deployment; a finished one is refused with what to do instead. */
export async function stopDeployment(
  backend: Backend,
  ref: DeploymentRef,
  now: number,
): Promise<DeploymentDetail> {
  const current = await awsGet(backend, ref);
  if (current.State === 'COMPLETE')
    throw new ProtocolError(
      'conflict',
      `Deployment ${ref.deploymentNumber} has already completed, so there is nothing to stop; revert it instead to give clients the previous version again.`,
    );
  if (!RUNNING.includes(current.State ?? ''))
    throw new ProtocolError(
      'conflict',
      `Deployment ${ref.deploymentNumber} is ${current.State} and no longer running; there is nothing to stop.`,
    );
  await stop(backend, ref, false);
  return getDeployment(backend, ref, now);
}

/** Reverts a completed deployment (StopDeployment with AllowRevert) within AWS's 72-hour window. */
export async function revertDeployment(
  backend: Backend,
  ref: DeploymentRef,
  now: number,
): Promise<DeploymentDetail> {
  const current = await awsGet(backend, ref);
  if (current.State !== 'COMPLETE')
    throw new ProtocolError(
      'conflict',
      RUNNING.includes(current.State ?? '')
        ? `Deployment ${ref.deploymentNumber} is still ${current.State}; stop it (clients roll back) rather than revert it.`
        : `Deployment ${ref.deploymentNumber} is ${current.State}; only a COMPLETE deployment can be reverted.`,
    );
  const completedAt = current.CompletedAt?.getTime();
  if (completedAt !== undefined && now - completedAt > REVERT_WINDOW_MS) {
    const hours = Math.floor((now - completedAt) / 3_600_000);
    throw new ProtocolError(
      'conflict',
      `Deployment ${ref.deploymentNumber} completed ${hours} hours ago; AppConfig reverts a deployment only within 72 hours of completing. Deploy the previous version instead.`,
    );
  }
  await stop(backend, ref, true);
  return getDeployment(backend, ref, now);
}
