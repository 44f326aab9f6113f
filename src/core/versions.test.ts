import { describe, expect, it } from 'vitest';
import type { PollEvent } from './ledger.js';
import { poll, start } from './testLedger.js';
import { versionsFromLedger } from './versions.js';

const content = (seq: number, atS: number, hash: string, versionLabel?: string): PollEvent =>
  poll(seq, atS, `t${seq - 1}`, `t${seq}`, {
    outcome: {
      type: 'content',
      contentHash: hash,
      size: hash.length,
      contentType: 'application/json',
      versionLabel,
    },
  });

describe('versionsFromLedger', () => {
  it('lists each content once, at its first appearance, in ledger order', () => {
    const events = [
      content(4, 120, 'h1', 'v1'),
      start(0, 0, 't0'),
      content(1, 1, 'h1', 'v1'),
      poll(2, 31, 't1', 't2'),
      content(3, 61, 'h22', 'v2'),
    ];
    expect(versionsFromLedger(events)).toEqual([
      {
        contentHash: 'h1',
        versionLabel: 'v1',
        contentType: 'application/json',
        size: 2,
        firstSeenAt: events[2]?.answeredAt,
        firstSeenSeq: 1,
      },
      {
        contentHash: 'h22',
        versionLabel: 'v2',
        contentType: 'application/json',
        size: 3,
        firstSeenAt: events[4]?.answeredAt,
        firstSeenSeq: 3,
      },
    ]);
  });

  it('omits a missing label instead of writing undefined', () => {
    const [version] = versionsFromLedger([content(1, 1, 'h')]);
    expect(version && 'versionLabel' in version).toBe(false);
  });

  it('returns nothing for a ledger without content', () => {
    expect(versionsFromLedger([start(0, 0, 't0'), poll(1, 1, 't0', 't1')])).toEqual([]);
  });
});
