import { describe, expect, it } from 'vitest';
import type { DeploymentMarker, PlacedMarker } from '../../../core/deploymentMarkers.js';
import { timelineItems } from './timelineItems.js';

const marker = (label: string): DeploymentMarker => ({
  at: 0,
  deploymentNumber: 3,
  kind: 'step',
  label,
});
const placed = (beforeIndex: number, label: string): PlacedMarker => ({
  beforeIndex,
  marker: marker(label),
});

/** Every row as 'p<index>' or the marker's label. */
const rows = (items: ReturnType<typeof timelineItems>) =>
  Array.from({ length: items.count }, (_, i) => {
    const item = items.at(i)!;
    return item.kind === 'poll' ? `p${item.index}` : item.marker.label;
  });

describe('timelineItems', () => {
  const items = timelineItems(4, [placed(0, 'a'), placed(2, 'b'), placed(2, 'c'), placed(4, 'd')]);

  it('puts each marker before the poll it precedes, in order, and the late ones at the end', () => {
    expect(rows(items)).toEqual(['a', 'p0', 'p1', 'b', 'c', 'p2', 'p3', 'd']);
    expect(items.at(8)).toBeUndefined();
  });

  it('maps polls to rows and rows back to the polls they show', () => {
    expect([0, 1, 2, 3].map((p) => items.rowOfPoll(p))).toEqual([1, 2, 5, 6]);
    expect(items.rowOfPoll(-1)).toBe(-1);
    expect(items.pollRange(0, 4)).toEqual({ start: 0, end: 2 });
    expect(items.pollRange(3, 8)).toEqual({ start: 2, end: 4 });
  });

  it('is the identity without markers', () => {
    const plain = timelineItems(3, []);
    expect(rows(plain)).toEqual(['p0', 'p1', 'p2']);
    expect(plain.rowOfPoll(2)).toBe(2);
    expect(plain.pollRange(1, 3)).toEqual({ start: 1, end: 3 });
  });
});
