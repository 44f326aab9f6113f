// A session's poll timer: at most one planned call at a time, and a plan number so that a tick already due
// when the plan changed (a Poll now, a pause, a stop) is recognised as stale and does nothing.
// Imported by sessionRunner.ts only; time comes from the injected Clock so tests drive it.
import type { Clock } from './clock.js';

export class PollTimer {
  private handle: unknown;
  private plan = 0;

  constructor(private readonly clock: Clock) {}

  /** The current plan: one taken before a later arm() or cancel() no longer equals it. */
  get current(): number {
    return this.plan;
  }

  /** True while a tick waits on the clock. */
  get armed(): boolean {
    return this.handle !== undefined;
  }

  /**
   * Replaces any plan with one that calls `due(plan)` at `at`; synchronously when that time has already come
   * (the first poll after a start), so the caller takes the next turn rather than waiting for a tick.
   */
  arm(at: number, due: (plan: number) => void): void {
    this.cancel();
    const plan = this.plan;
    const wait = at - this.clock.now();
    if (wait <= 0) return due(plan);
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      due(plan);
    }, wait);
  }

  cancel(): void {
    this.plan++;
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
  }
}
