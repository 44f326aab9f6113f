// The flags of the poll open in the detail pane (imported by PollDetail.tsx): each with its explanation and
// the fix in client code, as the flag list says them, but only this poll's.
import type { Anomaly } from '../../../core/anomalyTypes.js';
import { SeverityBadge } from '../shell/SeverityBadge.js';

export function PollDetailFlags({ seq, flags }: { seq: number; flags: readonly Anomaly[] }) {
  return (
    <section className="poll-detail-part" aria-labelledby={`poll-flags-${seq}`}>
      <h4 id={`poll-flags-${seq}`}>Flags</h4>
      {flags.length === 0 ? (
        <p className="muted">No flags on this poll.</p>
      ) : (
        <ul className="poll-detail-flags">
          {flags.map((a) => (
            <li key={a.id}>
              <p>
                <SeverityBadge severity={a.severity} /> <strong>{a.title}</strong>
              </p>
              <p>{a.explanation}</p>
              <p>
                <strong>Fix:</strong> {a.fix}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
