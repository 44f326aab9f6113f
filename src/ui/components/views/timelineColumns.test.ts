import { describe, expect, it } from 'vitest';
import {
  clampWidth,
  defaultGridPx,
  gridMinWidth,
  gridTemplate,
  isColumnWidths,
  isStacked,
  isTimeMode,
  keyResize,
  MAX_COLUMN_PX,
  MIN_COLUMN_PX,
  STACK_BELOW_PX,
  TIMELINE_COLUMNS,
  withWidth,
} from './timelineColumns.js';

describe('timeline columns', () => {
  it('builds one template entry per column: defaults in em, flexible ones as minmax, resized ones in px', () => {
    const entries = (template: string) => template.replace(/minmax\([^)]*\)/g, 'M').split(' ');
    const defaults = entries(gridTemplate({}));
    expect(defaults).toHaveLength(TIMELINE_COLUMNS.length);
    expect(defaults.filter((e) => e === 'M')).toHaveLength(
      TIMELINE_COLUMNS.filter((c) => c.grow).length,
    );
    expect(entries(gridTemplate({ call: 120 }))).toHaveLength(TIMELINE_COLUMNS.length);
    const template = gridTemplate({ call: 120, outcome: 200 });
    expect(template).toContain('120px');
    expect(template).toContain('200px');
    expect(template.startsWith('3.6em 7.9em 120px ')).toBe(true);
    // A resized flexible column stops growing.
    expect(template).not.toContain('minmax(8.2em');
  });

  it('gives the row a minimum width of every column plus its padding', () => {
    expect(gridMinWidth({ call: 120 })).toBe(
      `calc(${TIMELINE_COLUMNS.map((c) => (c.id === 'call' ? '120px' : c.width)).join(' + ')} + 4px)`,
    );
  });

  it('accepts only stored widths of known columns within bounds', () => {
    expect(isColumnWidths({})).toBe(true);
    expect(isColumnWidths({ call: 120, flags: MAX_COLUMN_PX })).toBe(true);
    expect(isColumnWidths({ nope: 120 })).toBe(false);
    expect(isColumnWidths({ call: MIN_COLUMN_PX - 1 })).toBe(false);
    expect(isColumnWidths({ call: Number.NaN })).toBe(false);
    expect(isColumnWidths({ call: '120' })).toBe(false);
    expect(isColumnWidths([120])).toBe(false);
    expect(isColumnWidths(null)).toBe(false);
  });

  it('sets, clamps and resets one width without touching the others', () => {
    const widths = withWidth({ call: 100 }, 'sent', 10);
    expect(widths).toEqual({ call: 100, sent: MIN_COLUMN_PX });
    expect(withWidth(widths, 'call', undefined)).toEqual({ sent: MIN_COLUMN_PX });
    expect(clampWidth(10_000)).toBe(MAX_COLUMN_PX);
    expect(clampWidth(99.6)).toBe(100);
  });

  it('resizes by 8 px per arrow key, 40 px with Shift, and ignores other keys', () => {
    expect(keyResize('ArrowRight', false, 100)).toBe(108);
    expect(keyResize('ArrowLeft', false, 100)).toBe(92);
    expect(keyResize('ArrowRight', true, 100)).toBe(140);
    expect(keyResize('ArrowLeft', true, MIN_COLUMN_PX)).toBe(MIN_COLUMN_PX);
    expect(keyResize('ArrowUp', false, 100)).toBeUndefined();
    expect(keyResize('Enter', false, 100)).toBeUndefined();
  });

  it('stacks below 700 px of timeline width, and not before the timeline was measured', () => {
    expect(isStacked(0)).toBe(false);
    expect(isStacked(480)).toBe(true);
    expect(isStacked(STACK_BELOW_PX - 1)).toBe(true);
    expect(isStacked(STACK_BELOW_PX)).toBe(false);
  });

  it('also stacks where the default columns would not fit at the grid font size', () => {
    const em = TIMELINE_COLUMNS.reduce((sum, c) => sum + Number.parseFloat(c.width), 0);
    const need = defaultGridPx(12);
    expect(need).toBeGreaterThan(em * 12);
    expect(need).toBeLessThan(em * 12 + 40);
    expect(isStacked(need - 1, 12)).toBe(true);
    expect(isStacked(need, 12)).toBe(false);
    // Unknown font size (no layout): only the 700 px rule.
    expect(defaultGridPx(Number.NaN)).toBe(0);
    expect(isStacked(STACK_BELOW_PX, 0)).toBe(false);
  });

  it('knows the two time modes only', () => {
    expect(isTimeMode('absolute')).toBe(true);
    expect(isTimeMode('relative')).toBe(true);
    expect(isTimeMode('ago')).toBe(false);
    expect(isTimeMode(undefined)).toBe(false);
  });
});
