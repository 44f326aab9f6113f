// One poll in the timeline grid: a fixed-height row, positioned by the virtualised parent. The same cells
// become a three-line card when the timeline is narrow (CSS, `.timeline.stacked`; `data-label` gives the
// inline labels). Imported only by Timeline.tsx.
import { memo } from 'react';
import type { Receipt } from '../../../core/deploymentReceipts.js';
import { FlagChip, TokenChip } from './Chips.js';
import {
  formatBytes,
  formatClock,
  formatDateTime,
  formatDuration,
  formatRelative,
  shortContentType,
} from './format.js';
import type { TimelineRowModel } from './timelineRows.js';

/** One chip shows (the most severe); the others collapse into "+n" named in its tooltip: the row height is
 * fixed, the column compact, and the flag list has them all. */
const MAX_INLINE_FLAGS = 1;

interface TimelineRowProps {
  id: string;
  row: TimelineRowModel;
  rowIndex: number;
  selected: boolean;
  onSelect: (seq: number) => void;
  /** This poll received a deployment's version (or the old one back): marked in the outcome cell. */
  receipt?: Receipt;
  /** Set for "Relative times": the session's start (epoch ms), which Sent is shown relative to. */
  timeOrigin?: number;
}

/** What started a poll, in a word or two; the scheduled poll is the ordinary one and just says "poll". */
const TRIGGER_LABEL: Record<string, string> = {
  schedule: 'poll',
  pollNow: 'poll now',
  replay: 'replay',
  early: 'early poll',
  observed: 'observed',
};

function callLabel(row: TimelineRowModel): string {
  const { kind, trigger, restartReason } = row.event;
  if (kind === 'start') return restartReason ? 'restart' : 'start';
  return TRIGGER_LABEL[trigger] ?? `${kind} · ${trigger}`;
}

function callTitle(row: TimelineRowModel): string {
  const { kind, trigger, restartReason } = row.event;
  if (restartReason) return `New session: ${restartReason}`;
  return kind === 'start'
    ? 'StartConfigurationSession'
    : `GetLatestConfiguration (trigger: ${trigger})`;
}

function TimelineRowView({
  id,
  row,
  rowIndex,
  selected,
  onSelect,
  receipt,
  timeOrigin,
}: TimelineRowProps) {
  const { event } = row;
  const extraFlags = row.flags.slice(MAX_INLINE_FLAGS);
  const absolute = formatClock(event.sentAt);
  const relative = timeOrigin === undefined ? undefined : formatRelative(event.sentAt - timeOrigin);
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
      <div
        role="gridcell"
        className="cell-time"
        data-label="Sent"
        title={
          relative === undefined
            ? formatDateTime(event.sentAt)
            : `${relative} after the session started (${formatDateTime(event.sentAt)})`
        }
      >
        {relative ?? absolute}
      </div>
      <div role="gridcell" className="cell-call" data-label="Call" title={callTitle(row)}>
        {callLabel(row)}
      </div>
      <div role="gridcell" className="cell-tokens" data-label="Token">
        <TokenChip fingerprint={event.tokenIn} label="Token in" />
        <span aria-hidden="true" className="token-arrow">
          →
        </span>
        <TokenChip fingerprint={event.tokenOut} label="Token out" />
      </div>
      <div
        role="gridcell"
        className={`cell-interval${row.early ? ' early' : ''}`}
        data-label="Asked / waited"
        title="Interval the previous answer asked for / time the client really waited"
      >
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
        {receipt ? (
          <>
            {/* The chip says it all on screen (the version is the next column); readers still hear the outcome. */}
            <span className="visually-hidden">{row.outcomeLabel}: </span>
            <span
              className={`receipt-chip receipt-${receipt.kind}`}
              data-receipt={receipt.kind}
              title={receipt.label}
            >
              {receipt.short}
            </span>
          </>
        ) : (
          row.outcomeLabel
        )}
      </div>
      <div role="gridcell" className="cell-version">
        {row.versionLabel ?? ''}
      </div>
      <div
        role="gridcell"
        className="cell-type"
        data-label="Type"
        {...(row.contentType ? { title: row.contentType } : {})}
      >
        {row.contentType ? shortContentType(row.contentType) : ''}
      </div>
      <div role="gridcell" className="cell-size" data-label="Size">
        {row.size !== undefined ? formatBytes(row.size) : ''}
      </div>
      <div role="gridcell" className="cell-latency" data-label="Latency">
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
        {extraFlags.length > 0 && (
          <span className="flag-more" title={extraFlags.map((a) => a.title).join('\n')}>
            +{extraFlags.length}
            <span className="visually-hidden">
              {` more: ${extraFlags.map((a) => a.title).join(', ')}`}
            </span>
          </span>
        )}
      </div>
    </div>
  );
}

export const TimelineRow = memo(TimelineRowView);
