// Deployment progression (docs/protocol.md §3.2–3.4) as pure functions of a deployment and the emulated time
// elapsed since it started (`--time-scale` speeds that clock up), plus which hosted version a session is
// served. Used by the control plane (Get/List/Stop, environment State) and the data plane (servedVersion).
// Imports only the emulator's store.
import type { Deployment, DeploymentEvent, HostedVersion, Store } from './store.js';

export type DeploymentState = 'DEPLOYING' | 'BAKING' | 'COMPLETE' | 'ROLLED_BACK' | 'REVERTED';

export interface DeploymentStatus {
  State: DeploymentState;
  PercentageComplete: number;
  /** When it reached COMPLETE (or was rolled back); undefined while it is still running. */
  CompletedAt?: Date;
  /** Oldest first, each stamped with the wall-clock time it happened at. */
  Events: DeploymentEvent[];
}

const MINUTE = 60_000;

/** A step of the rollout: `percent` of sessions get the new version `at` emulated ms after the start. */
export interface RolloutStep {
  at: number;
  percent: number;
}

/**
 * LINEAR adds GrowthFactor% per step; EXPONENTIAL doubles from GrowthFactor% (G·2^N); both cap at 100.
 * The steps are spread evenly across DeploymentDurationInMinutes, the first one interval after the start:
 * AWS's example (10 h, 20 %) gives 0/20/40/60/80/100 % at hours 0/2/4/6/8/10. The even spacing is documented
 * for LINEAR only; for EXPONENTIAL it is inferred (docs/protocol.md §3.2). Duration 0 gives 100 % at once.
 */
export function rolloutSteps(
  d: Pick<Deployment, 'DeploymentDurationInMinutes' | 'GrowthType' | 'GrowthFactor'>,
): RolloutStep[] {
  const duration = d.DeploymentDurationInMinutes * MINUTE;
  if (duration === 0) return [{ at: 0, percent: 100 }];
  const percents: number[] = [];
  for (let k = 1; percents.at(-1) !== 100; k++) {
    const p = d.GrowthType === 'EXPONENTIAL' ? d.GrowthFactor * 2 ** (k - 1) : d.GrowthFactor * k;
    // Round away float noise (3 × 33.3) so a step never lands a hair under or over a whole percentage.
    percents.push(Math.min(100, Math.round(p * 1e9) / 1e9));
  }
  return percents.map((percent, i) => ({ at: ((i + 1) * duration) / percents.length, percent }));
}

const event = (
  EventType: string,
  TriggeredBy: DeploymentEvent['TriggeredBy'],
  Description: string,
  OccurredAt: Date,
): DeploymentEvent => ({ EventType, TriggeredBy, Description, OccurredAt });

/** The deployment as it stands at wall-clock time `now` (default: the store's clock). */
export function deploymentStatus(
  store: Store,
  d: Deployment,
  now = store.clock.now(),
): DeploymentStatus {
  const start = d.StartedAt.getTime();
  const stopped = d.StoppedAt !== undefined && now >= d.StoppedAt.getTime();
  const until = stopped ? d.StoppedAt!.getTime() : now;
  const elapsed = Math.max(0, (until - start) * store.timeScale);
  const wall = (emulatedMs: number) => new Date(start + emulatedMs / store.timeScale);
  const duration = d.DeploymentDurationInMinutes * MINUTE;
  const bakeEnd = duration + d.FinalBakeTimeInMinutes * MINUTE;

  // Event wording follows the AWS GetDeployment example (botocore examples-1.json).
  const events = [event('DEPLOYMENT_STARTED', 'USER', 'Deployment started', d.StartedAt)];
  let percent = 0;
  for (const step of rolloutSteps(d)) {
    if (step.at > elapsed) break;
    percent = step.percent;
    const text = `Configuration available to ${percent.toFixed(2)}% of clients`;
    events.push(event('PERCENTAGE_UPDATED', 'APPCONFIG', text, wall(step.at)));
  }
  let state: DeploymentState = 'DEPLOYING';
  let completedAt: Date | undefined;
  if (elapsed >= duration) {
    // AWS logs BAKE_TIME_STARTED even for a zero bake time (same example), so it is always emitted.
    events.push(
      event('BAKE_TIME_STARTED', 'APPCONFIG', 'Deployment bake time started', wall(duration)),
    );
    state = 'BAKING';
    if (elapsed >= bakeEnd) {
      completedAt = wall(bakeEnd);
      events.push(event('DEPLOYMENT_COMPLETED', 'APPCONFIG', 'Deployment completed', completedAt));
      state = 'COMPLETE';
    }
  }
  // A stop takes effect at once: the emulator has no ROLLING_BACK phase (the event texts are its own).
  const stoppedAt = d.StoppedAt!;
  if (stopped && d.StoppedState === 'ROLLED_BACK') {
    events.push(
      event(
        'ROLLBACK_STARTED',
        'USER',
        'Rollback started: deployment stopped by the user',
        stoppedAt,
      ),
    );
    events.push(event('ROLLBACK_COMPLETED', 'APPCONFIG', 'Rollback completed', stoppedAt));
    return {
      State: 'ROLLED_BACK',
      PercentageComplete: percent,
      CompletedAt: stoppedAt,
      Events: events,
    };
  }
  if (stopped && d.StoppedState === 'REVERTED') {
    events.push(
      event(
        'REVERT_COMPLETED',
        'USER',
        'Configuration reverted to the previous version',
        stoppedAt,
      ),
    );
    return {
      State: 'REVERTED',
      PercentageComplete: percent,
      CompletedAt: completedAt,
      Events: events,
    };
  }
  return { State: state, PercentageComplete: percent, CompletedAt: completedAt, Events: events };
}

