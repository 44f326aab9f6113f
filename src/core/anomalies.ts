// The inspector's misuse flags: runs every rule over a session's ledger in one pass, and names the worst.
// Imported by the service (to emit flags) and the UI (to draw them). Pure core: imports only core files.
import { SEVERITY_RANK, type Anomaly, type Severity } from './anomalyTypes.js';
import type { PollEvent, SessionInfo } from './ledger.js';
import { awsError } from './rules/awsErrors.js';
import {
  createChainState,
  recordEvent,
  type ChainState,
  type EventRule,
} from './rules/chainState.js';
import { restartChurn } from './rules/churn.js';
import { heldTokenExpiry, polledTooEarly, tokenExpiry } from './rules/timingRules.js';
import { staleToken, tokenReused } from './rules/tokenRules.js';

export type { Anomaly, AnomalyRule, Severity } from './anomalyTypes.js';
export { RULE_TITLES } from './anomalyTypes.js';
export { detectChurn } from './rules/churn.js';

/** Order matters only for presentation: flags of one event come out in this order. */
const EVENT_RULES: readonly EventRule[] = [
  restartChurn,
  tokenReused,
  staleToken,
  polledTooEarly,
  tokenExpiry,
  awsError,
];

function bySeq(events: readonly PollEvent[]): readonly PollEvent[] {
  for (let i = 1; i < events.length; i++) {
    const prev = events[i - 1];
    const cur = events[i];
    if (prev && cur && cur.seq < prev.seq) return [...events].sort((a, b) => a.seq - b.seq);
  }
  return events;
}

/** The flags a ledger earns by itself, and the chain state that judges the token the session still holds. */
export interface LedgerAnomalies {
  readonly anomalies: readonly Anomaly[];
  readonly state: ChainState;
}

/**
 * Every rule over the ledger, without the clock. Only the held token's age depends on `now`, so a view that
 * re-judges every second keeps this (one pass over up to 10,000 events) and asks withHeldToken each tick.
 */
export function detectLedgerAnomalies(
  session: SessionInfo,
  events: readonly PollEvent[],
): LedgerAnomalies {
  const state = createChainState(session);
  const anomalies: Anomaly[] = [];
  for (const event of bySeq(events)) {
    if (event.sessionId !== session.id) continue;
    for (const rule of EVENT_RULES) {
      const anomaly = rule(event, state);
      if (anomaly) anomalies.push(anomaly);
    }
    recordEvent(state, event);
  }
  return { anomalies, state };
}

/**
 * The ledger's flags plus, at `now`, the flag on a held token near or past its 24 h lifetime. Without one it
 * returns `ledger.anomalies` itself, so memoised consumers see no change from one tick to the next.
 */
export function withHeldToken(ledger: LedgerAnomalies, now: number): readonly Anomaly[] {
  const held = heldTokenExpiry(ledger.state, now);
  return held ? [...ledger.anomalies, held] : ledger.anomalies;
}

/**
 * Flags for one session, in ledger order. `now` judges the token the session still holds (near or past its
 * 24 h lifetime). Cross-session churn needs every session: use detectChurn for that.
 */
export function detectAnomalies(
  session: SessionInfo,
  events: readonly PollEvent[],
  now: number,
): Anomaly[] {
  return [...withHeldToken(detectLedgerAnomalies(session, events), now)];
}

/** The most serious severity present, or undefined when there is nothing to flag. */
export function worstSeverity(anomalies: readonly Anomaly[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const { severity } of anomalies) {
    if (worst === undefined || SEVERITY_RANK[severity] > SEVERITY_RANK[worst]) worst = severity;
  }
  return worst;
}
