import { describe, expect, it } from 'vitest';
import { deploymentReceipts } from './deploymentReceipts.js';
import type { PollEvent, PollOutcome } from './ledger.js';
import { linear50, stopped } from './testDeployments.js';
import { poll, start } from './testLedger.js';

const v = (label: string | undefined, hash: string): PollOutcome => ({
  type: 'content',
  size: 2,
  contentHash: hash,
  ...(label ? { versionLabel: label } : {}),
});

/** Start at 0 s, then a poll every 30 s (30, 60, …) with the given outcomes. */
function ledger(outcomes: PollOutcome[], over: Partial<PollEvent>[] = []): PollEvent[] {
  return [
    start(0, 0, 't0'),
    ...outcomes.map((outcome, i) =>
      poll(i + 1, (i + 1) * 30, `t${i}`, `t${i + 1}`, { outcome, ...over[i] }),
    ),
  ];
}
const unchanged: PollOutcome = { type: 'unchanged' };
const v1 = v('v1', 'h1');
const v2 = v('v2', 'h2');

describe('deploymentReceipts', () => {
  it("marks the poll that first received the deployment's version", () => {
    // Deployment #3 starts at 100 s and reaches 50% at 130 s; this session gets v2 at its 150 s poll.
    const events = ledger([v1, unchanged, unchanged, unchanged, v2, unchanged]);
    expect(deploymentReceipts(events, [linear50()])).toEqual([
      {
        seq: 5,
        deploymentNumber: 3,
        kind: 'new',
        short: 'received here',
        label: 'Received v2 here (deployment #3)',
      },
    ]);
  });

  it('marks the old version coming back after a rollback', () => {
    // Stopped at 140 s: the session had v2 from its 120 s poll and gets v1 back at 150 s.
    const events = ledger([v1, unchanged, unchanged, v2, v1]);
    expect(deploymentReceipts(events, [stopped()]).map((r) => [r.seq, r.short, r.label])).toEqual([
      [4, 'received here', 'Received v2 here (deployment #3)'],
      [5, 'back here', 'Got v1 back here (deployment #3 rolled back)'],
    ]);
  });

  it('marks nothing for a session that never got the version, or got it only by replay', () => {
    expect(
      deploymentReceipts(ledger([v1, unchanged, unchanged, unchanged, unchanged]), [linear50()]),
    ).toEqual([]);
    const replayed = ledger(
      [v1, unchanged, unchanged, unchanged, v2],
      [{}, {}, {}, {}, { trigger: 'replay' }],
    );
    expect(deploymentReceipts(replayed, [linear50()])).toEqual([]);
  });

  it('takes the first change of content inside the window for an unlabelled version', () => {
    const events = ledger([v(undefined, 'a'), unchanged, unchanged, v(undefined, 'b')]);
    const d = linear50({ versionLabel: undefined });
    expect(deploymentReceipts(events, [d])).toEqual([
      {
        seq: 4,
        deploymentNumber: 3,
        kind: 'new',
        short: 'received here',
        label: 'Received version 2 here (deployment #3)',
      },
    ]);
  });

  it("gives each deployment its own window up to the next one's start", () => {
    const next = linear50({
      deploymentNumber: 4,
      versionLabel: 'v3',
      startedAt: linear50().startedAt! + 60_000,
    });
    // #4 starts at 160 s: v2 at 150 s is #3's, v3 at 180 s is #4's.
    const events = ledger([v1, unchanged, unchanged, unchanged, v2, v('v3', 'h3')]);
    expect(
      deploymentReceipts(events, [next, linear50()]).map((r) => [r.seq, r.deploymentNumber]),
    ).toEqual([
      [5, 3],
      [6, 4],
    ]);
  });
});
