import { describe, expect, it } from 'vitest';
import { tokenBadge } from './tokenIdentity.js';

describe('tokenBadge', () => {
  it('is stable and short', () => {
    const badge = tokenBadge('9f86d081884c7d65');
    expect(badge).toEqual(tokenBadge('9f86d081884c7d65'));
    expect(badge.short).toBe('9f86d0');
    expect(Number.isInteger(badge.hue) && badge.hue >= 0 && badge.hue < 360).toBe(true);
  });

  it('matches the FNV-1a reference value', () => {
    // FNV-1a 32-bit of "a" is 0xe40c292c = 3826002220; 3826002220 % 360 = 340.
    expect(tokenBadge('a').hue).toBe(340);
  });

  it('gives fingerprints sharing a prefix different hues', () => {
    const hues = new Set(
      ['abcdef01', 'abcdef02', 'abcdef03', 'abcdef04'].map((f) => tokenBadge(f).hue),
    );
    expect(hues.size).toBe(4);
  });

  it('spreads many fingerprints over the colour wheel', () => {
    const buckets = new Set<number>();
    for (let i = 0; i < 500; i++) buckets.add(Math.floor(tokenBadge(`fp-${i}`).hue / 30));
    expect(buckets.size).toBe(12);
  });

  it('keeps short fingerprints whole and marks an empty one', () => {
    expect(tokenBadge('ab').short).toBe('ab');
    expect(tokenBadge('')).toEqual({ short: '—', hue: 0 });
  });
});
