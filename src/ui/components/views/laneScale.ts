// The time view of the timeline lanes: which window of time they show (following the grid, or zoomed and
// panned by the user), the pixel scale, the polls inside the window (binary search on sentAt), marks closer
// than a pixel coalesced into one, and the axis ticks. Pure; imported by TimelineLanes.tsx, its parts
// (LaneAxis, LaneMarks, DeploymentLaneMarks) and tests.
import type { PollEvent } from '../../../core/ledger.js';
import { timeTicks } from '../fleet/timeAxis.js';

/** A window of wall-clock time, [from, to] in epoch milliseconds. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** The narrowest window: 100 ms still separates a poll's send from its answer on a wide lane. */
export const MIN_SPAN = 100;
/** A single poll, or a few within a second, get this much time around them. */
const LONE_SPAN = 1_000;

/** The same centre with another span. */
function withSpan(w: TimeWindow, span: number): TimeWindow {
  const centre = (w.from + w.to) / 2;
  return { from: centre - span / 2, to: centre + span / 2 };
}

/** From the first poll's send to the last one's answer, [start, end) of events, padded 4% on both sides. */
export function windowOfPolls(
  events: readonly PollEvent[],
  start: number,
  end: number,
): TimeWindow | undefined {
  const first = events[Math.max(0, start)];
  const last = events[Math.min(events.length, end) - 1];
  if (!first || !last) return undefined;
  const from = Math.min(first.sentAt, last.sentAt);
  const to = Math.max(first.answeredAt, last.answeredAt);
  if (to - from < LONE_SPAN) return withSpan({ from, to }, LONE_SPAN);
  const pad = (to - from) * 0.04;
  return { from: from - pad, to: to + pad };
}

/** The whole ledger's time, as the widest window worth zooming out to (and the limit for panning). */
export function ledgerExtent(events: readonly PollEvent[]): TimeWindow | undefined {
  return windowOfPolls(events, 0, events.length);
}

/**
 * Zooms by `factor` (< 1 in, > 1 out) keeping the instant `anchor` where it is on screen, so the time under
 * the pointer stays under it. The span stays within [MIN_SPAN, twice the ledger's extent].
 */
export function zoomWindow(
  w: TimeWindow,
  anchor: number,
  factor: number,
  extent: TimeWindow | undefined,
): TimeWindow {
  const span = w.to - w.from;
  const maxSpan = Math.max(MIN_SPAN, extent ? 2 * (extent.to - extent.from) : span);
  const next = Math.min(maxSpan, Math.max(MIN_SPAN, span * factor));
  const ratio = next / span;
  const zoomed = { from: anchor - (anchor - w.from) * ratio, to: anchor + (w.to - anchor) * ratio };
  return clampToExtent(zoomed, extent);
}

/** Moves the window by `deltaMs` (positive: later), never so far that the ledger leaves the screen. */
export function panWindow(
  w: TimeWindow,
  deltaMs: number,
  extent: TimeWindow | undefined,
): TimeWindow {
  return clampToExtent({ from: w.from + deltaMs, to: w.to + deltaMs }, extent);
}

/** Keeps at least half the window over the ledger's time. */
function clampToExtent(w: TimeWindow, extent: TimeWindow | undefined): TimeWindow {
  if (!extent) return w;
  const half = (w.to - w.from) / 2;
  const shift =
    w.to < extent.from + half
      ? extent.from + half - w.to
      : w.from > extent.to - half
        ? extent.to - half - w.from
        : 0;
  return { from: w.from + shift, to: w.to + shift };
}

/** Moves the window just enough to show `at`, keeping its span (the selection made in the grid). */
export function revealInWindow(w: TimeWindow, at: number): TimeWindow {
  if (at >= w.from && at <= w.to) return w;
  const span = w.to - w.from;
  return { from: at - span / 2, to: at + span / 2 };
}

/** Maps time to x and back over a plot that starts at `left` and is `width` pixels wide. */
export interface Scale {
  x: (at: number) => number;
  at: (x: number) => number;
  msPerPx: number;
}

export function timeScale(w: TimeWindow, left: number, width: number): Scale {
  const plot = Math.max(1, width);
  const msPerPx = (w.to - w.from) / plot;
  return {
    x: (at) => left + (at - w.from) / msPerPx,
    at: (x) => w.from + (x - left) * msPerPx,
    msPerPx,
  };
}

/** First index whose sentAt is ≥ at (events are in send order: one session's calls are serial). */
export function lowerBound(events: readonly PollEvent[], at: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.sentAt < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The events drawn for a window, [start, end): those sent inside it plus one on each side, so the token link
 * and the wait that cross the window's edges are drawn too.
 */
export function indicesInWindow(
  events: readonly PollEvent[],
  w: TimeWindow,
): { start: number; end: number } {
  const start = Math.max(0, lowerBound(events, w.from) - 1);
  const end = Math.min(events.length, lowerBound(events, w.to) + 1);
  return { start, end: Math.max(start, end) };
}

/** One drawn mark: the events first..last share a pixel, and `index` is the one shown for them. */
export interface MarkGroup {
  index: number;
  first: number;
  last: number;
}

/**
 * Groups consecutive events whose marks fall less than `minPx` from the group's first one, so 10,000 polls
 * zoomed out draw at most one mark per pixel. `weight` picks the event that represents a group (a flagged or
 * failed poll must not vanish behind the unchanged ones around it); ties go to the newest.
 */
export function coalesce(
  start: number,
  end: number,
  x: (index: number) => number,
  weight: (index: number) => number,
  minPx = 1,
): MarkGroup[] {
  const groups: MarkGroup[] = [];
  let current: MarkGroup | undefined;
  let currentX = -Infinity;
  let currentWeight = -Infinity;
  for (let i = start; i < end; i++) {
    const xi = x(i);
    if (current && xi - currentX < minPx) {
      current.last = i;
      const w = weight(i);
      if (w >= currentWeight) {
        current.index = i;
        currentWeight = w;
      }
      continue;
    }
    current = { index: i, first: i, last: i };
    currentX = xi;
    currentWeight = weight(i);
    groups.push(current);
  }
  return groups;
}

export interface AxisTicks {
  /** Milliseconds between ticks; 0 when fewer than two fit. */
  step: number;
  ticks: { at: number; label: string }[];
}

const SUB_SECOND_STEPS = [10, 20, 50, 100, 200, 500];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Round times across the window, at most `maxTicks`: the fleet chart's steps (1 s … 24 h, timeAxis.ts) when
 * a second or more fits between ticks, else 10–500 ms steps labelled to the millisecond (a zoomed-in lane).
 */
export function axisTicks(w: TimeWindow, maxTicks: number): AxisTicks {
  const span = w.to - w.from;
  if (!(span > 0) || maxTicks < 1) return { step: 0, ticks: [] };
  const fine = SUB_SECOND_STEPS.find((s) => span / s <= maxTicks);
  if (fine === undefined) {
    const ticks = timeTicks(w.from, w.to, maxTicks);
    const step = ticks.length > 1 ? ticks[1]!.at - ticks[0]!.at : 0;
    return { step, ticks };
  }
  const ticks: { at: number; label: string }[] = [];
  for (let at = Math.ceil(w.from / fine) * fine; at <= w.to; at += fine) {
    const d = new Date(at);
    ticks.push({
      at,
      label: `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`,
    });
  }
  return { step: fine, ticks };
}
