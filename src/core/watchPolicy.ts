// Watch's policy: which rule name and severity each core anomaly gets in `appconfig-inspector watch`, and the
// parsing of --allow's rule names. Imported by core/watchReportBuild.ts and re-exported by core/watchReport.ts
// for the CLI. Pure core.
import type { Anomaly, AnomalyRule, Severity } from './anomalyTypes.js';
import type { PollTrigger } from './ledger.js';
import type { WatchRuleName } from './watchReportTypes.js';

/** Every watch rule name, in the order docs/watch-report.md lists them. */
export const WATCH_RULE_NAMES: readonly WatchRuleName[] = [
  'token-reused',
  'stale-token',
  'polled-too-early',
  'token-expired',
  'token-near-expiry',
  'session-churn',
  'missed-deployment',
  'aws-error',
  'deployment-not-picked-up',
];

export const WATCH_RULE_OF: Record<AnomalyRule, WatchRuleName> = {
  tokenReused: 'token-reused',
  staleToken: 'stale-token',
  polledTooEarly: 'polled-too-early',
  tokenExpired: 'token-expired',
  tokenNearExpiry: 'token-near-expiry',
  sessionChurn: 'session-churn',
  missedDeployment: 'missed-deployment',
  awsError: 'aws-error',
};

/**
 * Rules watch raises to an error whatever core says. The issue counts what AWS documents as forbidden as an
 * error: a token is "only valid for one call" (reuse) and NextPollConfigurationToken "must be provided to the
 * next call" (so sending an older one, a stale token, breaks the documented chain too) (docs/protocol.md §2).
 * Core keeps these at warning because in the inspector's timeline they are shown, not gated.
 */
const FORBIDDEN: ReadonlySet<AnomalyRule> = new Set(['tokenReused', 'staleToken']);

/** What watch knows about a flag beyond the flag itself. */
export interface WatchSeverityContext {
  /**
   * For session churn across sessions: the session the same client started before this one made at most one
   * GetLatestConfiguration call, i.e. the app starts a new session on every call.
   */
  everyCall?: boolean;
}

/**
 * The watch severity of a core anomaly. Everything not raised keeps core's severity, which already follows
 * the issue: polled too early is an error below the required minimum or when refused "Request too early" and
 * a warning below the merely returned interval; token expired is an error and near expiry a warning; missed
 * deployment is an error. aws-error keeps core's per-error severity on purpose: AWS documents throttling,
 * internal errors and network failures as retryable with the same token (warning), while a refused or
 * unauthorised call is a real failure (error) (docs/protocol.md §1.4, §2).
 */
export function watchSeverity(
  anomaly: Pick<Anomaly, 'rule' | 'severity'>,
  context: WatchSeverityContext = {},
): Severity {
  // AWS asks for one session per application, environment, profile and client; the issue names "a new
  // session on every call" as the forbidden form. A client label is only the SDK name and the address, so a
  // test runner's worker processes, each holding one correct session, look like churn too: when the earlier
  // session kept polling, core's warning stands instead of failing a correct suite.
  if (anomaly.rule === 'sessionChurn') return context.everyCall ? 'error' : anomaly.severity;
  return FORBIDDEN.has(anomaly.rule) ? 'error' : anomaly.severity;
}

/**
 * Triggers that mean the inspector itself sent the call on purpose (its Replay, Poll early and Poll now
 * buttons). An app run under watch is observed, so its calls carry 'start' or 'observed'; a flag on one of
 * these triggers cannot be the app's doing and is left out of the report.
 */
const DELIBERATE: ReadonlySet<PollTrigger> = new Set(['replay', 'early', 'pollNow']);

export function isDeliberate(trigger: PollTrigger | undefined): boolean {
  return trigger !== undefined && DELIBERATE.has(trigger);
}

/** A rule name as typed after --allow; throws naming the valid ones. */
export function parseWatchRuleName(text: string): WatchRuleName {
  const name = text.trim();
  const found = WATCH_RULE_NAMES.find((n) => n === name);
  if (found) return found;
  throw new Error(
    `unknown rule name ${JSON.stringify(text)}: expected one of ${WATCH_RULE_NAMES.join(', ')}`,
  );
}
