import { describe, expect, it } from 'vitest';
import type { VersionSeen } from '../../../core/ledger.js';
import { diffPair, toggleVersion } from './versionSelection.js';

const version = (contentHash: string, firstSeenSeq: number): VersionSeen => ({
  contentHash,
  firstSeenSeq,
  firstSeenAt: firstSeenSeq * 1000,
  size: 10,
});

describe('version selection', () => {
  it('chooses up to two, the third click replacing the oldest choice', () => {
    let selected = toggleVersion([], 'a');
    selected = toggleVersion(selected, 'b');
    expect(selected).toEqual(['a', 'b']);
    expect(toggleVersion(selected, 'c')).toEqual(['b', 'c']);
  });

  it('unchooses a chosen version', () => {
    expect(toggleVersion(['a', 'b'], 'a')).toEqual(['b']);
  });

  it('puts the version seen first on the left whatever the click order', () => {
    const versions = [version('old', 1), version('mid', 4), version('new', 9)];
    expect(diffPair(versions, ['new', 'old'])).toEqual(['old', 'new']);
    expect(diffPair(versions, ['mid', 'new'])).toEqual(['mid', 'new']);
    expect(diffPair(versions, ['mid'])).toBeUndefined();
    expect(diffPair(versions, ['mid', 'gone'])).toBeUndefined();
  });
});
