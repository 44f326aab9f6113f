// The timeline's filter and search over a session's polls: which events match a filter of outcomes, flags,
// call kinds and free text, and how many match per facet value so the filter bar can show counts.
// Imported by the UI's timeline (TimelineFilter.tsx, useTimelineFilter.ts) and its tests; pure core, imports
// only core.
import type { Anomaly } from './anomalyTypes.js';
import type { PollEvent } from './ledger.js';

export type OutcomeFacet = PollEvent['outcome']['type'];
export type CallFacet = PollEvent['kind'];

/** The facet values in the order the filter bar shows them. */
export const OUTCOME_FACETS: readonly OutcomeFacet[] = ['content', 'unchanged', 'error', 'started'];
export const CALL_FACETS: readonly CallFacet[] = ['start', 'poll'];

/**
 * An empty facet does not constrain. Values within a facet are alternatives (any of them), facets and the
 * text all have to hold. `flags` holds anomaly titles ("Polled too early", "Throttled") or rule ids
 * ("polledTooEarly"): awsError flags share one rule id but differ by title, so titles are the finer choice.
 */
export interface PollFilter {
  outcomes: readonly OutcomeFacet[];
  flags: readonly string[];
  calls: readonly CallFacet[];
  /** Whitespace-separated terms, each found (case-insensitively) in some searchable field of the event. */
  text: string;
}

export const EMPTY_FILTER: PollFilter = { outcomes: [], flags: [], calls: [], text: '' };

/** The part of a filter the UI persists (its chips); free text is not kept, see Timeline.tsx. */
export type StoredPollFilter = Pick<PollFilter, 'outcomes' | 'flags' | 'calls'>;

export const EMPTY_STORED_FILTER: StoredPollFilter = { outcomes: [], flags: [], calls: [] };

const isListOf = <T>(value: unknown, ok: (v: unknown) => v is T): value is T[] =>
  Array.isArray(value) && value.every(ok);

/**
 * Whether a persisted value is a StoredPollFilter: known outcome and call values, non-empty flag titles. The
 * store may hold anything an older build or a hand edit left there; anything else reads as no filter.
 */
export function isStoredPollFilter(value: unknown): value is StoredPollFilter {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    isListOf(v.outcomes, (o): o is OutcomeFacet => OUTCOME_FACETS.includes(o as OutcomeFacet)) &&
    isListOf(v.calls, (c): c is CallFacet => CALL_FACETS.includes(c as CallFacet)) &&
    isListOf(v.flags, (f): f is string => typeof f === 'string' && f.trim() !== '')
  );
}

export function isFilterActive(filter: PollFilter): boolean {
  return (
    filter.outcomes.length > 0 ||
    filter.flags.length > 0 ||
    filter.calls.length > 0 ||
    searchTerms(filter.text).length > 0
  );
}

/** Lower-cased terms of a search text; an all-blank text has none. */
export function searchTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** What free text searches: version label, token fingerprints, error name, reason, problem and message, request id. */
function searchableFields(event: PollEvent): string[] {
  const fields: string[] = [];
  if (event.tokenIn !== undefined) fields.push(event.tokenIn);
  if (event.tokenOut !== undefined) fields.push(event.tokenOut);
  if (event.requestId !== undefined) fields.push(event.requestId);
  const o = event.outcome;
  if (o.type === 'content' && o.versionLabel !== undefined) fields.push(o.versionLabel);
  if (o.type === 'error') {
    fields.push(o.errorName, o.message);
    if (o.reason !== undefined) fields.push(o.reason);
    if (o.problem !== undefined) fields.push(o.problem);
  }
  return fields.map((f) => f.toLowerCase());
}

function textMatches(event: PollEvent, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const fields = searchableFields(event);
  return terms.every((term) => fields.some((field) => field.includes(term)));
}

function flagMatches(flags: readonly Anomaly[] | undefined, wanted: ReadonlySet<string>): boolean {
  if (wanted.size === 0) return true;
  return !!flags?.some((f) => wanted.has(f.title) || wanted.has(f.rule));
}

/** A filter prepared once per pass: sets for the facets, terms for the text. */
interface Prepared {
  outcomes: ReadonlySet<string>;
  flags: ReadonlySet<string>;
  calls: ReadonlySet<string>;
  terms: readonly string[];
}

function prepare(filter: PollFilter): Prepared {
  return {
    outcomes: new Set(filter.outcomes),
    flags: new Set(filter.flags),
    calls: new Set(filter.calls),
    terms: searchTerms(filter.text),
  };
}

/**
 * Per facet value: how many events would match with that value chosen in its facet, the other facets and the
 * text as they are (the usual faceted-search count, so a chip's number is what choosing it adds).
 */
export interface FacetCounts {
  outcomes: Record<OutcomeFacet, number>;
  calls: Record<CallFacet, number>;
  /** By anomaly title, for every title present in the ledger (zero when the rest of the filter hides it). */
  flags: Record<string, number>;
}

export interface FilterResult {
  /** The matching events, in ledger order (the input itself when nothing filters). */
  shown: readonly PollEvent[];
  /** shown[i] is events[indices[i]]: rows need their full-ledger neighbour for asked/waited. */
  indices: readonly number[];
  total: number;
  counts: FacetCounts;
}

/** One pass over the ledger: the matching events and every facet count, O(events + their flags). */
export function filterPolls(
  events: readonly PollEvent[],
  flagsBySeq: ReadonlyMap<number, readonly Anomaly[]>,
  filter: PollFilter,
): FilterResult {
  const p = prepare(filter);
  const active = isFilterActive(filter);
  const counts: FacetCounts = {
    outcomes: { content: 0, unchanged: 0, error: 0, started: 0 },
    calls: { start: 0, poll: 0 },
    flags: {},
  };
  const shown: PollEvent[] = [];
  const indices: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const flags = flagsBySeq.get(event.seq);
    const byOutcome = p.outcomes.size === 0 || p.outcomes.has(event.outcome.type);
    const byCall = p.calls.size === 0 || p.calls.has(event.kind);
    const byFlag = flagMatches(flags, p.flags);
    const byText = textMatches(event, p.terms);
    if (byFlag && byCall && byText) counts.outcomes[event.outcome.type]++;
    if (byOutcome && byFlag && byText) counts.calls[event.kind]++;
    if (flags) {
      const countIt = byOutcome && byCall && byText;
      // A poll with two flags of one title counts once for that title.
      let seen: Set<string> | undefined;
      for (const f of flags) {
        if (seen?.has(f.title)) continue;
        (seen ??= new Set()).add(f.title);
        counts.flags[f.title] = (counts.flags[f.title] ?? 0) + (countIt ? 1 : 0);
      }
    }
    if (byOutcome && byCall && byFlag && byText) {
      shown.push(event);
      indices.push(i);
    }
  }
  return { shown: active ? shown : events, indices, total: events.length, counts };
}
