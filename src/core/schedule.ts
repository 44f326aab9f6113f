// When the next call of a session is due and with which token, decided from the last ledger event. The service's
// poll loop follows this decision; the UI shows it as the "next poll" marker. Pure core: imports only core files.
import { DEFAULT_POLL_INTERVAL_SECONDS, TOKEN_REFRESH_AGE_MS } from './awsLimits.js';
import { classifyError, isTransient } from './errorKinds.js';
import type { PollEvent } from './ledger.js';

/**
 * next: send the NextPollConfigurationToken of the last answer; same: resend the token the last call sent (a
 * refused call does not spend it); restart: call StartConfigurationSession again; stop: retrying cannot help
 * until a person fixes something (credentials, identifiers, deployment).
 */
export type NextToken = 'next' | 'same' | 'restart' | 'stop';

export interface PollDecision {
  at: number;
  token: NextToken;
  /** Short reason for logs and the UI. */
  reason: string;
}

export interface ScheduleContext {
  /** answeredAt of the event that issued the last event's tokenIn: AWS measures the interval from there. */
  tokenIssuedAt?: number;
  /** Failures in a row including the last event, for the backoff after transient errors. */
  consecutiveErrors?: number;
}

const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** Floor after a "too early" refusal, in case the server's clock runs ahead of ours. */
const TOO_EARLY_FLOOR_MS = 1_000;

export function backoffMs(consecutiveErrors = 1): number {
  const n = Math.max(1, Math.floor(consecutiveErrors));
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 16));
}

/** A token this old by the planned time is replaced by a new session rather than risked (Powertools does the same). */
function tooOld(issuedAt: number | undefined, at: number): boolean {
  return issuedAt !== undefined && at - issuedAt >= TOKEN_REFRESH_AGE_MS;
}

export function nextPollAt(
  lastEvent: PollEvent,
  requiredMin?: number,
  context: ScheduleContext = {},
): PollDecision {
  const { outcome, answeredAt } = lastEvent;
  if (outcome.type !== 'error') {
    if (lastEvent.tokenOut === undefined) {
      // Restarting at once loops as fast as an endpoint that never sends tokens can answer: wait out the
      // interval this poll was given (a start that gave no token has none, so back off instead).
      const wait =
        lastEvent.kind === 'poll'
          ? Math.max(lastEvent.intervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS, requiredMin ?? 0) *
            1000
          : backoffMs(context.consecutiveErrors);
      return {
        at: answeredAt + wait,
        token: 'restart',
        reason: 'the answer carried no next token',
      };
    }
    // AWS's own examples poll right after starting; the first poll is never early.
    if (lastEvent.kind === 'start')
      return { at: answeredAt, token: 'next', reason: 'first poll of the session' };
    const seconds = Math.max(
      lastEvent.intervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS,
      requiredMin ?? 0,
    );
    const at = answeredAt + seconds * 1000;
    if (tooOld(answeredAt, at))
      return { at, token: 'restart', reason: 'the token would be near its 24 h expiry' };
    return { at, token: 'next', reason: `next poll after ${seconds} s` };
  }

  const kind = classifyError(outcome);
  const issuedAt = context.tokenIssuedAt;
  if (kind === 'tooEarly' && lastEvent.kind === 'poll') {
    const minimum = (requiredMin ?? DEFAULT_POLL_INTERVAL_SECONDS) * 1000;
    const at = Math.max((issuedAt ?? answeredAt) + minimum, answeredAt + TOO_EARLY_FLOOR_MS);
    if (tooOld(issuedAt, at))
      return { at, token: 'restart', reason: 'the token would be near its 24 h expiry' };
    return {
      at,
      token: 'same',
      reason: 'refused as too early: retry with the same token once allowed',
    };
  }
  if (kind === 'tokenExpired' || kind === 'tokenCorrupted') {
    const what = kind === 'tokenExpired' ? 'expired' : 'corrupted';
    return { at: answeredAt, token: 'restart', reason: `token ${what}: start a new session` };
  }
  if (kind === 'badRequest') {
    return lastEvent.kind === 'poll'
      ? { at: answeredAt, token: 'restart', reason: 'the poll was rejected: start a new session' }
      : { at: answeredAt, token: 'stop', reason: 'the session parameters were rejected' };
  }
  if (!isTransient(kind)) {
    return {
      at: answeredAt,
      token: 'stop',
      reason: `${outcome.errorName}: fix it before retrying`,
    };
  }

  const backoff = answeredAt + backoffMs(context.consecutiveErrors);
  if (lastEvent.kind === 'start') {
    return {
      at: backoff,
      token: 'restart',
      reason: 'transient failure: start again after a backoff',
    };
  }
  // The token stays valid, but the server still counts the interval from when it was issued.
  const allowed =
    issuedAt !== undefined && requiredMin !== undefined ? issuedAt + requiredMin * 1000 : backoff;
  const at = Math.max(backoff, allowed);
  if (tooOld(issuedAt, at))
    return { at, token: 'restart', reason: 'the token would be near its 24 h expiry' };
  return {
    at,
    token: 'same',
    reason: 'transient failure: retry with the same token after a backoff',
  };
}
