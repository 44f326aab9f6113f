// The timeline grid's rows when deployment markers sit between the polls: maps a row index to a poll or a
// marker and back, by binary search over the few markers, so 10,000 polls need no per-row array.
// Imported by Timeline.tsx and its tests; pure, no React.
import type { DeploymentMarker, PlacedMarker } from '../../../core/deploymentMarkers.js';

export type TimelineItem =
  { kind: 'poll'; index: number } | { kind: 'deployment'; marker: DeploymentMarker; key: string };

export interface TimelineItems {
  /** Polls plus markers. */
  count: number;
  at(row: number): TimelineItem | undefined;
  /** The row of events[pollIndex]; -1 stays -1. */
  rowOfPoll(pollIndex: number): number;
  /** The polls shown by rows [start, end), as event indices [start, end). */
  pollRange(start: number, end: number): { start: number; end: number };
}

/** Markers with the same place keep their order; `placed` must be in order of beforeIndex (placeMarkers). */
export function timelineItems(pollCount: number, placed: readonly PlacedMarker[]): TimelineItems {
  // Marker j sits at row beforeIndex + j: every earlier marker pushes it one row down.
  const rows = placed.map((p, j) => p.beforeIndex + j);
  /** How many markers sit at rows < row. */
  const markersBefore = (row: number) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]! < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    count: pollCount + placed.length,
    at(row) {
      if (row < 0 || row >= pollCount + placed.length) return undefined;
      const j = markersBefore(row);
      const here = placed[j];
      if (here && rows[j] === row)
        return {
          kind: 'deployment',
          marker: here.marker,
          key: `d${here.marker.deploymentNumber}-${j}`,
        };
      return { kind: 'poll', index: row - j };
    },
    rowOfPoll(pollIndex) {
      if (pollIndex < 0) return -1;
      // Markers placed before this poll (beforeIndex <= pollIndex) all come above it.
      let lo = 0;
      let hi = placed.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (placed[mid]!.beforeIndex <= pollIndex) lo = mid + 1;
        else hi = mid;
      }
      return pollIndex + lo;
    },
    pollRange(start, end) {
      return { start: start - markersBefore(start), end: end - markersBefore(end) };
    },
  };
}
