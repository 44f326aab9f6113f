import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import {
  buildRow,
  createRowCache,
  groupAnomaliesBySeq,
  indexOfSeq,
  outcomeText,
} from './timelineRows.js';
import { chain, ev, T0 } from './testEvents.js';

const flag = (seq: number, rule: Anomaly['rule'], severity: Anomaly['severity']): Anomaly => ({
  id: `${rule}:${seq}`,
  rule,
  severity,
  sessionId: 's1',
  seq,
  title: rule,
  explanation: '',
  fix: '',
});

describe('timeline rows', () => {
  it('computes the interval asked by the previous answer and the time really waited', () => {
    const events = chain(3);
    const row = buildRow(events, 2, new Map());
    expect(row?.askedSeconds).toBe(15);
    expect(row?.waitedMs).toBe(15_000 - 40);
    expect(row?.early).toBe(true);
    const onTime = buildRow(
      [...events.slice(0, 2), ev(2, { sentAt: T0 + 15_000 + 40 + 15_000 })],
      2,
      new Map(),
    );
    expect(onTime?.waitedMs).toBe(15_000);
    expect(onTime?.early).toBe(false);
  });

  it('leaves asked/waited empty for the start call and the first poll after it', () => {
    const events = chain(2);
    expect(buildRow(events, 0, new Map())?.waitedMs).toBeUndefined();
    const first = buildRow(events, 1, new Map());
    expect(first?.askedSeconds).toBeUndefined();
    expect(first?.waitedMs).toBe(15_000 - 40);
    expect(first?.early).toBe(false);
    expect(buildRow(events, 5, new Map())).toBeUndefined();
  });

  it('words outcomes: session started, new content, unchanged, error name with its problem', () => {
    expect(outcomeText(ev(0, { outcome: { type: 'started' } }))).toEqual({
      kind: 'started',
      label: 'Session started',
    });
    expect(
      outcomeText(ev(1, { outcome: { type: 'content', size: 10, contentHash: 'h' } })).label,
    ).toBe('New content');
    expect(outcomeText(ev(1)).label).toBe('Unchanged');
    const error = outcomeText(
      ev(1, {
        outcome: {
          type: 'error',
          errorName: 'BadRequestException',
          message: 'Request too early',
          problem: 'PollIntervalNotSatisfied',
        },
      }),
    );
    expect(error).toEqual({
      kind: 'error',
      label: 'BadRequestException: PollIntervalNotSatisfied',
      detail: 'Request too early',
    });
    expect(
      outcomeText(
        ev(1, {
          outcome: { type: 'error', errorName: 'ThrottlingException', message: 'slow down' },
        }),
      ).label,
    ).toBe('ThrottlingException');
  });

  it('carries version label, content type and size of new content', () => {
    const events = [
      ev(0),
      ev(1, {
        outcome: {
          type: 'content',
          versionLabel: 'v7',
          contentType: 'application/json',
          size: 321,
          contentHash: 'h',
        },
      }),
    ];
    const row = buildRow(events, 1, new Map());
    expect(row).toMatchObject({
      versionLabel: 'v7',
      contentType: 'application/json',
      size: 321,
      outcomeKind: 'content',
    });
  });

  it('attaches the flags of its seq, most severe first', () => {
    const bySeq = groupAnomaliesBySeq([
      flag(2, 'polledTooEarly', 'warning'),
      flag(1, 'awsError', 'info'),
      flag(2, 'tokenReused', 'error'),
    ]);
    const row = buildRow(chain(3), 2, bySeq);
    expect(row?.flags.map((f) => f.rule)).toEqual(['tokenReused', 'polledTooEarly']);
    expect(row?.worstSeverity).toBe('error');
    expect(buildRow(chain(3), 0, bySeq)?.flags).toEqual([]);
  });

  it('keeps row identity for rows that stay on screen while scrolling', () => {
    const cache = createRowCache(chain(100), new Map());
    const first = cache.range(10, 20);
    const second = cache.range(15, 25);
    expect(second.map((r) => r.event.seq)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(second[0]).toBe(first[5]);
    expect(cache.range(98, 120)).toHaveLength(2);
  });

  it('finds a seq by direct slot or by search when the ledger is offset', () => {
    const events = chain(5);
    expect(indexOfSeq(events, 3)).toBe(3);
    expect(indexOfSeq(events.slice(2), 3)).toBe(1);
    expect(indexOfSeq(events, 9)).toBe(-1);
    expect(indexOfSeq(events, undefined)).toBe(-1);
  });
});
