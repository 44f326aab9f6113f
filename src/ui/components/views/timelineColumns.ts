// The timeline grid's columns and its two layouts: default widths, the CSS grid template with the user's
// resized widths, the stored-widths validator, keyboard resizing, and when rows stack into cards.
// Imported by Timeline.tsx, TimelineHeader.tsx, useTimelineLayout.ts and their tests; pure, no React.

export interface ColumnSpec {
  id: string;
  /** The header text, also the inline label of the cell when rows stack. */
  label: string;
  /** Default width as a CSS length in em, so it follows the editor's font size in VS Code. */
  width: string;
  /** The full name when the label is abbreviated (tooltip and accessible name). */
  title?: string;
  /** Flexible columns share the space left over; a resized one gets a fixed width like the others. */
  grow?: number;
}

/**
 * Defaults sized so the columns fit a 1,280 px window beside the sessions column for typical content
 * (measured by e2e/timelineLayout.spec.ts), without a horizontal scroll.
 */
export const TIMELINE_COLUMNS: readonly ColumnSpec[] = [
  { id: 'seq', label: '#', width: '3.6em' },
  { id: 'sent', label: 'Sent', width: '7.9em' },
  { id: 'call', label: 'Call', width: '6em' },
  { id: 'tokens', label: 'Token in → out', width: '10.5em' },
  { id: 'interval', label: 'Asked / waited', width: '9.2em' },
  { id: 'outcome', label: 'Outcome', width: '8.2em', grow: 2 },
  { id: 'version', label: 'Version', width: '5em', grow: 1 },
  { id: 'type', label: 'Type', title: 'Content type', width: '3.3em' },
  { id: 'size', label: 'Size', width: '5em' },
  { id: 'latency', label: 'Latency', width: '5.2em' },
  { id: 'flags', label: 'Flags', width: '9.4em', grow: 1 },
];

/** A resized column never gets narrower than this (px), so its header stays grabbable. */
export const MIN_COLUMN_PX = 32;
export const MAX_COLUMN_PX = 800;
/** ←/→ on a column separator; with Shift, a bigger step. */
export const KEY_STEP_PX = 8;
export const KEY_STEP_LARGE_PX = 40;

/**
 * Below this timeline width (px) the rows always stack into cards: a 500 px VS Code panel must not scroll
 * sideways. Between it and the width the default columns need (`defaultGridPx`), they stack too, so the grid
 * shows only where it fits whole.
 */
export const STACK_BELOW_PX = 700;
/** The grid's border (2 px) and a classic scrollbar's gutter, which the rows cannot use. */
const GRID_CHROME_PX = 19;
/** Fixed heights keep the virtual window's arithmetic one multiplication; the CSS reads them from a variable. */
export const ROW_HEIGHT = 26;
export const STACKED_ROW_HEIGHT = 64;
/** `.timeline-row { padding: 0 2px }` in views.css, both sides. */
const ROW_PADDING_PX = 4;

/** Column id → width in px, as persisted; only resized columns appear. */
export type ColumnWidths = Readonly<Record<string, number>>;

const KNOWN_IDS = new Set(TIMELINE_COLUMNS.map((c) => c.id));

/** Accepts what an older build or a hand edit may have left in the store only when every entry is usable. */
export function isColumnWidths(value: unknown): value is ColumnWidths {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([id, px]) =>
      KNOWN_IDS.has(id) &&
      typeof px === 'number' &&
      Number.isFinite(px) &&
      px >= MIN_COLUMN_PX &&
      px <= MAX_COLUMN_PX,
  );
}

export function clampWidth(px: number): number {
  return Math.round(Math.min(MAX_COLUMN_PX, Math.max(MIN_COLUMN_PX, px)));
}

/** The grid-template-columns value: resized columns fixed in px, the others at their defaults. */
export function gridTemplate(widths: ColumnWidths): string {
  return TIMELINE_COLUMNS.map((c) => {
    const px = widths[c.id];
    if (px !== undefined) return `${px}px`;
    return c.grow ? `minmax(${c.width}, ${c.grow}fr)` : c.width;
  }).join(' ');
}

/** The row's narrowest width (CSS calc): every column at its fixed or minimum width, plus the row's padding.
 * Header and body both keep it, so a grid widened past its box scrolls as one. */
export function gridMinWidth(widths: ColumnWidths): string {
  const parts = TIMELINE_COLUMNS.map((c) => {
    const px = widths[c.id];
    return px !== undefined ? `${px}px` : c.width;
  });
  return `calc(${parts.join(' + ')} + ${ROW_PADDING_PX}px)`;
}

/** `widths` with one column set (clamped), or, for `undefined`, back to its default. */
export function withWidth(widths: ColumnWidths, id: string, px: number | undefined): ColumnWidths {
  const next: Record<string, number> = { ...widths };
  if (px === undefined) delete next[id];
  else next[id] = clampWidth(px);
  return next;
}

/** The width a key press on a separator asks for, or undefined when the key is not a resize key. */
export function keyResize(key: string, shift: boolean, current: number): number | undefined {
  const step = shift ? KEY_STEP_LARGE_PX : KEY_STEP_PX;
  if (key === 'ArrowRight') return clampWidth(current + step);
  if (key === 'ArrowLeft') return clampWidth(current - step);
  return undefined;
}

/** The timeline width the default columns need, for the grid's font size in px (their widths are in em). */
export function defaultGridPx(gridFontPx: number): number {
  if (!Number.isFinite(gridFontPx) || gridFontPx <= 0) return 0;
  const em = TIMELINE_COLUMNS.reduce((sum, c) => sum + Number.parseFloat(c.width), 0);
  return Math.ceil(em * gridFontPx) + ROW_PADDING_PX + GRID_CHROME_PX;
}

export function isStacked(timelineWidthPx: number, gridFontPx = 0): boolean {
  // 0 means not measured yet (first paint, or a DOM without layout): keep the grid.
  if (timelineWidthPx <= 0) return false;
  return timelineWidthPx < Math.max(STACK_BELOW_PX, defaultGridPx(gridFontPx));
}

export type TimeMode = 'absolute' | 'relative';

export function isTimeMode(value: unknown): value is TimeMode {
  return value === 'absolute' || value === 'relative';
}
