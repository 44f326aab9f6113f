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
    tracker.spend('s', 't1', 'inv-1', 0);
    tracker.spend('s', 't2', null, 1);
    expect(tracker.spentRecord('s', 't1')).toEqual({ invocationId: 'inv-1', spentAt: 0 });
    tracker.spend('s', 't3', 'inv-3', 2);
    expect(tracker.spentRecord('s', 't1')).toBeUndefined();
    expect(tracker.spentRecord('s', 't2')).toEqual({ invocationId: null, spentAt: 1 });
    expect(tracker.spentRecord('other', 't2')).toBeUndefined();
  });

  it('forgets the least recently active session beyond maxSessions, and idle ones after the TTL', () => {
    const tracker = new SessionTracker(1000, { maxSessions: 2, maxSpentPerSession: 8 });
    tracker.spend('a', 't', null, 0);
    tracker.spend('b', 't', null, 10);
    tracker.spend('a', 'u', null, 20);
    tracker.spend('c', 't', null, 30);
    expect(tracker.spentRecord('b', 't')).toBeUndefined();
    expect(tracker.spentRecord('a', 't')).toBeDefined();
    expect(tracker.size).toBe(2);
    tracker.spend('d', 't', null, 1025);
    expect(tracker.spentRecord('a', 'u')).toBeUndefined();
    expect(tracker.spentRecord('c', 't')).toBeDefined();
    tracker.spend('e', 't', null, 5000);
    expect(tracker.size).toBe(1);
  });
});
