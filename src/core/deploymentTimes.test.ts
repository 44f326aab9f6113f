import { describe, expect, it } from 'vitest';
import { deploymentTimes, growthSteps } from './deploymentTimes.js';

const MIN = 60_000;
const start = Date.UTC(2026, 0, 1);

describe('deploymentTimes', () => {
  it('spreads linear steps evenly over the duration, the first one interval after the start', () => {
    // AWS's example: 20% over 10 hours reaches 20/40/60/80/100 at hours 2/4/6/8/10.
    const f = {
      startedAt: start,
      durationMinutes: 600,
      growthType: 'LINEAR' as const,
      growthFactor: 20,
      finalBakeMinutes: 30,
    };
    expect(deploymentTimes(f, start)).toEqual({
      nextStepAt: start + 120 * MIN,
      nextStepPercent: 20,
      bakeStartsAt: start + 600 * MIN,
      bakeEndsAt: start + 630 * MIN,
    });
    expect(deploymentTimes(f, start + 250 * MIN)).toMatchObject({
      nextStepAt: start + 360 * MIN,
      nextStepPercent: 60,
    });
    expect(deploymentTimes(f, start + 610 * MIN).nextStepAt).toBeUndefined();
  });

  it('doubles exponential steps and caps them at 100', () => {
    expect(growthSteps('EXPONENTIAL', 10)).toEqual([10, 20, 40, 80, 100]);
    expect(growthSteps('LINEAR', 33.3)).toEqual([33.3, 66.6, 99.9, 100]);
    const f = {
      startedAt: start,
      durationMinutes: 50,
      growthType: 'EXPONENTIAL' as const,
      growthFactor: 10,
      finalBakeMinutes: 0,
    };
    expect(deploymentTimes(f, start + 25 * MIN)).toMatchObject({
      nextStepAt: start + 30 * MIN,
      nextStepPercent: 40,
      bakeEndsAt: start + 50 * MIN,
    });
  });

  it('has no steps for an all-at-once strategy, only the bake', () => {
    const f = {
      startedAt: start,
      durationMinutes: 0,
      growthType: 'LINEAR' as const,
      growthFactor: 100,
      finalBakeMinutes: 10,
    };
    expect(deploymentTimes(f, start)).toEqual({
      bakeStartsAt: start,
      bakeEndsAt: start + 10 * MIN,
    });
  });

  it('calibrates the due times by when the first step actually happened', () => {
    // 4 steps over 4 minutes, on an endpoint running 60 times faster: the first step came after 1 s.
    const f = {
      startedAt: start,
      durationMinutes: 4,
      growthType: 'LINEAR' as const,
      growthFactor: 25,
      finalBakeMinutes: 2,
    };
    expect(deploymentTimes(f, start + 1_500, start + 1_000)).toEqual({
      nextStepAt: start + 2_000,
      nextStepPercent: 50,
      bakeStartsAt: start + 4_000,
      bakeEndsAt: start + 6_000,
    });
  });
});
