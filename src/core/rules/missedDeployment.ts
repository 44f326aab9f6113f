// Missed deployment: a version reached 100% of an environment, yet a session of that environment and profile
// still holds another one once it has had time to poll, with the likely cause read off its ledger. The caller
// pairs sessions with the deployments of their environment and profile (the control plane knows those).
// Pure core: imports only core files.
import { RULE_TITLES, makeAnomaly, type Anomaly } from '../anomalyTypes.js';
import { DEFAULT_POLL_INTERVAL_SECONDS } from '../awsLimits.js';
import type { PollEvent, SessionInfo } from '../ledger.js';
import { heldVersionAt } from '../rollout.js';
import { formatDuration } from './wording.js';

/** A deployment as far as this rule needs it. */
export interface ReachedDeployment {
  deploymentNumber: number;
  /** When PercentageComplete reached 100 (before bake time): from then on every poll gets the version. */
  reachedAllAt: number;
  versionLabel?: string;
  /** The content's SHA-256 when known; otherwise the label identifies the version. */
  contentHash?: string;
}

/** Polls a session gets to pick a version up before it counts as missed. */
const GRACE_INTERVALS = 2;

export function missedDeployment(
  session: SessionInfo,
  events: readonly PollEvent[],
  deployment: ReachedDeployment,
  now: number,
): Anomaly | undefined {
  const last = events.at(-1);
  if (!last) return undefined;
  // A session AWS never answered (its start refused) is explained by that error's own flag.
  if (events.every((e) => e.outcome.type === 'error')) return undefined;
  const held = heldVersionAt(events, now);
  const has = deployment.contentHash
    ? held?.contentHash === deployment.contentHash
    : deployment.versionLabel !== undefined && held?.versionLabel === deployment.versionLabel;
  if (has) return undefined;
  const lastInterval = [...events].reverse().find((e) => e.intervalSeconds !== undefined);
  const interval = Math.max(
    lastInterval?.intervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS,
    session.requiredMinimumPollIntervalInSeconds ?? 0,
  );
  // A session that began after the deployment gets its own grace, counted from its first call.
  const graceFrom = Math.max(deployment.reachedAllAt, events[0]!.sentAt);
  if (now < graceFrom + GRACE_INTERVALS * interval * 1000) return undefined;

  const since = events.filter((e) => e.sentAt >= deployment.reachedAllAt && e.trigger !== 'replay');
  const answered = since.filter((e) => e.outcome.type !== 'error');
  const version = deployment.versionLabel ?? `deployment #${deployment.deploymentNumber}'s version`;
  const ago = formatDuration(now - deployment.reachedAllAt);
  let cause: string;
  let fix: string;
  if (since.length === 0) {
    cause = `it made no call since the deployment reached 100% ${ago} ago: polling stopped, or the app is not running`;
    fix = 'Keep polling for the life of the process, on the interval each answer returns.';
  } else if (answered.length === 0) {
    const error = since.at(-1)!.outcome;
    const name = error.type === 'error' ? error.errorName : 'an error';
    cause = `every call since the deployment reached 100% failed (the last with ${name}): its token chain is broken`;
    fix =
      'Start a new session after Expired or Corrupted token errors, and retry transient failures with backoff and the same token.';
  } else {
    cause = `it polled ${answered.length} time${answered.length === 1 ? '' : 's'} since and was answered "unchanged": it polls an old session's token chain (say, a token kept across a restart) or reads through a cache that holds the old version`;
    fix =
      'Send the NextPollConfigurationToken of the latest answer, one chain per process, and do not cache configuration outside the AppConfig client.';
  }
  return makeAnomaly(
    {
      rule: 'missedDeployment',
      severity: 'error',
      sessionId: session.id,
      seq: last.seq,
      title: RULE_TITLES.missedDeployment,
      explanation: `${version} reached every client ${ago} ago, but this session still holds ${held?.versionLabel ?? (held ? 'an older version' : 'no configuration')}: ${cause}.`,
      fix,
    },
    `:deployment-${deployment.deploymentNumber}`,
  );
}
