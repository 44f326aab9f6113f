// The fleet's compact arrivals: holders now, and the sampled series the chart draws, without any ledger.
import { describe, expect, it } from 'vitest';
import { FleetArrivals } from './fleetArrivals.js';

describe('FleetArrivals', () => {
  it('counts holders now and keeps every version a member held', () => {
    const a = new FleetArrivals(3);
    a.arrive(0, 100, 'h1', 'v1');
    a.arrive(1, 110, 'h1', 'v1');
    a.arrive(2, 120, 'h1', 'v1');
    a.arrive(0, 200, 'h2', 'v2');
    a.arrive(0, 215, 'h2', 'v2');
    expect(a.heldBy(0)).toBe('h2');
    expect(a.versionsNow()).toEqual([
      { contentHash: 'h1', versionLabel: 'v1', holders: 2 },
      { contentHash: 'h2', versionLabel: 'v2', holders: 1 },
    ]);
    expect(a.heldNow()).toEqual(a.versionsNow());
    // A rollback brings the old bytes back: v2 keeps its legend entry with nobody holding it.
    a.arrive(0, 300, 'h1', 'v1');
    expect(a.versionsNow()).toEqual([
      { contentHash: 'h1', versionLabel: 'v1', holders: 3 },
      { contentHash: 'h2', versionLabel: 'v2', holders: 0 },
    ]);
    // The list entry's split leaves it out.
    expect(a.heldNow()).toEqual([{ contentHash: 'h1', versionLabel: 'v1', holders: 3 }]);
  });

  it('samples evenly from start to end, both included', () => {
    const a = new FleetArrivals(2);
    a.arrive(0, 10, 'h1');
    a.arrive(1, 30, 'h1');
    a.arrive(0, 50, 'h2');
    expect(a.series(0, 60, 4)).toEqual([
      { at: 0, counts: {}, none: 2 },
      { at: 20, counts: { h1: 1 }, none: 1 },
      { at: 40, counts: { h1: 2 }, none: 0 },
      { at: 60, counts: { h1: 1, h2: 1 }, none: 0 },
    ]);
    expect(a.series(5, 5, 300)).toEqual([{ at: 5, counts: {}, none: 2 }]);
    expect(a.series(0, 1_000_000, 300)).toHaveLength(300);
  });
});
