// The timing half of the poll detail pane (imported by PollDetail.tsx): when the loop planned the call, when
// it was sent and answered, the interval the previous answer asked for against the wait, and the latency.
import type { TimelineRowModel } from './timelineRows.js';
import { formatDateTime, formatDuration } from './format.js';

export function PollDetailTiming({ row }: { row: TimelineRowModel }) {
  const { event } = row;
  return (
    <section className="poll-detail-part" aria-labelledby={`poll-timing-${event.seq}`}>
      <h4 id={`poll-timing-${event.seq}`}>Timing</h4>
      <dl className="poll-detail-facts">
        <dt>Scheduled</dt>
        <dd>
          {event.scheduledAt !== undefined ? (
            formatDateTime(event.scheduledAt)
          ) : (
            <span className="muted">not scheduled ({event.trigger})</span>
          )}
        </dd>
        <dt>Sent</dt>
        <dd>{formatDateTime(event.sentAt)}</dd>
        <dt>Answered</dt>
        <dd>{formatDateTime(event.answeredAt)}</dd>
        <dt>Asked to wait</dt>
        <dd>
          {row.askedSeconds !== undefined ? (
            `${row.askedSeconds} s (Next-Poll-Interval-In-Seconds of the previous answer)`
          ) : (
            <span className="muted">nothing asked</span>
          )}
        </dd>
        <dt>Waited</dt>
        <dd className={row.early ? 'early' : undefined}>
          {row.waitedMs !== undefined ? (
            <>
              {formatDuration(row.waitedMs)}
              {row.early && ' — sooner than asked'}
            </>
          ) : (
            <span className="muted">not applicable</span>
          )}
        </dd>
        <dt>Latency</dt>
        <dd>{formatDuration(event.latencyMs)}</dd>
      </dl>
    </section>
  );
}
