import { describe, expect, it } from 'vitest';
import type { RolloutSample } from '../../../core/rollout.js';
import {
  bandOrder,
  chartGeometry,
  chartSummary,
  hoverReadout,
  nearestSample,
  NONE_KEY,
  percentAt,
  percentSteps,
  timeAtX,
} from './fleetChartModel.js';
import { timeTicks } from './timeAxis.js';

const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);
const labels = { [OLD]: 'v1', [NEW]: 'v2' };
const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);

/** A 10-member fleet: all on v1, then half on v2 after the 50% step, then all on v2. */
const samples: RolloutSample[] = [
  { at: T0, counts: {}, none: 10 },
  { at: T0 + 10_000, counts: { [OLD]: 10 }, none: 0 },
  { at: T0 + 20_000, counts: { [OLD]: 5, [NEW]: 5 }, none: 0 },
  { at: T0 + 30_000, counts: { [NEW]: 10 }, none: 0 },
];
const percent = [
  { at: T0 + 12_000, percent: 0 },
  { at: T0 + 18_000, percent: 50 },
  { at: T0 + 28_000, percent: 100 },
];
const SIZE = { width: 484, height: 132 }; // a 400 × 100 plot inside the margins

describe('percent steps from the event log', () => {
  it('starts at 0, follows each step and drops to 0 on rollback', () => {
    const points = percentSteps([
      { eventType: 'DEPLOYMENT_STARTED', occurredAt: 1 },
      {
        eventType: 'PERCENTAGE_UPDATED',
        description: 'Configuration available to 20.00% of clients',
        occurredAt: 2,
      },
      { eventType: 'PERCENTAGE_UPDATED', description: 'no number here', occurredAt: 3 },
      { eventType: 'ROLLBACK_STARTED', occurredAt: 4 },
      { eventType: 'ROLLBACK_COMPLETED', occurredAt: 4 },
      { eventType: 'PERCENTAGE_UPDATED', description: 'at 30%' }, // no time: cannot be placed
    ]);
    expect(points).toEqual([
      { at: 1, percent: 0 },
      { at: 2, percent: 20 },
      { at: 4, percent: 0 },
    ]);
  });

  it('reads the percentage in force at a time', () => {
    expect(percentAt(percent, T0)).toBeUndefined();
    expect(percentAt(percent, T0 + 18_000)).toBe(50);
    expect(percentAt(percent, T0 + 27_999)).toBe(50);
    expect(percentAt(percent, T0 + 99_000)).toBe(100);
  });
});

