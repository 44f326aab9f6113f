// Turns ledger events into what one timeline row shows: asked vs waited interval, outcome text, flags.
// Imported by the timeline components and their tests; pure, no React. Rows are built on demand per visible
// index, so 10,000 polls cost only the rows on screen plus one O(n) grouping of the flags.
import type { Anomaly, Severity } from '../../../core/anomalyTypes.js';
import { SEVERITY_RANK } from '../../../core/anomalyTypes.js';
import type { PollEvent } from '../../../core/ledger.js';

export type OutcomeKind = 'started' | 'content' | 'unchanged' | 'error';

export interface TimelineRowModel {
  event: PollEvent;
  /** Next-Poll-Interval-In-Seconds of the previous answer: how long the server asked the client to wait. */
  askedSeconds?: number;
  /** sentAt − answeredAt of the previous event: how long the client really waited. */
  waitedMs?: number;
  /** Sent before the asked interval had elapsed. */
  early: boolean;
  outcomeKind: OutcomeKind;
  outcomeLabel: string;
  /** Error message (or nothing), for the row's tooltip. */
  outcomeDetail?: string;
  versionLabel?: string;
  contentType?: string;
  size?: number;
  flags: readonly Anomaly[];
  worstSeverity?: Severity;
}

const NO_FLAGS: readonly Anomaly[] = [];

/** Groups anomalies by the ledger seq they belong to, most severe first within a row. */
export function groupAnomaliesBySeq(anomalies: readonly Anomaly[]): Map<number, Anomaly[]> {
  const bySeq = new Map<number, Anomaly[]>();
  for (const anomaly of anomalies) {
    const list = bySeq.get(anomaly.seq);
    if (list) list.push(anomaly);
    else bySeq.set(anomaly.seq, [anomaly]);
  }
  for (const list of bySeq.values())
    list.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return bySeq;
}

export function outcomeText(event: PollEvent): {
  kind: OutcomeKind;
  label: string;
  detail?: string;
} {
  const outcome = event.outcome;
  if (outcome.type === 'started') return { kind: 'started', label: 'Session started' };
  if (outcome.type === 'content') return { kind: 'content', label: 'New content' };
  // An empty body means "you already hold the latest version", not "no configuration".
  if (outcome.type === 'unchanged') return { kind: 'unchanged', label: 'Unchanged' };
  const problem = outcome.problem ?? outcome.reason;
  return {
    kind: 'error',
    label: problem ? `${outcome.errorName}: ${problem}` : outcome.errorName,
    detail: outcome.message,
  };
}

/** The row for events[index]; the previous event supplies the asked interval and the wait baseline. */
export function buildRow(
  events: readonly PollEvent[],
  index: number,
  flagsBySeq: ReadonlyMap<number, readonly Anomaly[]>,
): TimelineRowModel | undefined {
  const event = events[index];
  if (!event) return undefined;
  const previous = index > 0 ? events[index - 1] : undefined;
  // A start call answers with a token only; the first poll after it is never "waiting" on anything.
  const askedSeconds = event.kind === 'poll' ? previous?.intervalSeconds : undefined;
  const waitedMs =
    event.kind === 'poll' && previous ? event.sentAt - previous.answeredAt : undefined;
  const early =
    askedSeconds !== undefined && waitedMs !== undefined && waitedMs < askedSeconds * 1000;
  const outcome = outcomeText(event);
  const flags = flagsBySeq.get(event.seq) ?? NO_FLAGS;
  const o = event.outcome;
  return {
    event,
    askedSeconds,
    waitedMs,
    early,
    outcomeKind: outcome.kind,
    outcomeLabel: outcome.label,
    outcomeDetail: outcome.detail,
    versionLabel: o.type === 'content' ? o.versionLabel : undefined,
    contentType: o.type === 'content' || o.type === 'unchanged' ? o.contentType : undefined,
    size: o.type === 'content' ? o.size : undefined,
    flags,
    worstSeverity: flags[0]?.severity,
  };
}

/** Builds row models on demand and keeps them, so a row that stays on screen keeps its identity. */
export function createRowCache(
  events: readonly PollEvent[],
  flagsBySeq: ReadonlyMap<number, readonly Anomaly[]>,
) {
  const rows = new Map<number, TimelineRowModel>();
  return {
    range(start: number, end: number): TimelineRowModel[] {
      const out: TimelineRowModel[] = [];
      for (let i = start; i < end; i++) {
        const row = rows.get(i) ?? buildRow(events, i, flagsBySeq);
        if (!row) continue;
        rows.set(i, row);
        out.push(row);
      }
      return out;
    },
  };
}

/** Index of the event with this seq; the ledger is dense and 0-based, so try the direct slot first. */
export function indexOfSeq(events: readonly PollEvent[], seq: number | undefined): number {
  if (seq === undefined) return -1;
  if (events[seq]?.seq === seq) return seq;
  return events.findIndex((e) => e.seq === seq);
}
