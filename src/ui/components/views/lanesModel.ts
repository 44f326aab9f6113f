// Data for the lanes above the timeline: how each poll's token links into the chain (in order, reused,
// stale, an SDK retry), when each poll was due versus sent, and which poll stands for a coalesced mark. Imported by TimelineLanes.tsx and tests;
// pure. tokenChainFacts is one O(n) pass with maps; everything else only touches the drawn window. The
// time window and its scale are laneScale.ts.
import type { Anomaly } from '../../../core/anomalyTypes.js';
import type { PollEvent } from '../../../core/ledger.js';

/**
 * chain: tokenIn is the newest token issued so far and was never sent before (correct use).
 * reuse: tokenIn was already sent by an earlier call with a different invocation id (single-use broken).
 * retry: the same call resent by the SDK (same invocation id) — AWS expects that, so no flag colour.
 * stale: tokenIn was never sent before, but a newer token had been issued meanwhile (a skipped token).
 * unknown: tokenIn was issued outside this ledger. none: start calls send no token.
 */
export type LinkKind = 'chain' | 'reuse' | 'retry' | 'stale' | 'unknown' | 'none';

export interface TokenFacts {
  /** Index of the event whose answer carried tokenIn; -1 when not in the ledger. */
  issuerIndex: number;
  link: LinkKind;
}

export function tokenChainFacts(events: readonly PollEvent[]): TokenFacts[] {
  const issuerOf = new Map<string, number>();
  const firstUse = new Map<string, string | undefined>();
  let newestIssuer = -1;
  const facts: TokenFacts[] = new Array<TokenFacts>(events.length);
  events.forEach((event, i) => {
    const token = event.tokenIn;
    if (token === undefined) {
      facts[i] = { issuerIndex: -1, link: 'none' };
    } else {
      const issuerIndex = issuerOf.get(token) ?? -1;
      let link: LinkKind;
      if (firstUse.has(token)) {
        const earlierInvocation = firstUse.get(token);
        link =
          earlierInvocation !== undefined && earlierInvocation === event.invocationId
            ? 'retry'
            : 'reuse';
      } else if (issuerIndex < 0) link = 'unknown';
      else link = issuerIndex === newestIssuer ? 'chain' : 'stale';
      if (!firstUse.has(token)) firstUse.set(token, event.invocationId);
      facts[i] = { issuerIndex, link };
    }
    if (event.tokenOut !== undefined) {
      if (!issuerOf.has(event.tokenOut)) issuerOf.set(event.tokenOut, i);
      newestIssuer = i;
    }
  });
  return facts;
}

/**
 * The polls the lanes follow while the user has not zoomed: the grid's visible rows, widened on both sides to
 * at least `capacity` polls so the chain has context (a short panel shows few rows), clamped to the ledger.
 */
export function laneWindow(
  visibleStart: number,
  visibleEnd: number,
  count: number,
  capacity: number,
): { start: number; end: number } {
  if (count <= 0 || capacity <= 0) return { start: 0, end: 0 };
  const size = Math.min(count, Math.max(capacity, visibleEnd - visibleStart));
  const centre = Math.floor((visibleStart + visibleEnd) / 2);
  const start = Math.max(0, Math.min(count - size, centre - Math.floor(size / 2)));
  return { start, end: start + size };
}

export interface ScheduleFacts {
  /** The previous answer: the moment the client learned when to poll next. */
  baselineAt: number;
  /** scheduledAt when the poll loop planned it, else previous answeredAt + the interval it returned. */
  dueAt?: number;
  sentAt: number;
  /** Sent before it was due. */
  early: boolean;
}

export function scheduleFacts(
  events: readonly PollEvent[],
  index: number,
): ScheduleFacts | undefined {
  const event = events[index];
  const previous = index > 0 ? events[index - 1] : undefined;
  if (!event || !previous || event.kind !== 'poll') return undefined;
  const dueAt =
    event.scheduledAt ??
    (previous.intervalSeconds !== undefined
      ? previous.answeredAt + previous.intervalSeconds * 1000
      : undefined);
  return {
    baselineAt: previous.answeredAt,
    dueAt,
    sentAt: event.sentAt,
    early: dueAt !== undefined && event.sentAt < dueAt,
  };
}

/** Which poll of a coalesced pixel is drawn: failures and flagged token use must stay visible. */
export function markWeight(
  event: PollEvent | undefined,
  fact: TokenFacts | undefined,
  flagsBySeq: ReadonlyMap<number, readonly Anomaly[]>,
): number {
  if (!event) return 0;
  if (event.outcome.type === 'error') return 4;
  if (fact && (fact.link === 'reuse' || fact.link === 'stale')) return 3;
  if (flagsBySeq.has(event.seq)) return 2;
  return event.outcome.type === 'content' ? 1 : 0;
}

/**
 * Ledger index by seq in O(1): seqs are dense, but the in-memory window may not start at 0, so try the offset
 * from the first event, and fall back to a map built once (a ledger with gaps).
 */
export function seqIndexer(ledger: readonly PollEvent[]): (seq: number | undefined) => number {
  const base = ledger[0]?.seq ?? 0;
  let bySeq: Map<number, number> | undefined;
  return (seq) => {
    if (seq === undefined) return -1;
    const guess = seq - base;
    if (ledger[guess]?.seq === seq) return guess;
    bySeq ??= new Map(ledger.map((e, i) => [e.seq, i]));
    return bySeq.get(seq) ?? -1;
  };
}
