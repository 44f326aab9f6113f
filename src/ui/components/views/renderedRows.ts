// Which grid rows the timeline renders for a scroll position: the rows on screen, 8 more in the direction the
// user scrolls (so the next frames have them) and 2 behind (a fling replaces every row each frame, and rows
// it leaves behind are waste). Pure; imported by Timeline.tsx and its tests; the arithmetic is virtualWindow.ts.
import { visibleRange, type WindowInput } from './virtualWindow.js';

export const OVERSCAN_AHEAD = 8;
export const OVERSCAN_BEHIND = 2;

export function renderedRows(
  input: Omit<WindowInput, 'overscan'>,
  scrollingUp: boolean,
): { start: number; end: number } {
  const ahead = visibleRange({ ...input, overscan: OVERSCAN_AHEAD });
  const behind = visibleRange({ ...input, overscan: OVERSCAN_BEHIND });
  return scrollingUp
    ? { start: ahead.start, end: behind.end }
    : { start: behind.start, end: ahead.end };
}
