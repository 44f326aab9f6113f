// Arithmetic for the hand-virtualised timeline: which rows to render for a scroll position, whether the
// user sits at the bottom (so new polls auto-scroll), and where to scroll to reveal a row.
// Imported by Timeline.tsx and its tests; pure.

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Extra rows rendered above and below the viewport so fast scrolling shows no blank band. */
  overscan: number;
}

/** Rows [start, end) to render; end is exclusive. */
export function visibleRange({
  scrollTop,
  viewportHeight,
  rowHeight,
  count,
  overscan,
}: WindowInput): {
  start: number;
  end: number;
} {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end };
}

/** At the bottom, within one row of slack (fractional pixels and zoom make exact equality unreliable). */
export function isAtBottom(
  scrollTop: number,
  viewportHeight: number,
  scrollHeight: number,
  slack: number,
): boolean {
  return scrollHeight - (scrollTop + viewportHeight) <= slack;
}

/** The scrollTop that brings row `index` fully into view, or undefined when it already is. */
export function scrollToReveal(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
): number | undefined {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return undefined;
}

/** Index reached by a navigation key from `current` (-1 = nothing selected yet), or undefined to ignore the key. */
export function navigateIndex(
  key: string,
  current: number,
  count: number,
  pageRows: number,
): number | undefined {
  if (count === 0) return undefined;
  const clamp = (i: number) => Math.max(0, Math.min(count - 1, i));
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : clamp(current + 1);
    case 'ArrowUp':
      return current < 0 ? count - 1 : clamp(current - 1);
    case 'PageDown':
      return clamp(Math.max(current, 0) + pageRows);
    case 'PageUp':
      return clamp((current < 0 ? count - 1 : current) - pageRows);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
