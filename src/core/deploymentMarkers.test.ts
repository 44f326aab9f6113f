import { describe, expect, it } from 'vitest';
import { deploymentMarkers, markersOf, placeMarkers, reachedAllAt } from './deploymentMarkers.js';
import { poll, start, T0 } from './testLedger.js';
import { at, linear50, stopped } from './testDeployments.js';

describe('markersOf', () => {
  it('labels start (with strategy), each step, bake and completion', () => {
    expect(markersOf(linear50()).map((m) => [m.at - T0, m.kind, m.label])).toEqual([
      [100_000, 'started', 'Deployment #3 of v2 started (AppConfig.Linear50PercentEvery30Seconds)'],
      [130_000, 'step', 'Deployment #3 at 50%'],
      [160_000, 'step', 'Deployment #3 at 100%'],
      [160_000, 'baking', 'Deployment #3 baking'],
      [220_000, 'complete', 'Deployment #3 complete'],
    ]);
  });

  it("takes a step's percentage from the strategy when the description names none", () => {
    const d = linear50({
      growthType: 'EXPONENTIAL',
      growthFactor: 25,
      eventLog: [
        { eventType: 'PERCENTAGE_UPDATED', occurredAt: at(110) },
        { eventType: 'PERCENTAGE_UPDATED', occurredAt: at(120) },
        { eventType: 'PERCENTAGE_UPDATED', occurredAt: at(130) },
      ],
    });
    expect(markersOf(d).map((m) => m.label)).toEqual([
      'Deployment #3 of v2 started (AppConfig.Linear50PercentEvery30Seconds)',
      'Deployment #3 at 25%',
      'Deployment #3 at 50%',
      'Deployment #3 at 100%',
    ]);
  });

  it("names an account's own strategy by its name when the caller knows it", () => {
    const own = linear50({ deploymentStrategyId: 'x7kq2ab' });
    expect(markersOf(own, new Map([['x7kq2ab', 'e2e-linear']]))[0]!.label).toBe(
      'Deployment #3 of v2 started (e2e-linear)',
    );
    expect(markersOf(own)[0]!.label).toBe('Deployment #3 of v2 started (x7kq2ab)');
  });

  it('shows a rollback and a summary-only start', () => {
    expect(
      markersOf(stopped())
        .map((m) => m.label)
        .slice(-2),
    ).toEqual(['Deployment #3 rolling back', 'Deployment #3 rolled back']);
    const bare = linear50({
      versionLabel: undefined,
      eventLog: [],
      deploymentStrategyId: undefined,
    });
    expect(markersOf(bare)).toEqual([
      {
        at: at(100),
        deploymentNumber: 3,
        kind: 'started',
        label: 'Deployment #3 of version 2 started',
      },
    ]);
  });
});

describe('reachedAllAt', () => {
  it('is the 100% step, not the completion after bake', () => {
    expect(reachedAllAt(linear50())).toBe(at(160));
  });

  it('is undefined while deploying and when rolled back before 100%', () => {
    const deploying = linear50({ state: 'DEPLOYING', eventLog: linear50().eventLog.slice(0, 2) });
    expect(reachedAllAt(deploying)).toBeUndefined();
    expect(reachedAllAt(stopped())).toBeUndefined();
  });

  it('falls back to the completion time of a COMPLETE deployment with no log', () => {
    expect(reachedAllAt(linear50({ eventLog: [] }))).toBe(at(220));
  });
});

describe('deploymentMarkers and placeMarkers', () => {
  it('merges deployments in time order and places each marker before the first poll sent after it', () => {
    const older = linear50({
      deploymentNumber: 2,
      startedAt: at(10),
      eventLog: [{ eventType: 'DEPLOYMENT_COMPLETED', occurredAt: at(20) }],
    });
    const markers = deploymentMarkers([linear50(), older]);
    expect(markers.map((m) => m.deploymentNumber)).toEqual([2, 2, 3, 3, 3, 3, 3]);
    const events = [start(0, 0, 't0'), poll(1, 60, 't0', 't1'), poll(2, 150, 't1', 't2')];
    const placed = placeMarkers(events, markers);
    expect(placed.map((p) => [p.beforeIndex, p.marker.kind])).toEqual([
      [1, 'started'],
      [1, 'complete'],
      [2, 'started'],
      [2, 'step'],
      [3, 'step'],
      [3, 'baking'],
      [3, 'complete'],
    ]);
  });
});