export const isInProgress = (state: DeploymentState) => state === 'DEPLOYING' || state === 'BAKING';

/** Brings the stored EventLog (oldest first) up to date and returns the current status. */
export function refreshDeployment(store: Store, d: Deployment): DeploymentStatus {
  const status = deploymentStatus(store, d);
  d.EventLog = status.Events;
  return status;
}

/** Environment State follows its newest deployment; BAKING still counts as DEPLOYING. */
export function environmentState(
  store: Store,
  applicationId: string,
  environmentId: string,
): string {
  const last = store.deploymentsOf(applicationId, environmentId).at(-1);
  if (!last) return 'READY_FOR_DEPLOYMENT';
  const { State } = deploymentStatus(store, last);
  if (isInProgress(State)) return 'DEPLOYING';
  return State === 'COMPLETE' ? 'READY_FOR_DEPLOYMENT' : State;
}

/** The newest deployment of `profileId` in the environment, if any. */
export function latestDeploymentOf(
  store: Store,
  applicationId: string,
  environmentId: string,
  profileId: string,
): Deployment | undefined {
  // From the end, without a filtered copy: this runs on every poll.
  const list = store.deploymentsOf(applicationId, environmentId);
  for (let i = list.length - 1; i >= 0; i--)
    if (list[i]!.ConfigurationProfileId === profileId) return list[i];
  return undefined;
}

/**
 * The version number the environment settles on for the profile once every deployment has finished: the
 * newest one's version, or what it replaced if it was rolled back or reverted. StartDeployment records this
 * as the new deployment's PreviousVersionNumber.
 */
export function settledVersionNumber(
  store: Store,
  applicationId: string,
  environmentId: string,
  profileId: string,
  now = store.clock.now(),
): number | undefined {
  const last = latestDeploymentOf(store, applicationId, environmentId, profileId);
  if (!last) return undefined;
  const { State } = deploymentStatus(store, last, now);
  const undone = State === 'ROLLED_BACK' || State === 'REVERTED';
  return undone ? last.PreviousVersionNumber : Number(last.ConfigurationVersion);
}

/**
 * The hosted version that environment `environmentId` serves for `profileId` to a session whose sticky
 * bucket (0–99) for deployment N is `bucketOf(N)`; undefined when nothing was ever deployed. The newest
 * deployment of the profile decides: in progress, sessions whose bucket is below PercentageComplete get the
 * new version and the rest the previous one; COMPLETE serves the new one; ROLLED_BACK/REVERTED the previous.
 */
export function servedVersion(
  store: Store,
  applicationId: string,
  environmentId: string,
  profileId: string,
  bucketOf: (deploymentNumber: number) => number,
): HostedVersion | undefined {
  const last = latestDeploymentOf(store, applicationId, environmentId, profileId);
  if (!last) return undefined;
  const known = settled.get(last);
  if (known && known.stoppedAt === last.StoppedAt) return known.version;
  const { State, PercentageComplete } = deploymentStatus(store, last);
  const deployed = store.findDeployedVersion(
    applicationId,
    profileId,
    Number(last.ConfigurationVersion),
  );
  const previous =
    last.PreviousVersionNumber === undefined
      ? undefined
      : store.findDeployedVersion(applicationId, profileId, last.PreviousVersionNumber);
  if (State === 'DEPLOYING' || State === 'BAKING')
    return bucketOf(last.DeploymentNumber) < PercentageComplete ? deployed : previous;
  const version = State === 'COMPLETE' ? deployed : previous;
  settled.set(last, { stoppedAt: last.StoppedAt, version });
  return version;
}

/**
 * What a finished deployment serves, so every poll need not rebuild its status and event log (4 µs of a
 * poll, bench/emulator). Final until the deployment is stopped (a COMPLETE one is then REVERTED), which
 * sets StoppedAt; a newer deployment is a different key.
 */
const settled = new WeakMap<
  Deployment,
  { stoppedAt: Date | undefined; version: HostedVersion | undefined }
>();
