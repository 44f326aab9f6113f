// The timeline's layout state: its own measured width (grid or stacked cards), the column widths (persisted,
// plus a live width while a separator is dragged), and the absolute/relative time preference.
// Imported only by Timeline.tsx, which hands the pieces to TimelineHeader, TimeModeToggle and the rows.
import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import type { CSSProperties, RefObject } from 'react';
import { usePreference } from '../../usePreference.js';
import {
  gridMinWidth,
  gridTemplate,
  isColumnWidths,
  isStacked,
  isTimeMode,
  ROW_HEIGHT,
  STACKED_ROW_HEIGHT,
  withWidth,
  type ColumnWidths,
  type TimeMode,
} from './timelineColumns.js';

const NO_WIDTHS: ColumnWidths = {};

export interface TimelineLayout {
  stacked: boolean;
  rowHeight: number;
  /** CSS variables for the timeline section: the column template and the row height. */
  style: CSSProperties;
  widths: ColumnWidths;
  /** Live while dragging (`commit` false), stored when the drag ends or a key resizes (`commit` true). */
  resize: (id: string, px: number, commit: boolean) => void;
  /** Back to the default width (double-click on a separator). */
  reset: (id: string) => void;
  timeMode: TimeMode;
  setTimeMode: (mode: TimeMode) => void;
}

export function useTimelineLayout(ref: RefObject<HTMLElement | null>): TimelineLayout {
  // The timeline's own width, not the window's: a VS Code panel can be narrow inside a wide window.
  const [width, setWidth] = useState(0);
  // The grid's font size turns the columns' em widths into the px they need (it follows VS Code's setting).
  const [gridFontPx, setGridFontPx] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => {
      setWidth(element.getBoundingClientRect().width);
      const grid = element.querySelector('.timeline-grid') ?? element;
      setGridFontPx(Number.parseFloat(getComputedStyle(grid).fontSize) || 0);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);

  const [stored, store] = usePreference('timeline.columnWidths', NO_WIDTHS, isColumnWidths);
  // A drag changes the width on every pointer move; only its end goes through the persisted UI state.
  const [live, setLive] = useState<ColumnWidths | undefined>(undefined);
  const widths = live ?? stored;
  const resize = useCallback(
    (id: string, px: number, commit: boolean) => {
      const next = withWidth(stored, id, px);
      if (commit) {
        store(next);
        setLive(undefined);
      } else setLive(next);
    },
    [stored, store],
  );
  const reset = useCallback(
    (id: string) => {
      store(withWidth(stored, id, undefined));
      setLive(undefined);
    },
    [stored, store],
  );

  const [timeMode, setTimeMode] = usePreference<TimeMode>(
    'timeline.timeMode',
    'absolute',
    isTimeMode,
  );

  const stacked = isStacked(width, gridFontPx);
  const rowHeight = stacked ? STACKED_ROW_HEIGHT : ROW_HEIGHT;
  const template = gridTemplate(widths);
  const minWidth = gridMinWidth(widths);
  const style = useMemo(
    () =>
      ({
        '--columns': template,
        '--grid-min-width': minWidth,
        '--row-height': `${rowHeight}px`,
      }) as CSSProperties,
    [template, minWidth, rowHeight],
  );
  return { stacked, rowHeight, style, widths, resize, reset, timeMode, setTimeMode };
}
