import { describe, expect, it } from 'vitest';
import { SessionTracker } from './sessions.js';

describe('SessionTracker', () => {
  it('gives each session a sticky bucket 0–99 per deployment, spread evenly', () => {
    const tracker = new SessionTracker(60_000);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 5000; i++) {
      const bucket = tracker.bucketOf(`session-${i}`, 1);
      expect(bucket).toBe(tracker.bucketOf(`session-${i}`, 1));
      expect(Number.isInteger(bucket) && bucket >= 0 && bucket < 100).toBe(true);
      counts[Math.floor(bucket / 10)]!++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(400);
    const perDeployment = new Set(
      Array.from({ length: 20 }, (_, n) => tracker.bucketOf('session-0', n)),
    );
    expect(perDeployment.size).toBeGreaterThan(5);
  });

  it('remembers who spent a token, capped per session (earliest forgotten first)', () => {
    const tracker = new SessionTracker(60_000, { maxSessions: 10, maxSpentPerSession: 2 });
    const [t1, t2, t3, t4, t5] = [11, 12, 13, 14, 15];
    tracker.spend('s', t1, 'inv-1', 0);
    tracker.spend('s', t2, null, 1);
    expect(tracker.spentBy('s', t1)).toBe('inv-1');
    tracker.spend('s', t3, 'inv-3', 2);
    expect(tracker.spentBy('s', t1)).toBeUndefined();
    expect(tracker.spentBy('s', t2)).toBeNull();
    expect(tracker.spentBy('other', t2)).toBeUndefined();
    // Spending a remembered token again keeps its first spender and takes no ring slot.
    tracker.spend('s', t3, 'inv-other', 3);
    expect(tracker.spentBy('s', t3)).toBe('inv-3');
    expect(tracker.spentBy('s', t2)).toBeNull();
    // The ring keeps going round: t4 overwrites the earliest still remembered (t2), then t5 overwrites t3.
    tracker.spend('s', t4, null, 4);
    expect(tracker.spentBy('s', t2)).toBeUndefined();
    tracker.spend('s', t5, null, 5);
    expect([tracker.spentBy('s', t3), tracker.spentBy('s', t4)]).toEqual([undefined, null]);
  });

  it('forgets the least recently active session beyond maxSessions, and idle ones after the TTL', () => {
    const tracker = new SessionTracker(1000, { maxSessions: 2, maxSpentPerSession: 8 });
    tracker.spend('a', 1, null, 0);
    tracker.spend('b', 1, null, 10);
    tracker.spend('a', 2, null, 20);
    tracker.spend('c', 1, null, 30);
    expect(tracker.spentBy('b', 1)).toBeUndefined();
    expect(tracker.spentBy('a', 1)).toBeDefined();
    expect(tracker.size).toBe(2);
    tracker.spend('d', 1, null, 1025);
    expect(tracker.spentBy('a', 2)).toBeUndefined();
    expect(tracker.spentBy('c', 1)).toBeDefined();
    tracker.spend('e', 1, null, 5000);
    expect(tracker.size).toBe(1);
  });
});
