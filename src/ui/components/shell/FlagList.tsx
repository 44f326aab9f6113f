// The Flags panel of the open session: its flags grouped by title with counts and worst severity, each
// expandable to its explanation and fix. Rendered by SessionWorkspace.tsx.
import { useState } from 'react';
import { SEVERITY_RANK, type Anomaly, type Severity } from '../../../core/anomalyTypes.js';
import { SeverityBadge } from './SeverityBadge.js';

export interface FlagGroup {
  title: string;
  count: number;
  severity: Severity;
}

/** One entry per flag title with its count and worst severity, most serious first, then most frequent. */
export function groupFlags(anomalies: readonly Anomaly[]): FlagGroup[] {
  const groups = new Map<string, FlagGroup>();
  for (const a of anomalies) {
    const group = groups.get(a.title);
    if (!group) groups.set(a.title, { title: a.title, count: 1, severity: a.severity });
    else {
      group.count++;
      if (SEVERITY_RANK[a.severity] > SEVERITY_RANK[group.severity]) group.severity = a.severity;
    }
  }
  return [...groups.values()].sort(
    (x, y) =>
      SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity] ||
      y.count - x.count ||
      x.title.localeCompare(y.title),
  );
}

/** Enough to read at a glance; a long soak can raise thousands of flags, so the rest waits behind a button. */
const SHOWN_AT_FIRST = 50;

interface Props {
  anomalies: readonly Anomaly[];
  onSelect: (seq: number) => void;
}

/** Flags of the open session: counts per title, then each flag expandable to its explanation and fix. */
export function FlagList({ anomalies, onSelect }: Props) {
  const [showAll, setShowAll] = useState(false);
  if (anomalies.length === 0) {
    return (
      <section className="flag-list" aria-label="Flags">
        <p className="muted">No flags: every token was used once, on time.</p>
      </section>
    );
  }
  const shown = showAll ? anomalies : anomalies.slice(0, SHOWN_AT_FIRST);
  return (
    <section className="flag-list" aria-label="Flags">
      <ul className="flag-summary" aria-label="Flag counts">
        {groupFlags(anomalies).map((g) => (
          <li key={g.title}>
            <SeverityBadge severity={g.severity}>
              {g.title} ×{g.count}
            </SeverityBadge>
          </li>
        ))}
      </ul>
      <ul className="flag-details">
        {shown.map((a) => (
          <li key={a.id}>
            <details>
              {/* Opening a flag also selects its poll, so the timeline shows the context. */}
              <summary onClick={() => onSelect(a.seq)}>
                <SeverityBadge severity={a.severity} /> <strong>{a.title}</strong>{' '}
                <span className="muted">poll #{a.seq}</span>
              </summary>
              <p>{a.explanation}</p>
              <p>
                <strong>Fix:</strong> {a.fix}
              </p>
            </details>
          </li>
        ))}
      </ul>
      {!showAll && anomalies.length > SHOWN_AT_FIRST && (
        <button type="button" className="link" onClick={() => setShowAll(true)}>
          Show all {anomalies.length} flags
        </button>
      )}
    </section>
  );
}
