// The "Poll detail" pane: everything about the poll selected in the timeline — request, response (status,
// every header, body), size, timing, its flags with their fixes — and "Copy as" to reproduce the call.
// Opened by Enter (or a double-click) on the timeline grid or a lane mark; rendered by SessionWorkspace.tsx
// beside or below the timeline (PollDetailSplit.tsx). It follows the selection while open; Esc (handled by
// the shell) closes it.
import { useEffect, useMemo, useRef } from 'react';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import type { CopyAsInput } from '../../../core/copyAs.js';
import type { PollEvent } from '../../../core/ledger.js';
import type { RawResponse, SessionSummary } from '../../../protocol/messages.js';
import { describeError, useRawResponse } from '../../queries.js';
import { CopyAsButtons } from './CopyAsButtons.js';
import { formatBytes, formatStatusLine } from './format.js';
import { PollDetailFlags } from './PollDetailFlags.js';
import { PollDetailRequest } from './PollDetailRequest.js';
import { PollDetailTiming } from './PollDetailTiming.js';
import { RawHeaders, RawPayload } from './RawView.js';
import { buildRow, groupAnomaliesBySeq, indexOfSeq } from './timelineRows.js';
import './pollDetail.css';

export interface PollDetailProps {
  session: SessionSummary;
  events: readonly PollEvent[];
  seq: number;
  anomalies: readonly Anomaly[];
  onClose: () => void;
}

/** What core/copyAs.ts needs to rebuild this call against the session's own endpoint. */
function copyInput(session: SessionSummary, event: PollEvent, raw: RawResponse): CopyAsInput {
  const where = {
    backend: session.backend,
    ...(session.region ? { region: session.region } : {}),
    ...(session.profile ? { profile: session.profile } : {}),
  };
  if (event.kind === 'start')
    return {
      call: 'StartConfigurationSession',
      ...where,
      identifiers: {
        application: session.applicationIdentifier,
        environment: session.environmentIdentifier,
        profile: session.configurationProfileIdentifier,
        ...(session.requiredMinimumPollIntervalInSeconds !== undefined
          ? { requiredMinimumPollIntervalInSeconds: session.requiredMinimumPollIntervalInSeconds }
          : {}),
      },
    };
  return {
    call: 'GetLatestConfiguration',
    ...where,
    ...(raw.request.tokenIn ? { token: raw.request.tokenIn } : {}),
    outfile: `poll-${event.seq}.out`,
  };
}

export function PollDetail({ session, events, seq, anomalies, onClose }: PollDetailProps) {
  const ref = useRef<HTMLElement>(null);
  const raw = useRawResponse(session.id, seq);
  const index = indexOfSeq(events, seq);
  // Only this poll's flags: the grouping then stays small however long the session is.
  const flagsBySeq = useMemo(
    () => groupAnomaliesBySeq(anomalies.filter((a) => a.seq === seq)),
    [anomalies, seq],
  );
  const row = useMemo(() => buildRow(events, index, flagsBySeq), [events, index, flagsBySeq]);
  const event = row?.event;
  const input = useMemo(
    () => (event && raw.data ? copyInput(session, event, raw.data) : undefined),
    [session, event, raw.data],
  );
  // Opening moves focus here, so a screen reader lands on the pane; Esc gives it back to the grid. Below the
  // timeline the pane starts under the fold: scroll its top into view (beside it, it is already on screen).
  useEffect(() => {
    const pane = ref.current;
    if (!pane) return;
    pane.focus({ preventScroll: true });
    // 'nearest' puts a pane taller than the view with its top at the top, and a shorter one wholly in view.
    pane.scrollIntoView?.({ block: 'nearest' });
  }, []);

  return (
    <section ref={ref} className="poll-detail" aria-label="Poll detail" tabIndex={-1}>
      <header className="poll-detail-heading">
        <h3>
          Poll #{seq}
          {event && (
            <span className="muted">
              {' '}
              · {event.kind === 'start' ? 'StartConfigurationSession' : 'GetLatestConfiguration'}
            </span>
          )}
        </h3>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close poll detail"
          aria-keyshortcuts="Escape"
        >
          Close
        </button>
      </header>
      {!row || !event ? (
        <p className="muted">Poll #{seq} is not among the polls held in memory.</p>
      ) : raw.isPending ? (
        <p role="status" className="view-loading">
          Loading poll #{seq}…
        </p>
      ) : raw.isError ? (
        <p role="alert" className="view-error">
          Could not load poll #{seq}: {describeError(raw.error)}
        </p>
      ) : (
        <>
          {input && <CopyAsButtons input={input} />}
          <div className="poll-detail-columns">
            <div>
              <PollDetailRequest event={event} request={raw.data.request} />
              <PollDetailTiming row={row} />
              <PollDetailFlags seq={seq} flags={row.flags} />
            </div>
            <section className="poll-detail-part" aria-labelledby={`poll-response-${seq}`}>
              <h4 id={`poll-response-${seq}`}>Response</h4>
              <p className="raw-status">
                {formatStatusLine(raw.data.httpStatus)}
                <span className="muted">
                  {' · '}
                  {raw.data.body ? formatBytes(raw.data.body.size) : 'no body'}
                  {' · '}
                  {Object.keys(raw.data.headers).length} headers
                </span>
              </p>
              <RawHeaders response={raw.data} />
              <RawPayload response={raw.data} monaco />
            </section>
          </div>
        </>
      )}
    </section>
  );
}
