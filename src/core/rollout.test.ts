import { describe, expect, it } from 'vitest';
import type { PollEvent, PollOutcome } from './ledger.js';
import { heldVersionAt } from './rollout.js';

const content = (hash: string, label?: string): PollOutcome => ({
  type: 'content',
  size: 10,
  contentHash: hash,
  ...(label ? { versionLabel: label } : {}),
});

/** One session's ledger: a start, then a poll at each listed second with its outcome. */
function ledger(polls: [number, PollOutcome, PollEvent['trigger']?][]): PollEvent[] {
  const start: PollEvent = {
    seq: 0,
    sessionId: 's',
    kind: 'start',
    trigger: 'start',
    sentAt: 0,
    answeredAt: 0,
    latencyMs: 1,
    attempts: 1,
    outcome: { type: 'started' },
  };
  return [
    start,
    ...polls.map(([s, outcome, trigger], i): PollEvent => ({
      ...start,
      seq: i + 1,
      kind: 'poll',
      trigger: trigger ?? 'schedule',
      sentAt: s * 1000 - 5,
      answeredAt: s * 1000,
      outcome,
    })),
  ];
}

const unchanged: PollOutcome = { type: 'unchanged' };

describe('heldVersionAt', () => {
  it('is the last content received by then: an empty body keeps it, a replay does not change it', () => {
    const events = ledger([
      [1, content('a', 'v1')],
      [60, unchanged],
      [120, content('b', 'v2')],
      [130, content('a', 'v1'), 'replay'],
    ]);
    expect(heldVersionAt(events, 0.5 * 1000)).toBeUndefined();
    expect(heldVersionAt(events, 90_000)).toEqual({ contentHash: 'a', versionLabel: 'v1' });
    expect(heldVersionAt(events, 200_000)).toEqual({ contentHash: 'b', versionLabel: 'v2' });
  });
});
