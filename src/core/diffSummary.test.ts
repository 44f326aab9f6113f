import { describe, expect, it } from 'vitest';
import { featureFlagChanges, isFeatureFlagDocument, summarizeDiff } from './diffSummary.js';

describe('summarizeDiff', () => {
  it('reports added, removed and changed key paths', () => {
    const a = {
      name: 'svc',
      limits: { rps: 5, burst: 10 },
      regions: ['eu', 'us'],
      old: { deep: 1 },
    };
    const b = {
      name: 'svc',
      limits: { rps: 8, burst: 10, queue: 3 },
      regions: ['eu', 'ap', 'us'],
      fresh: true,
    };
    expect(summarizeDiff(a, b)).toEqual({
      added: ['limits.queue', 'regions[2]', 'fresh'],
      removed: ['old'],
      changed: ['limits.rps', 'regions[1]'],
    });
  });

  it('reports nothing for equal documents', () => {
    expect(summarizeDiff({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });

  it('reports shrinking arrays and type changes at their path', () => {
    expect(
      summarizeDiff({ x: [1, 2, 3], y: { z: 1 }, w: [1] }, { x: [1], y: [1], w: 'one' }),
    ).toEqual({
      added: [],
      removed: ['x[1]', 'x[2]'],
      changed: ['y', 'w'],
    });
  });

  it('quotes keys that would be ambiguous after a dot', () => {
    expect(
      summarizeDiff({ 'a.b': 1, s: { 'my key': 1 } }, { 'a.b': 2, s: { 'my key': 2 } }).changed,
    ).toEqual(['["a.b"]', 's["my key"]']);
  });

  it('names a top-level change (root)', () => {
    expect(summarizeDiff('v1', 'v2').changed).toEqual(['(root)']);
    expect(summarizeDiff({ a: 1 }, [1]).changed).toEqual(['(root)']);
    expect(summarizeDiff(1, 1).changed).toEqual([]);
  });
});

describe('featureFlagChanges', () => {
  const before = {
    dark_mode: { enabled: false },
    beta: { enabled: true, group: 'staff' },
    legacy: { enabled: true },
    limits: { enabled: true, max: 5 },
  };
  const after = {
    dark_mode: { enabled: true, theme: 'night' },
    beta: { enabled: false },
    limits: { enabled: true, max: 10 },
    checkout_v2: { enabled: false },
  };

  it('lists flips, additions, removals and attribute changes', () => {
    expect(featureFlagChanges(before, after)).toEqual({
      turnedOn: ['dark_mode'],
      turnedOff: ['beta'],
      added: ['checkout_v2'],
      removed: ['legacy'],
      attributesChanged: ['limits'],
    });
  });

  it('finds no flags in documents that are not flag documents', () => {
    expect(featureFlagChanges('text', { a: 1 })).toEqual({
      turnedOn: [],
      turnedOff: [],
      added: [],
      removed: [],
      attributesChanged: [],
    });
  });

  it('recognises flattened flag documents', () => {
    expect(isFeatureFlagDocument(after)).toBe(true);
    expect(isFeatureFlagDocument({ version: '1', flags: {}, values: {} })).toBe(false);
    expect(isFeatureFlagDocument({})).toBe(false);
  });
});
