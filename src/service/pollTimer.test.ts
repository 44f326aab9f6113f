// PollTimer on a manual clock: one planned call at a time, a due time already passed runs at once, and a plan
// replaced or cancelled is no longer current when its tick runs (so the poller ignores it).
import { describe, expect, it } from 'vitest';
import { PollTimer } from './pollTimer.js';
import { FakeClock } from './test/fakeClock.js';

describe('PollTimer', () => {
  it('calls due once at its time with the plan it belongs to, which is then current', () => {
    const clock = new FakeClock();
    const timer = new PollTimer(clock);
    const seen: boolean[] = [];
    timer.arm(clock.now() + 1000, (plan) => seen.push(plan === timer.current));
    expect(timer.armed).toBe(true);
    clock.advance(999);
    expect(seen).toEqual([]);
    clock.advance(1);
    expect(seen).toEqual([true]);
    expect(timer.armed).toBe(false);
  });

  it('calls due synchronously, with no tick on the clock, when its time has come', () => {
    const clock = new FakeClock();
    const timer = new PollTimer(clock);
    const seen: number[] = [];
    timer.arm(clock.now() - 5, (plan) => seen.push(plan));
    expect(seen).toEqual([timer.current]);
    expect(timer.armed).toBe(false);
    expect(clock.nextDue()).toBeUndefined();
  });

  it('never fires a replaced plan, and cancel leaves no tick and makes the last plan stale', () => {
    const clock = new FakeClock();
    const timer = new PollTimer(clock);
    const fired: string[] = [];
    timer.arm(clock.now() + 1000, () => fired.push('first'));
    timer.arm(clock.now() + 2000, () => fired.push('second'));
    clock.advance(1500);
    expect(fired).toEqual([]);
    const before = timer.current;
    timer.cancel();
    expect(timer.current).not.toBe(before);
    expect(timer.armed).toBe(false);
    expect(clock.nextDue()).toBeUndefined();
  });
});
