// Rules about which token a poll sent: a token already spent (reuse) or one a newer token had replaced (stale).
// Imported by anomalies.ts only.
import { RULE_TITLES, makeAnomaly, type Anomaly } from '../anomalyTypes.js';
import type { PollEvent } from '../ledger.js';
import type { ChainState } from './chainState.js';
import { deliberateNote, formatDuration } from './wording.js';

/**
 * Token reused: the token had already been spent by an earlier answered poll. Not flagged when this event
 * shares an invocation id with a call that used the token, because that is the same call retried (an observed
 * app's SDK retries show up as separate events; the service's own retries are attempts > 1 on one event).
 * Sending again after a refusal (too early, throttled, 5xx) is correct: a refused call does not spend it.
 */
export function tokenReused(event: PollEvent, state: ChainState): Anomaly | undefined {
  if (event.kind !== 'poll' || event.tokenIn === undefined) return undefined;
  const use = state.uses.get(event.tokenIn);
  const spentBy = use?.spentBy;
  if (!use || !spentBy) return undefined;
  if (event.invocationId !== undefined && use.invocationIds.has(event.invocationId))
    return undefined;
  const concurrent = spentBy.answeredAt > event.sentAt;
  const when = concurrent
    ? `while poll #${spentBy.seq} with the same token was still in flight, so two threads or processes share this session`
    : `${formatDuration(event.sentAt - spentBy.sentAt)} after poll #${spentBy.seq} had already used it`;
  return makeAnomaly({
    rule: 'tokenReused',
    severity: 'warning',
    sessionId: event.sessionId,
    seq: event.seq,
    title: RULE_TITLES.tokenReused,
    explanation: `This poll sent a configuration token ${when}${deliberateNote(event.trigger)}.`,
    fix: concurrent
      ? 'Give each thread or process its own session, or serialise polls behind one owner of the token chain.'
      : 'Use each NextPollConfigurationToken exactly once: store the token from every answer (even an empty one) and send only that one next.',
  });
}

/**
 * Stale token: the token was never spent, but a newer token had already been issued when the poll was sent,
 * so the client skipped a NextPollConfigurationToken (typically one token stored per app instead of per profile,
 * or the old chain kept after a restart). A spent token is reported as reuse only, never also as stale, so one
 * misuse gives one flag. When the newer token was answered after this poll was sent the client could not have
 * known it (concurrent calls), so that case is left to the reuse rule.
 */
export function staleToken(event: PollEvent, state: ChainState): Anomaly | undefined {
  if (event.kind !== 'poll' || event.tokenIn === undefined) return undefined;
  const issued = state.issued.get(event.tokenIn);
  const newest = state.newest;
  if (!issued || !newest || newest.token === event.tokenIn) return undefined;
  if (state.uses.get(event.tokenIn)?.spentBy) return undefined;
  if (newest.answeredAt > event.sentAt || newest.answeredAt <= issued.answeredAt) return undefined;
  const source = newest.kind === 'start' ? `session restart #${newest.seq}` : `poll #${newest.seq}`;
  return makeAnomaly({
    rule: 'staleToken',
    severity: 'warning',
    sessionId: event.sessionId,
    seq: event.seq,
    title: RULE_TITLES.staleToken,
    explanation: `This poll sent the token issued by #${issued.seq} although ${source} had already issued a newer one${deliberateNote(event.trigger)}.`,
    fix: 'Keep one token per session (per application, environment and profile) and replace it with the NextPollConfigurationToken of every answer.',
  });
}
