import { describe, expect, it } from 'vitest';
import {
  laneWindow,
  markWeight,
  scheduleFacts,
  seqIndexer,
  tokenChainFacts,
} from './lanesModel.js';
import { chain, ev, T0 } from './testEvents.js';

describe('token chain facts', () => {
  it('links every poll of a correct chain to the event before it', () => {
    const facts = tokenChainFacts(chain(4));
    expect(facts.map((f) => f.link)).toEqual(['none', 'chain', 'chain', 'chain']);
    expect(facts.map((f) => f.issuerIndex)).toEqual([-1, 0, 1, 2]);
  });

  it('tells a reuse from an SDK retry by invocation id', () => {
    const events = [
      ...chain(3),
      ev(3, {
        tokenIn: 't2',
        invocationId: 'inv-a',
        outcome: { type: 'error', errorName: 'InternalServerException', message: 'x' },
      }),
      ev(4, { tokenIn: 't2', invocationId: 'inv-a', tokenOut: 't4' }),
      ev(5, { tokenIn: 't1', invocationId: 'inv-b', tokenOut: 't5' }),
    ];
    const facts = tokenChainFacts(events);
    expect(facts[3]).toEqual({ issuerIndex: 2, link: 'chain' });
    expect(facts[4]).toEqual({ issuerIndex: 2, link: 'retry' });
    expect(facts[5]).toEqual({ issuerIndex: 1, link: 'reuse' });
  });

  it('marks a never-sent token that a newer one superseded as stale, and foreign tokens as unknown', () => {
    const events = [
      ev(0, { tokenOut: 'a' }),
      ev(1, { tokenIn: 'a', tokenOut: 'b' }),
      ev(2, { tokenIn: 'b', tokenOut: 'c' }),
      ev(3, { tokenIn: 'zzz', tokenOut: 'd' }),
      // 'c' was never sent, but 'd' had been issued since: the client skipped to an older token.
      ev(4, { tokenIn: 'c', tokenOut: 'e' }),
    ];
    const facts = tokenChainFacts(events);
    expect(facts[3]?.link).toBe('unknown');
    expect(facts[4]).toEqual({ issuerIndex: 2, link: 'stale' });
  });

  it('is linear: 10,000 polls are analysed in one pass', () => {
    const started = performance.now();
    const facts = tokenChainFacts(chain(10_000));
    expect(facts[9_999]).toEqual({ issuerIndex: 9_998, link: 'chain' });
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('lane window', () => {
  it('widens the visible rows to the lane capacity, centred, and clamps to the ledger', () => {
    expect(laneWindow(100, 115, 10_000, 40)).toEqual({ start: 87, end: 127 });
    expect(laneWindow(0, 10, 10_000, 40)).toEqual({ start: 0, end: 40 });
    expect(laneWindow(9_990, 10_000, 10_000, 40)).toEqual({ start: 9_960, end: 10_000 });
    expect(laneWindow(0, 3, 3, 40)).toEqual({ start: 0, end: 3 });
    expect(laneWindow(0, 0, 0, 40)).toEqual({ start: 0, end: 0 });
  });
});

describe('schedule facts', () => {
  it('uses scheduledAt when the poll loop planned the poll', () => {
    const events = [
      ev(0, { tokenOut: 'a' }),
      ev(1, { scheduledAt: T0 + 15_000, sentAt: T0 + 15_005, intervalSeconds: 15 }),
    ];
    expect(scheduleFacts(events, 1)).toEqual({
      baselineAt: T0 + 40,
      dueAt: T0 + 15_000,
      sentAt: T0 + 15_005,
      early: false,
    });
  });

  it('falls back to the previous interval and flags an early send', () => {
    const events = [
      ev(0),
      ev(1, { intervalSeconds: 30 }),
      ev(2, { sentAt: T0 + 15_000 + 40 + 5_000 }),
    ];
    const facts = scheduleFacts(events, 2);
    expect(facts?.dueAt).toBe(T0 + 15_000 + 40 + 30_000);
    expect(facts?.early).toBe(true);
  });

  it('has nothing to say about a start call or an unknown due time', () => {
    const events = chain(2);
    expect(scheduleFacts(events, 0)).toBeUndefined();
    expect(scheduleFacts(events, 1)).toMatchObject({ dueAt: undefined, early: false });
  });
});

describe('mark weight', () => {
  it('ranks an error over a reused or stale token, over another flag, over new content and the rest', () => {
    const flagged = new Map([[5, []]]);
    const error = ev(1, { outcome: { type: 'error', errorName: 'X', message: 'x' } });
    const content = ev(2, {
      outcome: { type: 'content', contentType: 'a', size: 1, contentHash: 'h' },
    });
    const weights = [
      markWeight(error, { issuerIndex: 0, link: 'chain' }, flagged),
      markWeight(ev(3), { issuerIndex: 0, link: 'reuse' }, flagged),
      markWeight(ev(4), { issuerIndex: 0, link: 'stale' }, flagged),
      markWeight(ev(5), { issuerIndex: 0, link: 'chain' }, flagged),
      markWeight(content, { issuerIndex: 0, link: 'chain' }, flagged),
      markWeight(ev(6), { issuerIndex: 0, link: 'chain' }, flagged),
    ];
    expect(weights).toEqual([4, 3, 3, 2, 1, 0]);
  });
});

describe('seq indexer', () => {
  it('finds a seq in a window that does not start at 0, and in a ledger with gaps', () => {
    const tail = chain(10).slice(4);
    const at = seqIndexer(tail);
    expect([at(4), at(9), at(3), at(10), at(undefined)]).toEqual([0, 5, -1, -1, -1]);
    const gaps = seqIndexer([ev(0), ev(2), ev(7)]);
    expect([gaps(0), gaps(2), gaps(7), gaps(1)]).toEqual([0, 1, 2, -1]);
  });
});
