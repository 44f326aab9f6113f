import { describe, expect, it } from 'vitest';
import type { Anomaly } from './anomalyTypes.js';
import type { PollEvent } from './ledger.js';
import {
  EMPTY_FILTER,
  filterPolls,
  isFilterActive,
  isStoredPollFilter,
  type PollFilter,
} from './pollFilter.js';
import { failed, poll, start } from './testLedger.js';

const flag = (seq: number, rule: Anomaly['rule'], title: string): Anomaly => ({
  id: `${rule}:${seq}`,
  rule,
  severity: 'warning',
  sessionId: 's1',
  seq,
  title,
  explanation: 'e',
  fix: 'f',
});

const content = (seq: number, atS: number, tokenIn: string, tokenOut: string, label: string) =>
  poll(seq, atS, tokenIn, tokenOut, {
    outcome: { type: 'content', versionLabel: label, size: 10, contentHash: `h${seq}` },
    requestId: `req-${seq}-abc`,
  });

/** start, v1 content, unchanged, early v2 content (flagged), throttled error (flagged), unchanged. */
const events: PollEvent[] = [
  start(0, 0, 'fpA0000'),
  content(1, 1, 'fpA0000', 'fpB1111', 'v1.1.0'),
  poll(2, 31, 'fpB1111', 'fpC2222'),
  content(3, 32, 'fpC2222', 'fpD3333', 'v2.0.0'),
  failed(4, 33, 'fpD3333', {
    errorName: 'ThrottlingException',
    message: 'Rate exceeded',
    httpStatus: 429,
  }),
  poll(5, 70, 'fpD3333', 'fpE4444'),
];
const anomalies = [
  flag(3, 'polledTooEarly', 'Polled too early'),
  flag(4, 'polledTooEarly', 'Polled too early'),
  flag(4, 'awsError', 'Throttled'),
];
const flagsBySeq = new Map<number, Anomaly[]>();
for (const a of anomalies) flagsBySeq.set(a.seq, [...(flagsBySeq.get(a.seq) ?? []), a]);

const filter = (over: Partial<PollFilter>): PollFilter => ({ ...EMPTY_FILTER, ...over });
const seqs = (f: PollFilter) => filterPolls(events, flagsBySeq, f).shown.map((e) => e.seq);

describe('pollFilter', () => {
  it('an empty filter is inactive and shows every event, the input array itself', () => {
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive(filter({ text: '   ' }))).toBe(false);
    const result = filterPolls(events, flagsBySeq, EMPTY_FILTER);
    expect(result.shown).toBe(events);
    expect(result.total).toBe(6);
  });

  it('outcomes and call kinds keep events of any chosen value', () => {
    expect(seqs(filter({ outcomes: ['content'] }))).toEqual([1, 3]);
    expect(seqs(filter({ outcomes: ['error', 'started'] }))).toEqual([0, 4]);
    expect(seqs(filter({ calls: ['start'] }))).toEqual([0]);
    expect(seqs(filter({ calls: ['poll'], outcomes: ['unchanged'] }))).toEqual([2, 5]);
  });

  it('flags match by anomaly title or by rule id', () => {
    expect(seqs(filter({ flags: ['Polled too early'] }))).toEqual([3, 4]);
    expect(seqs(filter({ flags: ['Throttled'] }))).toEqual([4]);
    expect(seqs(filter({ flags: ['awsError'] }))).toEqual([4]);
    expect(seqs(filter({ flags: ['Token reused'] }))).toEqual([]);
  });

  it('free text finds version labels, token fingerprints, error name and message, request ids, ignoring case', () => {
    expect(seqs(filter({ text: 'V2.0' }))).toEqual([3]);
    // fpD3333 is poll 3's new token and the token polls 4 and 5 sent.
    expect(seqs(filter({ text: 'fpd333' }))).toEqual([3, 4, 5]);
    expect(seqs(filter({ text: 'throttling' }))).toEqual([4]);
    expect(seqs(filter({ text: 'rate EXCEEDED' }))).toEqual([4]);
    expect(seqs(filter({ text: 'req-1-' }))).toEqual([1]);
    expect(seqs(filter({ text: 'nowhere' }))).toEqual([]);
  });

  it('every search term has to be found, each in any field', () => {
    expect(seqs(filter({ text: 'v1.1.0 fpB1' }))).toEqual([1]);
    expect(seqs(filter({ text: 'v1.1.0 throttling' }))).toEqual([]);
  });

  it('facets and text all have to hold', () => {
    expect(seqs(filter({ flags: ['Polled too early'], outcomes: ['content'] }))).toEqual([3]);
    expect(seqs(filter({ flags: ['Polled too early'], text: 'throttling' }))).toEqual([4]);
  });

  it('indices point each shown event back at its place in the ledger', () => {
    const result = filterPolls(events, flagsBySeq, filter({ outcomes: ['unchanged'] }));
    expect(result.indices).toEqual([2, 5]);
    expect(result.indices.map((i) => events[i])).toEqual(result.shown);
  });

  it('counts each facet value under the other facets and the text, each flag title once per poll', () => {
    const all = filterPolls(events, flagsBySeq, EMPTY_FILTER).counts;
    expect(all.outcomes).toEqual({ content: 2, unchanged: 2, error: 1, started: 1 });
    expect(all.calls).toEqual({ start: 1, poll: 5 });
    expect(all.flags).toEqual({ 'Polled too early': 2, Throttled: 1 });

    // Choosing an outcome does not change the outcome counts, only the other facets'.
    const contentOnly = filterPolls(events, flagsBySeq, filter({ outcomes: ['content'] })).counts;
    expect(contentOnly.outcomes).toEqual(all.outcomes);
    expect(contentOnly.calls).toEqual({ start: 0, poll: 2 });
    expect(contentOnly.flags).toEqual({ 'Polled too early': 1, Throttled: 0 });

    const flagged = filterPolls(events, flagsBySeq, filter({ flags: ['Throttled'] })).counts;
    expect(flagged.outcomes).toEqual({ content: 0, unchanged: 0, error: 1, started: 0 });
    expect(flagged.flags).toEqual(all.flags);
  });
});

describe('isStoredPollFilter', () => {
  it('accepts stored chips of known outcomes and calls and named flags', () => {
    expect(isStoredPollFilter({ outcomes: [], flags: [], calls: [] })).toBe(true);
    expect(
      isStoredPollFilter({ outcomes: ['error'], flags: ['Polled too early'], calls: ['poll'] }),
    ).toBe(true);
  });

  it('rejects anything else an older build or a hand edit may have left', () => {
    for (const value of [
      undefined,
      null,
      'error',
      [],
      { outcomes: ['teapot'], flags: [], calls: [] },
      { outcomes: [], flags: 'Polled too early', calls: [] },
      { outcomes: [], flags: [' '], calls: [] },
      { outcomes: [], flags: [], calls: ['delete'] },
      { outcomes: [], flags: [] },
    ])
      expect(isStoredPollFilter(value), JSON.stringify(value)).toBe(false);
  });
});
