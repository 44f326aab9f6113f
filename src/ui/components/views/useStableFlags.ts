// The timeline's flags grouped by poll, kept identical while their content is: the shell recomputes the
// anomalies every second (age-based flags), and a new array each time made the timeline re-run its filter
// over the whole ledger, drop its row cache and redraw every row and lane mark once a second (a long frame
// in the middle of a scroll with 10,000 polls). Imported only by Timeline.tsx.
import { useState } from 'react';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import { groupAnomaliesBySeq } from './timelineRows.js';

/** Same flags, same order, same words: what a row, a chip, a lane mark or a filter count can show. */
export function sameAnomalies(a: readonly Anomaly[], b: readonly Anomaly[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.id !== y.id ||
      x.severity !== y.severity ||
      x.title !== y.title ||
      x.explanation !== y.explanation ||
      x.fix !== y.fix
    )
      return false;
  }
  return true;
}

export function useStableFlags(anomalies: readonly Anomaly[]): ReadonlyMap<number, Anomaly[]> {
  const [kept, setKept] = useState(() => ({
    seen: anomalies,
    bySeq: groupAnomaliesBySeq(anomalies),
  }));
  if (kept.seen === anomalies) return kept.bySeq;
  // Adjusted while rendering (React's pattern for state that follows a prop): one compare per new array.
  const next = sameAnomalies(kept.seen, anomalies)
    ? { seen: anomalies, bySeq: kept.bySeq }
    : { seen: anomalies, bySeq: groupAnomaliesBySeq(anomalies) };
  setKept(next);
  return next.bySeq;
}
