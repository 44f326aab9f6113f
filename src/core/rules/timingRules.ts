// Rules about when a token was sent: before the poll interval allowed it, or close to / past its 24 h lifetime.
// Imported by anomalies.ts only.
import { RULE_TITLES, makeAnomaly, type Anomaly } from '../anomalyTypes.js';
import { TOKEN_LIFETIME_MS, TOKEN_NEAR_EXPIRY_MS } from '../awsLimits.js';
import { classifyError } from '../errorKinds.js';
import type { PollEvent } from '../ledger.js';
import type { ChainState } from './chainState.js';
import { deliberateNote, formatDuration } from './wording.js';

const EARLY_FIX =
  'Wait NextPollIntervalInSeconds after each answer before the next poll, measured from when the answer arrived; after "Request too early", wait and retry with the same token.';

/**
 * Polled too early: measured from the answer that issued the token. Below the session's
 * RequiredMinimumPollIntervalInSeconds AWS refuses the call ("Request too early") → error; below the
 * Next-Poll-Interval-In-Seconds returned with the token it only wastes priced calls → warning. The first poll
 * after a start is never early. A refusal with PollIntervalNotSatisfied is an error whatever the clocks say.
 */
export function polledTooEarly(event: PollEvent, state: ChainState): Anomaly | undefined {
  if (event.kind !== 'poll') return undefined;
  const refused = event.outcome.type === 'error' && classifyError(event.outcome) === 'tooEarly';
  const issuer = event.tokenIn === undefined ? undefined : state.issued.get(event.tokenIn);
  const elapsed = issuer ? event.sentAt - issuer.answeredAt : undefined;
  const required = state.session.requiredMinimumPollIntervalInSeconds;
  const suggested = issuer?.intervalSeconds;
  const note = deliberateNote(event.trigger);
  const base = {
    rule: 'polledTooEarly',
    sessionId: event.sessionId,
    seq: event.seq,
    title: RULE_TITLES.polledTooEarly,
    fix: EARLY_FIX,
  } as const;

  if (refused) {
    const after =
      elapsed === undefined ? '' : ` ${formatDuration(elapsed)} after the token was issued`;
    return makeAnomaly({
      ...base,
      severity: 'error',
      explanation: `AWS refused this poll with "Request too early" because it came${after} before the session's minimum poll interval${note}.`,
    });
  }
  if (!issuer || elapsed === undefined || issuer.kind === 'start') return undefined;
  if (required !== undefined && elapsed < required * 1000) {
    return makeAnomaly({
      ...base,
      severity: 'error',
      explanation: `This poll came ${formatDuration(elapsed)} after the previous answer, below the required minimum of ${required} s, so AWS answers "Request too early"${note}.`,
    });
  }
  if (suggested !== undefined && elapsed < suggested * 1000) {
    return makeAnomaly({
      ...base,
      severity: 'warning',
      explanation: `This poll came ${formatDuration(elapsed)} after the previous answer, before the ${suggested} s AWS asked the client to wait, which costs a priced call for nothing${note}.`,
    });
  }
  return undefined;
}

/**
 * Token expired / near expiry: the token's age when sent, measured from the answer that issued it, or the
 * server's own Problem "Expired" (which wins, since the server's clock is the one that counts).
 */
export function tokenExpiry(event: PollEvent, state: ChainState): Anomaly | undefined {
  if (event.kind !== 'poll') return undefined;
  const refused = event.outcome.type === 'error' && classifyError(event.outcome) === 'tokenExpired';
  const issuer = event.tokenIn === undefined ? undefined : state.issued.get(event.tokenIn);
  const age = issuer ? event.sentAt - issuer.answeredAt : undefined;
  const aged = age === undefined ? '' : ` ${formatDuration(age)} after it was issued`;
  if (refused || (age !== undefined && age > TOKEN_LIFETIME_MS)) {
    return makeAnomaly({
      rule: 'tokenExpired',
      severity: 'error',
      sessionId: event.sessionId,
      seq: event.seq,
      title: RULE_TITLES.tokenExpired,
      explanation: `This poll sent its token${aged}, past the 24 h lifetime${refused ? ', and AWS rejected it as Expired' : ''}${deliberateNote(event.trigger)}.`,
      fix: 'On BadRequestException with Problem Expired, call StartConfigurationSession again and continue with the new token; better, restart the session before the token is 24 h old.',
    });
  }
  if (age !== undefined && age > TOKEN_NEAR_EXPIRY_MS) {
    return makeAnomaly({
      rule: 'tokenNearExpiry',
      severity: 'warning',
      sessionId: event.sessionId,
      seq: event.seq,
      title: RULE_TITLES.tokenNearExpiry,
      explanation: `This poll sent its token${aged}, less than an hour before its 24 h lifetime ends${deliberateNote(event.trigger)}.`,
      fix: 'Poll at least daily, or start a new session when the held token is about 23 h 45 min old, as Powertools does.',
    });
  }
  return undefined;
}

/**
 * The token the session still holds, judged at `now`: a session that stopped polling keeps a token that will
 * expire. Reported on the event that issued it, with a `:held` id so it never collides with that event's own
 * flags. Stopped, failed and imported sessions hold nothing that can still be used.
 */
export function heldTokenExpiry(state: ChainState, now: number): Anomaly | undefined {
  const { session, newest } = state;
  if (!newest || session.readOnly) return undefined;
  if (session.state === 'stopped' || session.state === 'failed') return undefined;
  if (state.uses.get(newest.token)?.spentBy) return undefined;
  // Already refused as dead: that poll carries the flag, and the session has to restart anyway.
  const last = state.previous;
  if (last?.tokenIn === newest.token && last.outcome.type === 'error') {
    const kind = classifyError(last.outcome);
    if (kind === 'tokenExpired' || kind === 'tokenCorrupted') return undefined;
  }
  const age = now - newest.answeredAt;
  const expired = age > TOKEN_LIFETIME_MS;
  if (!expired && age <= TOKEN_NEAR_EXPIRY_MS) return undefined;
  return makeAnomaly(
    {
      rule: expired ? 'tokenExpired' : 'tokenNearExpiry',
      severity: expired ? 'error' : 'warning',
      sessionId: session.id,
      seq: newest.seq,
      title: expired ? RULE_TITLES.tokenExpired : RULE_TITLES.tokenNearExpiry,
      explanation: `The token issued here has not been used for ${formatDuration(age)}, so it ${expired ? 'has expired and the next poll will be rejected' : 'expires within the hour'}.`,
      fix: 'Restart the session (StartConfigurationSession) before the next poll, or keep polling at the interval AWS returns so tokens never get old.',
    },
    ':held',
  );
}
