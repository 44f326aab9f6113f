// What a session does after a chain call answers: hold (paused or stopped), fail for a person to look, or
// schedule its next call with the token rule core's schedule gives. Pure, so the poller stays about queues
// and timers. Imported by sessionRunner.ts only.
import { classifyError, isTransient } from '../core/errorKinds.js';
import type { PollEvent, SessionInfo } from '../core/ledger.js';
import { nextPollAt } from '../core/schedule.js';

/** Restarts that keep failing for a reason retrying cannot fix stop here, for a person to look. */
const MAX_CONSECUTIVE_FAILURES = 5;

export type AfterCall =
  | { kind: 'hold' }
  | { kind: 'fail' }
  | {
      kind: 'schedule';
      at: number;
      state: 'retrying' | 'polling';
      /** Set when the chain must start over: why, for the restart's event. */
      restartReason?: string;
    };

export function afterCall(
  event: PollEvent,
  info: SessionInfo,
  failures: number,
  facts: { tokenIssuedAt: number | undefined; jitterMs: number; now: number },
): AfterCall {
  // Pause and stop keep their state; a manual poll while paused does not restart the schedule.
  if (info.state === 'paused' || info.state === 'stopped') return { kind: 'hold' };
  const decision = nextPollAt(event, info.requiredMinimumPollIntervalInSeconds, {
    ...(facts.tokenIssuedAt !== undefined ? { tokenIssuedAt: facts.tokenIssuedAt } : {}),
    consecutiveErrors: failures,
  });
  const transient = event.outcome.type === 'error' && isTransient(classifyError(event.outcome));
  // A restart that keeps failing the same way would loop; past a few in a row a person has to look.
  if (decision.token === 'stop' || (!transient && failures > MAX_CONSECUTIVE_FAILURES))
    return { kind: 'fail' };
  // 'same' needs nothing: a refused call left the chain's newest token on the one it sent.
  const jitter = event.kind === 'poll' && decision.token === 'next' ? facts.jitterMs : 0;
  return {
    kind: 'schedule',
    at: Math.max(decision.at + jitter, facts.now),
    state: transient ? 'retrying' : 'polling',
    ...(decision.token === 'restart' ? { restartReason: decision.reason } : {}),
  };
}
