// Session churn: StartConfigurationSession called again for the same application, environment and profile by
// the same client without a reason. AWS asks for one session per app/env/profile and client; every extra one
// costs calls, re-downloads the full configuration and loses version tracking (docs/protocol.md §2, §9).
// Imported by anomalies.ts only.
import { RULE_TITLES, makeAnomaly, type Anomaly } from '../anomalyTypes.js';
import { CHURN_WINDOW_MS, TOKEN_REFRESH_AGE_MS } from '../awsLimits.js';
import type { PollEvent, SessionInfo } from '../ledger.js';
import type { ChainState } from './chainState.js';
import { formatDuration } from './wording.js';

const FIX =
  'Start one session per application, environment and profile when the process starts and keep polling it; start a new one only after Expired/Corrupted errors or when the token is about to expire.';

/**
 * Within one ledger: a restart (a second 'start' event) is justified right after a failed call or when the
 * held token was close to expiry; any other restart is churn.
 */
export function restartChurn(event: PollEvent, state: ChainState): Anomaly | undefined {
  const previous = state.previous;
  if (event.kind !== 'start' || !previous) return undefined;
  if (previous.outcome.type === 'error') return undefined;
  const newest = state.newest;
  if (newest && event.sentAt - newest.answeredAt >= TOKEN_REFRESH_AGE_MS) return undefined;
  return makeAnomaly({
    rule: 'sessionChurn',
    severity: 'warning',
    sessionId: event.sessionId,
    seq: event.seq,
    title: RULE_TITLES.sessionChurn,
    explanation: `The session was started again although the previous call (#${previous.seq}) succeeded and its token was still fresh.`,
    fix: FIX,
  });
}

function churnKey(session: SessionInfo): string {
  return [
    session.origin,
    session.readOnly ? 'imported' : 'live',
    session.client ?? '',
    session.backend,
    session.region ?? '',
    session.applicationIdentifier,
    session.environmentIdentifier,
    session.configurationProfileIdentifier,
  ].join('\u0000');
}

/**
 * Across sessions: a session started for the same app/env/profile by the same client (origin, client, backend
 * and region) within 10 minutes of the previous one is flagged, on the later session's start (seq 0). A session
 * that follows a failed one is a legitimate retry. Sessions starting after `now` (a replay scrubbed back in time)
 * are ignored. Imported recordings are grouped apart from live sessions so an import never churns with them.
 */
export function detectChurn(sessions: readonly SessionInfo[], now: number): Anomaly[] {
  const ordered = sessions
    .filter((s) => s.startedAt <= now)
    .sort((a, b) => a.startedAt - b.startedAt);
  const lastByKey = new Map<string, SessionInfo>();
  const anomalies: Anomaly[] = [];
  for (const session of ordered) {
    const key = churnKey(session);
    const previous = lastByKey.get(key);
    lastByKey.set(key, session);
    if (!previous || previous.state === 'failed') continue;
    const gap = session.startedAt - previous.startedAt;
    if (gap >= CHURN_WINDOW_MS) continue;
    anomalies.push(
      makeAnomaly({
        rule: 'sessionChurn',
        severity: 'warning',
        sessionId: session.id,
        seq: 0,
        title: RULE_TITLES.sessionChurn,
        explanation: `This session was started ${formatDuration(gap)} after session ${previous.id} for the same application, environment and profile by the same client.`,
        fix: FIX,
      }),
    );
  }
  return anomalies;
}