describe('chart geometry', () => {
  it('puts the newest version at the bottom and no-configuration on top', () => {
    expect(bandOrder(samples)).toEqual([NEW, OLD, NONE_KEY]);
  });

  it('stacks the bands so the new version at 5 of 10 members reaches half the height', () => {
    const g = chartGeometry(samples, labels, percent, SIZE);
    expect(g.total).toBe(10);
    expect(g.plot).toEqual({ left: 40, right: 440, top: 10, bottom: 110 });
    const [v2, v1, none] = g.bands;
    expect(v2).toMatchObject({ label: 'v2', colorIndex: 0, current: 10 });
    expect(v1).toMatchObject({ label: 'v1', colorIndex: 1, current: 0 });
    expect(none).toMatchObject({ label: 'No configuration yet', colorIndex: -1, current: 0 });
    // v2's top edge: 0, 0, 5 and 10 members at x = 40, 173.3, 306.7, 440.
    expect(v2!.path.startsWith('M40 110L173.3 110L306.7 60L440 10L')).toBe(true);
    // v1 sits on v2: at the third sample from 60 (5 members) up to 10 (10 members).
    expect(v1!.path).toContain('306.7 10');
    expect(v1!.path.endsWith('306.7 60L173.3 110L40 110Z')).toBe(true);
  });

  it('draws PercentageComplete as a step line on the same height, 100% being the whole fleet', () => {
    const g = chartGeometry(samples, labels, percent, SIZE);
    // Starts at its first point (12 s in), 50% at y 60 like 5 of 10 members, 100% at the top, flat to the end.
    expect(g.percentPath).toBe('M200 110H280V60H413.3V10H440');
    expect(g.percentTicks.map((t) => [t.label, t.pos])).toEqual([
      ['0%', 110],
      ['50%', 60],
      ['100%', 10],
    ]);
    expect(g.memberTicks.map((t) => t.label)).toEqual(['0', '5', '10']);
  });

  it('scales to the fleet size when members have not all polled', () => {
    const g = chartGeometry([{ at: T0, counts: { [OLD]: 2 }, none: 0 }], labels, [], SIZE, 8);
    expect(g.total).toBe(8);
    expect(g.memberTicks.map((t) => t.label)).toEqual(['0', '4', '8']);
    expect(g.percentPath).toBe('');
  });

  it('draws nothing but says so for an empty series', () => {
    const g = chartGeometry([], labels, percent, SIZE);
    expect(g.bands).toEqual([]);
    expect(g.percentPath).toBe('');
    expect(chartSummary(g)).toBe('Fleet chart: no members have polled yet.');
  });

  it('names an unlabelled version by its hash', () => {
    const g = chartGeometry([{ at: T0, counts: { [OLD]: 1 }, none: 0 }], {}, [], SIZE);
    expect(g.bands[0]!.label).toBe('#aaaaaaaa');
  });

  it('stays cheap at 1,000 members and 300 samples: one point per sample per band', () => {
    const many: RolloutSample[] = Array.from({ length: 300 }, (_, i) => ({
      at: T0 + i * 15_000,
      counts: { [OLD]: 1000 - Math.min(1000, i * 4), [NEW]: Math.min(1000, i * 4) },
      none: 0,
    }));
    const g = chartGeometry(many, labels, percent, SIZE);
    expect(g.total).toBe(1000);
    expect(g.bands.map((b) => b.path.split('L').length)).toEqual([600, 600]);
  });
});

describe('time ticks', () => {
  it('picks round steps that fit', () => {
    const ticks = timeTicks(T0 + 1_000, T0 + 61_000, 5);
    // 60 s over at most 5 ticks: every 15 s, starting at the first round one.
    expect(ticks.map((t) => t.at - T0)).toEqual([15_000, 30_000, 45_000, 60_000]);
    expect(ticks[0]!.label).toMatch(/^\d\d:\d\d:15$/);
  });

  it('drops seconds once ticks are a minute or more apart', () => {
    const ticks = timeTicks(T0, T0 + 60 * 60_000, 6);
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks[0]!.label).toMatch(/^\d\d:\d\d$/);
  });

  it('has none for an empty span', () => {
    expect(timeTicks(T0, T0, 5)).toEqual([]);
  });
});

describe('hover and summary', () => {
  const g = chartGeometry(samples, labels, percent, SIZE);

  it('finds the sample nearest to the pointer', () => {
    expect(nearestSample(samples, timeAtX(g, 0))).toBe(0);
    expect(nearestSample(samples, T0 + 14_000)).toBe(1);
    expect(nearestSample(samples, T0 + 16_000)).toBe(2);
    expect(nearestSample(samples, timeAtX(g, 10_000))).toBe(3);
    expect(nearestSample([], T0)).toBe(-1);
  });

  it('reads exact counts and the percentage at that sample, top band first', () => {
    const readout = hoverReadout(g, samples[2]!, percent);
    expect(readout.percent).toBe(50);
    expect(readout.rows.map((row) => [row.label, row.count])).toEqual([
      ['No configuration yet', 0],
      ['v1', 5],
      ['v2', 5],
    ]);
    expect(hoverReadout(g, samples[0]!, percent).percent).toBeUndefined();
  });

  it('summarises the current split, biggest first, with the deployment', () => {
    const mid = chartGeometry(samples.slice(0, 3), labels, percent, SIZE);
    expect(chartSummary(mid, 50)).toBe(
      'Fleet of 10 members: 5 hold v2, 5 hold v1. The deployment is at 50%.',
    );
    expect(chartSummary(chartGeometry(samples.slice(0, 1), labels, [], SIZE))).toBe(
      'Fleet of 10 members: 10 hold no configuration yet.',
    );
  });
});
