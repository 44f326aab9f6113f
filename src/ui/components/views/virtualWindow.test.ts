import { describe, expect, it } from 'vitest';
import { isAtBottom, navigateIndex, scrollToReveal, visibleRange } from './virtualWindow.js';

describe('virtual window', () => {
  it('renders only the visible rows plus overscan, however long the ledger is', () => {
    const range = visibleRange({
      scrollTop: 26 * 5000,
      viewportHeight: 260,
      rowHeight: 26,
      count: 10_000,
      overscan: 5,
    });
    expect(range).toEqual({ start: 4995, end: 5016 });
    expect(range.end - range.start).toBeLessThan(30);
  });

  it('clamps at both ends and handles an empty ledger', () => {
    expect(
      visibleRange({
        scrollTop: 0,
        viewportHeight: 260,
        rowHeight: 26,
        count: 10_000,
        overscan: 5,
      }),
    ).toEqual({ start: 0, end: 16 });
    expect(
      visibleRange({
        scrollTop: 26 * 9990,
        viewportHeight: 260,
        rowHeight: 26,
        count: 10_000,
        overscan: 5,
      }),
    ).toEqual({
      start: 9985,
      end: 10_000,
    });
    expect(
      visibleRange({ scrollTop: 0, viewportHeight: 260, rowHeight: 26, count: 3, overscan: 5 }),
    ).toEqual({ start: 0, end: 3 });
    expect(
      visibleRange({ scrollTop: 100, viewportHeight: 260, rowHeight: 26, count: 0, overscan: 5 }),
    ).toEqual({ start: 0, end: 0 });
  });

  it('knows when the user sits at the bottom', () => {
    expect(isAtBottom(740, 260, 1000, 26)).toBe(true);
    expect(isAtBottom(720, 260, 1000, 26)).toBe(true);
    expect(isAtBottom(600, 260, 1000, 26)).toBe(false);
  });

  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(10, 26, 0, 260)).toBe(26 * 11 - 260);
    expect(scrollToReveal(2, 26, 260, 260)).toBe(52);
    expect(scrollToReveal(12, 26, 260, 260)).toBeUndefined();
  });

  it('maps navigation keys to a clamped index', () => {
    expect(navigateIndex('ArrowDown', -1, 50, 10)).toBe(0);
    expect(navigateIndex('ArrowDown', 49, 50, 10)).toBe(49);
    expect(navigateIndex('ArrowUp', -1, 50, 10)).toBe(49);
    expect(navigateIndex('PageDown', 45, 50, 10)).toBe(49);
    expect(navigateIndex('PageUp', 5, 50, 10)).toBe(0);
    expect(navigateIndex('Home', 20, 50, 10)).toBe(0);
    expect(navigateIndex('End', 20, 50, 10)).toBe(49);
    expect(navigateIndex('Enter', 20, 50, 10)).toBeUndefined();
    expect(navigateIndex('ArrowDown', -1, 0, 10)).toBeUndefined();
  });
});
