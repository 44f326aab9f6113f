import { describe, expect, it } from 'vitest';
import { OVERSCAN_AHEAD, OVERSCAN_BEHIND, renderedRows } from './renderedRows.js';

describe('renderedRows', () => {
  // Rows 100..119 are on screen (20 px rows, a 400 px viewport; one more row for a partial one).
  const at = { scrollTop: 2000, viewportHeight: 400, rowHeight: 20, count: 10_000 };

  it('renders more rows ahead of the scroll than behind it, both ways', () => {
    expect(renderedRows(at, false)).toEqual({
      start: 100 - OVERSCAN_BEHIND,
      end: 121 + OVERSCAN_AHEAD,
    });
    expect(renderedRows(at, true)).toEqual({
      start: 100 - OVERSCAN_AHEAD,
      end: 121 + OVERSCAN_BEHIND,
    });
  });

  it('stays inside the ledger at both ends', () => {
    expect(renderedRows({ ...at, scrollTop: 0 }, true).start).toBe(0);
    expect(renderedRows({ ...at, scrollTop: 10_000 * 20 }, false).end).toBe(10_000);
  });
});
