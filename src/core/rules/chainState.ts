// The token chain of one session as seen so far, built in a single pass over its ledger. Each rule reads the
// state as it stood just before the event it judges, so "earlier" and "at the time of sending" are map lookups
// and the whole analysis stays O(n). Imported by the anomaly rules only.
import type { Anomaly } from '../anomalyTypes.js';
import type { PollEvent, SessionInfo } from '../ledger.js';

export interface IssuedToken {
  token: string;
  seq: number;
  kind: PollEvent['kind'];
  answeredAt: number;
  intervalSeconds?: number;
}

export interface TokenUse {
  /** The first poll that got a real answer with this token: from then on AWS considers it spent. */
  spentBy?: PollEvent;
  /** Invocation ids of every call that sent it; a later event sharing one is the same call retried. */
  invocationIds: Set<string>;
}

export interface ChainState {
  readonly session: SessionInfo;
  readonly issued: Map<string, IssuedToken>;
  readonly uses: Map<string, TokenUse>;
  /** The most recently issued token (by answer time). */
  newest?: IssuedToken;
  previous?: PollEvent;
}

export type EventRule = (event: PollEvent, state: ChainState) => Anomaly | undefined;

export function createChainState(session: SessionInfo): ChainState {
  return { session, issued: new Map(), uses: new Map() };
}

export function recordEvent(state: ChainState, event: PollEvent): void {
  const answered = event.outcome.type !== 'error';
  if (event.tokenIn !== undefined) {
    let use = state.uses.get(event.tokenIn);
    if (!use) {
      use = { invocationIds: new Set() };
      state.uses.set(event.tokenIn, use);
    }
    if (event.invocationId !== undefined) use.invocationIds.add(event.invocationId);
    // A refused call (too early, throttled, 5xx) leaves the token valid, so only an answer spends it.
    if (answered && event.kind === 'poll' && !use.spentBy) use.spentBy = event;
  }
  if (event.tokenOut !== undefined && answered && !state.issued.has(event.tokenOut)) {
    const issued: IssuedToken = {
      token: event.tokenOut,
      seq: event.seq,
      kind: event.kind,
      answeredAt: event.answeredAt,
      intervalSeconds: event.intervalSeconds,
    };
    state.issued.set(event.tokenOut, issued);
    // A deliberate replay is a side branch the user asked for: its answer does not replace the chain's newest
    // token, so the session's next poll on its own chain is not "stale".
    const sideBranch = event.trigger === 'replay';
    if (!sideBranch && (!state.newest || issued.answeredAt >= state.newest.answeredAt))
      state.newest = issued;
  }
  state.previous = event;
}
