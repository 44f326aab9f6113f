// The watch-only rule deployment-not-picked-up: a deployment `watch --deploy` started and completed, yet a
// session of its application, environment and profile never received its version: it kept polling and did
// not take it, or it stopped polling although its next poll fell due while CMD still ran. Also says which sessions did receive each deployment. Imported by core/watchReportBuild.ts; pure.
import type { DeploymentInput } from './deploymentMarkers.js';
import { deploymentReceipts, type Receipt } from './deploymentReceipts.js';
import type { PollEvent, SessionInfo } from './ledger.js';
import { heldVersionAt } from './rollout.js';
import { isDeliberate } from './watchPolicy.js';
import type { WatchDeployment } from './watchReportTypes.js';

export const NOT_PICKED_UP_TITLE = 'Deployment not picked up';

const NOT_PICKED_UP_FIX =
  'Keep polling with the NextPollConfigurationToken of the latest answer; do not cache the first answer; treat an empty body as "unchanged" (keep the configuration you hold), not as a new, empty configuration.';

/** The label a deployment's version arrives with, when one is known (see WatchDeployment.versionLabel). */
export function labelOf(d: WatchDeployment): string | undefined {
  if (d.versionLabel) return d.versionLabel;
  return /^\d+$/.test(d.version) ? undefined : d.version;
}

/**
 * A session names its resources by name or id; either matches. `profile` may be --deploy's full
 * application/environment/profile path, whose last part is the profile's name.
 */
export function concernsSession(d: WatchDeployment, info: SessionInfo): boolean {
  const is = (given: string, ...known: (string | undefined)[]) => known.includes(given);
  return (
    is(info.applicationIdentifier, d.application, d.applicationId) &&
    is(info.environmentIdentifier, d.environment, d.environmentId) &&
    is(info.configurationProfileIdentifier, d.profile, d.profile.split('/').at(-1), d.profileId)
  );
}

/** "12:00:03 UTC": a CI log's runs last minutes, so the time of day is enough. */
export function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

export interface DeploymentVerdict {
  /** Index into the input's deployments. */
  deployment: number;
  received?: Receipt;
  notPickedUp?: { seq: number; sentAt: number; explanation: string; fix: string };
}

/**
 * One verdict per deployment of this session's application/environment/profile. Receipts come from
 * core/deploymentReceipts.ts, whose windows run from a deployment's start to the next one's; the index into
 * `all` stands in for the deployment number there, so deployments without one still pair up.
 */
export function deploymentVerdicts(
  info: SessionInfo,
  events: readonly PollEvent[],
  all: readonly WatchDeployment[],
  endedAt: number,
): DeploymentVerdict[] {
  const mine = all.map((d, i) => ({ d, i })).filter(({ d }) => concernsSession(d, info));
  const inputs: DeploymentInput[] = mine.map(({ d, i }) => ({
    deploymentNumber: i,
    state: d.completedAt === undefined ? 'DEPLOYING' : 'COMPLETE',
    percentageComplete: d.completedAt === undefined ? 0 : 100,
    versionLabel: labelOf(d),
    startedAt: d.startedAt,
    completedAt: d.completedAt,
    eventLog: [],
  }));
  const receipts = deploymentReceipts(events, inputs).filter((r) => r.kind === 'new');
  const starts = mine.map(({ d }) => d.startedAt).sort((a, b) => a - b);
  return mine.map(({ d, i }) => {
    const received = receipts.find((r) => r.deploymentNumber === i);
    if (received || d.completedAt === undefined) return { deployment: i, received };
    const until = starts.find((s) => s > d.startedAt) ?? Infinity;
    const completedAt = d.completedAt;
    const after = events.filter(
      (e) =>
        e.kind === 'poll' &&
        !isDeliberate(e.trigger) &&
        e.outcome.type !== 'error' &&
        e.sentAt >= completedAt &&
        e.sentAt < until,
    );
    const name = labelOf(d) ?? `version ${d.version}`;
    const deployed = `${name} was deployed at ${clockTime(d.startedAt)} and completed at ${clockTime(completedAt)}`;
    const last = after.at(-1);
    if (!last)
      return {
        deployment: i,
        notPickedUp: stoppedPolling(events, completedAt, Math.min(until, endedAt), deployed),
      };
    const times = `${after.length} time${after.length === 1 ? '' : 's'}`;
    return {
      deployment: i,
      notPickedUp: {
        seq: last.seq,
        sentAt: last.sentAt,
        explanation: `${deployed}; this session polled ${times} after that and still holds ${holdsAt(events, last.answeredAt)}.`,
        fix: NOT_PICKED_UP_FIX,
      },
    };
  });
}

function holdsAt(events: readonly PollEvent[], at: number): string {
  const held = heldVersionAt(events, at);
  return held
    ? (held.versionLabel ?? `an unlabelled version (sha256 ${held.contentHash.slice(0, 12)}…)`)
    : 'no configuration';
}

/**
 * A session that made no successful call after the deployment completed missed it only if its next poll fell
 * due before CMD ended (or the next deployment started): the answer before told it when to come back. One that
 * CMD ended before then, like a short job that polled once, is left alone.
 */
function stoppedPolling(
  events: readonly PollEvent[],
  completedAt: number,
  windowEnd: number,
  deployed: string,
): DeploymentVerdict['notPickedUp'] {
  const answered = events.filter(
    (e) => !isDeliberate(e.trigger) && e.outcome.type !== 'error' && e.answeredAt <= completedAt,
  );
  const last = answered.at(-1);
  if (!last || last.intervalSeconds === undefined) return undefined;
  const dueAt = last.answeredAt + last.intervalSeconds * 1000;
  if (dueAt >= windowEnd) return undefined;
  const idle = Math.round((windowEnd - dueAt) / 1000);
  return {
    seq: last.seq,
    sentAt: last.sentAt,
    explanation: `${deployed}; this session's last call was answered at ${clockTime(last.answeredAt)} with a ${last.intervalSeconds} s poll interval, yet it made no call in the ${idle} s CMD kept running after its next poll fell due, so it still holds ${holdsAt(events, last.answeredAt)}.`,
    fix: NOT_PICKED_UP_FIX,
  };
}
