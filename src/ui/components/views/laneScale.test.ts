import { describe, expect, it } from 'vitest';
import {
  MIN_SPAN,
  axisTicks,
  coalesce,
  indicesInWindow,
  ledgerExtent,
  lowerBound,
  panWindow,
  revealInWindow,
  timeScale,
  windowOfPolls,
  zoomWindow,
} from './laneScale.js';
import { chain, T0 } from './testEvents.js';

describe('lane time window', () => {
  it('spans the first send to the last answer of the polls, padded 4% each side', () => {
    // chain(): poll n is sent at T0 + 15 s·n and answered 40 ms later.
    const w = windowOfPolls(chain(10), 2, 6);
    const span = 3 * 15_000 + 40;
    expect(w).toEqual({ from: T0 + 30_000 - span * 0.04, to: T0 + 75_040 + span * 0.04 });
  });

  it('shows a second around a lone poll, and nothing without polls', () => {
    expect(windowOfPolls(chain(1), 0, 1)).toEqual({ from: T0 + 20 - 500, to: T0 + 20 + 500 });
    expect(windowOfPolls([], 0, 0)).toBeUndefined();
  });
});

describe('zoom and pan', () => {
  const extent = { from: 0, to: 100_000 };

  it('zooms around the anchor: the instant under the pointer stays at the same x', () => {
    const w = { from: 10_000, to: 30_000 };
    const before = timeScale(w, 72, 800);
    const anchor = before.at(272);
    const zoomed = zoomWindow(w, anchor, 0.5, extent);
    expect(zoomed.to - zoomed.from).toBe(10_000);
    expect(timeScale(zoomed, 72, 800).x(anchor)).toBeCloseTo(272, 6);
  });

  it('keeps the span between 100 ms and twice the ledger', () => {
    const w = { from: 10_000, to: 10_400 };
    const tight = zoomWindow(w, 10_200, 0.01, extent);
    expect(tight.to - tight.from).toBe(MIN_SPAN);
    const wide = zoomWindow(w, 10_200, 10_000, extent);
    expect(wide.to - wide.from).toBe(200_000);
  });

  it('pans by a time delta but keeps half the window over the ledger', () => {
    expect(panWindow({ from: 10_000, to: 20_000 }, 5_000, extent)).toEqual({
      from: 15_000,
      to: 25_000,
    });
    expect(panWindow({ from: 10_000, to: 20_000 }, -50_000, extent)).toEqual({
      from: -5_000,
      to: 5_000,
    });
    expect(panWindow({ from: 10_000, to: 20_000 }, 500_000, extent)).toEqual({
      from: 95_000,
      to: 105_000,
    });
  });

  it('recentres on a selected instant outside the window, and leaves it alone inside', () => {
    const w = { from: 10_000, to: 20_000 };
    expect(revealInWindow(w, 15_000)).toBe(w);
    expect(revealInWindow(w, 50_000)).toEqual({ from: 45_000, to: 55_000 });
  });

  it('maps time to x and back over the plot', () => {
    const s = timeScale({ from: 1_000, to: 2_000 }, 72, 500);
    expect(s.x(1_000)).toBe(72);
    expect(s.x(2_000)).toBe(572);
    expect(s.at(322)).toBe(1_500);
    expect(s.msPerPx).toBe(2);
  });
});

describe('visible polls', () => {
  const events = chain(10_000);

  it('finds the polls of a window by binary search on sentAt, plus one on each side', () => {
    expect(lowerBound(events, T0 + 15_000 * 500)).toBe(500);
    expect(lowerBound(events, T0 + 15_000 * 500 + 1)).toBe(501);
    expect(indicesInWindow(events, { from: T0 + 15_000 * 500, to: T0 + 15_000 * 510 })).toEqual({
      start: 499,
      end: 511,
    });
    expect(indicesInWindow(events, { from: T0 - 60_000, to: T0 - 1 })).toEqual({
      start: 0,
      end: 1,
    });
  });

  it('spans the whole ledger as its extent', () => {
    const extent = ledgerExtent(events)!;
    expect(extent.from).toBeLessThan(T0);
    expect(extent.to).toBeGreaterThan(events[9_999]!.answeredAt);
  });
});

describe('coalescing', () => {
  it('draws one mark per pixel: 10,000 polls across 800 px make at most 800 marks', () => {
    const events = chain(10_000);
    const s = timeScale(ledgerExtent(events)!, 0, 800);
    const groups = coalesce(
      0,
      events.length,
      (i) => s.x(events[i]!.sentAt),
      () => 0,
    );
    expect(groups.length).toBeLessThanOrEqual(800);
    expect(groups.length).toBeGreaterThan(700);
    // Every poll belongs to exactly one group, in order.
    expect(groups[0]!.first).toBe(0);
    expect(groups.at(-1)!.last).toBe(9_999);
    for (let g = 1; g < groups.length; g++) expect(groups[g]!.first).toBe(groups[g - 1]!.last + 1);
  });

  it('keeps marks a pixel or more apart separate', () => {
    const xs = [0, 0.4, 0.9, 1.0, 5, 5.99, 7];
    const groups = coalesce(
      0,
      xs.length,
      (i) => xs[i]!,
      () => 0,
    );
    expect(groups.map((g) => [g.first, g.last])).toEqual([
      [0, 2],
      [3, 3],
      [4, 5],
      [6, 6],
    ]);
  });

  it('shows the heaviest poll of a group (an error among unchanged polls), the newest on a tie', () => {
    const groups = coalesce(
      0,
      5,
      () => 0,
      (i) => (i === 1 ? 4 : 0),
    );
    expect(groups).toEqual([{ index: 1, first: 0, last: 4 }]);
    expect(
      coalesce(
        0,
        5,
        () => 0,
        () => 0,
      )[0]?.index,
    ).toBe(4);
  });
});

describe('axis ticks', () => {
  const at = (h: number, m: number, s = 0, ms = 0) => new Date(2026, 0, 15, h, m, s, ms).getTime();

  it('labels round clock times, minutes without seconds', () => {
    const { step, ticks } = axisTicks({ from: at(9, 0, 20), to: at(9, 10, 20) }, 8);
    expect(step).toBe(2 * 60_000);
    expect(ticks.map((t) => t.label)).toEqual(['09:02', '09:04', '09:06', '09:08', '09:10']);
  });

  it('gets finer as the window narrows: seconds, then milliseconds', () => {
    const seconds = axisTicks({ from: at(9, 0, 0, 500), to: at(9, 0, 30, 500) }, 8);
    expect(seconds.step).toBe(5_000);
    expect(seconds.ticks[0]?.label).toBe('09:00:05');
    const millis = axisTicks({ from: at(9, 0, 1, 10), to: at(9, 0, 1, 400) }, 8);
    expect(millis.step).toBe(50);
    expect(millis.ticks[0]?.label).toBe('09:00:01.050');
  });

  it('has no ticks for an empty window or no room', () => {
    expect(axisTicks({ from: 5, to: 5 }, 8)).toEqual({ step: 0, ticks: [] });
    expect(axisTicks({ from: 0, to: 1_000 }, 0)).toEqual({ step: 0, ticks: [] });
  });
});
