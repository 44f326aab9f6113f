// One poll in the timeline grid: a fixed-height row, positioned by the virtualised parent.
// Imported only by Timeline.tsx.
import { memo } from 'react';
import type { Receipt } from '../../../core/deploymentReceipts.js';
import { FlagChip, TokenChip } from './Chips.js';
import { formatBytes, formatClock, formatDuration } from './format.js';
import type { TimelineRowModel } from './timelineRows.js';

/** Flags beyond this many collapse into "+n": the row height is fixed, and the flag list has them all. */
const MAX_INLINE_FLAGS = 2;

interface TimelineRowProps {
  id: string;
  row: TimelineRowModel;
  rowIndex: number;
  selected: boolean;
  onSelect: (seq: number) => void;
  /** This poll received a deployment's version (or the old one back): marked in the outcome cell. */
  receipt?: Receipt;
}

function callLabel(row: TimelineRowModel): string {
  const { kind, trigger, restartReason } = row.event;
  if (kind === 'start') return restartReason ? 'restart' : 'start';
  return `${kind} · ${trigger}`;
}

function TimelineRowView({ id, row, rowIndex, selected, onSelect, receipt }: TimelineRowProps) {
  const { event } = row;
  const extraFlags = row.flags.length - MAX_INLINE_FLAGS;
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-seq={event.seq}
      className={`timeline-row outcome-${row.outcomeKind}${selected ? ' selected' : ''}${
        row.worstSeverity ? ` flagged-${row.worstSeverity}` : ''
      }`}
      onClick={() => onSelect(event.seq)}
    >
      <div role="gridcell" className="cell-seq">
        #{event.seq}
      </div>
      <div role="gridcell" className="cell-time">
        {formatClock(event.sentAt)}
      </div>
      <div
        role="gridcell"
        className="cell-call"
        {...(event.restartReason ? { title: `New session: ${event.restartReason}` } : {})}
      >
        {callLabel(row)}
      </div>
      <div role="gridcell" className="cell-tokens">
        <TokenChip fingerprint={event.tokenIn} label="Token in" />
        <span aria-hidden="true" className="token-arrow">
          →
        </span>
        <TokenChip fingerprint={event.tokenOut} label="Token out" />
      </div>
      <div role="gridcell" className={`cell-interval${row.early ? ' early' : ''}`}>
        {row.askedSeconds !== undefined ? `${row.askedSeconds} s` : '—'}
        {' / '}
        {row.waitedMs !== undefined ? formatDuration(row.waitedMs) : '—'}
      </div>
      <div
        role="gridcell"
        className="cell-outcome"
        title={[
          row.outcomeDetail ? `${row.outcomeLabel} — ${row.outcomeDetail}` : row.outcomeLabel,
          receipt?.label,
        ]
          .filter(Boolean)
          .join(' · ')}
      >
        {row.outcomeLabel}
        {receipt && (
          <span className={`receipt-chip receipt-${receipt.kind}`} data-receipt={receipt.kind}>
            {receipt.short}
          </span>
        )}
      </div>
      <div role="gridcell" className="cell-version">
        {row.versionLabel ?? ''}
      </div>
      <div role="gridcell" className="cell-type" title={row.contentType}>
        {row.contentType ?? ''}
      </div>
      <div role="gridcell" className="cell-size">
        {row.size !== undefined ? formatBytes(row.size) : ''}
      </div>
      <div role="gridcell" className="cell-latency">
        {formatDuration(event.latencyMs)}
        {event.attempts > 1 && (
          <span
            className="attempts"
            title={`The SDK sent this call ${event.attempts} times (retries reuse the token legitimately)`}
          >
            ×{event.attempts}
          </span>
        )}
      </div>
      <div role="gridcell" className="cell-flags">
        {row.flags.slice(0, MAX_INLINE_FLAGS).map((anomaly) => (
          <FlagChip key={anomaly.id} anomaly={anomaly} />
        ))}
        {extraFlags > 0 && <span className="flag-more">+{extraFlags}</span>}
      </div>
    </div>
  );
}

export const TimelineRow = memo(TimelineRowView);
