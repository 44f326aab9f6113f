import { describe, expect, it } from 'vitest';
import { groupOf } from './useLaneKeyboard.js';

describe('groupOf', () => {
  const groups = [
    { index: 0, first: 0, last: 0 },
    { index: 3, first: 1, last: 4 },
    { index: 5, first: 5, last: 5 },
  ];

  it('finds the mark whose polls include the index, a coalesced one included', () => {
    expect(groupOf(groups, 0)).toBe(0);
    expect(groupOf(groups, 2)).toBe(1);
    expect(groupOf(groups, 4)).toBe(1);
    expect(groupOf(groups, 5)).toBe(2);
  });

  it('is -1 outside the drawn marks and for no marks', () => {
    expect(groupOf(groups, 6)).toBe(-1);
    expect(groupOf(groups, -1)).toBe(-1);
    expect(groupOf([], 0)).toBe(-1);
  });
});
