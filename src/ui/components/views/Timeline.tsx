// The poll timeline: token/schedule/deploy lanes above a hand-virtualised grid with one row per ledger event
// and one per deployment event between them. Rendered by the shell (SessionWorkspace.tsx) with a session
// snapshot, its anomalies and its deployments; imports core types and view helpers only. Only the visible
// rows plus overscan exist in the DOM, so 10,000 polls scroll smoothly.
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import { placeMarkers, type DeploymentMarker } from '../../../core/deploymentMarkers.js';
import type { Receipt } from '../../../core/deploymentReceipts.js';
import type { PollEvent } from '../../../core/ledger.js';
import type { SessionSummary } from '../../../protocol/messages.js';
import { DeploymentRow } from './DeploymentRow.js';
import { TimelineLanes } from './TimelineLanes.js';
import { TimelineRow } from './TimelineRow.js';
import { timelineItems } from './timelineItems.js';
import { createRowCache, groupAnomaliesBySeq, indexOfSeq } from './timelineRows.js';
import { isAtBottom, navigateIndex, scrollToReveal, visibleRange } from './virtualWindow.js';
import './views.css';

export interface TimelineProps {
  session: SessionSummary;
  events: PollEvent[];
  anomalies: Anomaly[];
  selectedSeq: number | undefined;
  onSelect: (seq: number) => void;
  /** Deployment events of the session's environment and profile, oldest first (core/deploymentMarkers.ts). */
  markers?: readonly DeploymentMarker[];
  /** Polls that received a deployment's version or got the old one back (core/deploymentReceipts.ts). */
  receipts?: readonly Receipt[];
}

const NO_MARKERS: readonly DeploymentMarker[] = [];
const NO_RECEIPTS: readonly Receipt[] = [];

/** Must match `.timeline-row { height }` in views.css. */
export const ROW_HEIGHT = 26;
const OVERSCAN = 8;
/** Used until the body has been measured (first paint, or a DOM without layout such as unit tests). */
const FALLBACK_VIEWPORT = 480;

const COLUMNS = [
  '#',
  'Sent',
  'Call',
  'Token in → out',
  'Asked / waited',
  'Outcome',
  'Version',
  'Content type',
  'Size',
  'Latency',
  'Flags',
];

/** Keyed by session so switching sessions starts again at the newest row with fresh scroll state. */
export function Timeline(props: TimelineProps) {
  return <TimelineView key={props.session.id} {...props} />;
}

function TimelineView({
  session,
  events,
  anomalies,
  selectedSeq,
  onSelect,
  markers = NO_MARKERS,
  receipts = NO_RECEIPTS,
}: TimelineProps) {
  const idPrefix = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);
  // Follow new polls only while the user is at the bottom; scrolling up to read history stops following.
  const followRef = useRef(true);

  const flagsBySeq = useMemo(() => groupAnomaliesBySeq(anomalies), [anomalies]);
  const placed = useMemo(() => placeMarkers(events, markers), [events, markers]);
  const items = useMemo(() => timelineItems(events.length, placed), [events.length, placed]);
  const receiptBySeq = useMemo(() => new Map(receipts.map((r) => [r.seq, r])), [receipts]);
  // Rows are polls plus deployment markers; keyboard selection still moves from poll to poll.
  const count = items.count;
  const height = viewportHeight || FALLBACK_VIEWPORT;
  const { start, end } = visibleRange({
    scrollTop,
    viewportHeight: height,
    rowHeight: ROW_HEIGHT,
    count,
    overscan: OVERSCAN,
  });
  const onScreen = visibleRange({
    scrollTop,
    viewportHeight: height,
    rowHeight: ROW_HEIGHT,
    count,
    overscan: 0,
  });

  // Row models are cached per index so rows that stay on screen while scrolling keep their identity and
  // the memoised TimelineRow skips them; a new ledger or new flags start a fresh cache.
  const rowCache = useMemo(() => createRowCache(events, flagsBySeq), [events, flagsBySeq]);
  const rows = useMemo(() => {
    const out = [];
    for (let i = start; i < end; i++) {
      const item = items.at(i);
      if (item?.kind === 'deployment') out.push({ row: i, marker: item.marker, key: item.key });
      else if (item) {
        const poll = rowCache.range(item.index, item.index + 1)[0];
        if (poll) out.push({ row: i, poll });
      }
    }
    return out;
  }, [rowCache, items, start, end]);
  const lanePolls = items.pollRange(onScreen.start, onScreen.end);

  // The shell re-renders every second (age-based flags) with a fresh onSelect; a stable wrapper keeps the
  // memoised rows from re-rendering for that alone.
  const onSelectRef = useRef(onSelect);
  useLayoutEffect(() => {
    onSelectRef.current = onSelect;
  });
  const select = useCallback((seq: number) => onSelectRef.current(seq), []);

  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return undefined;
    const measure = () => setViewportHeight(body.clientHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(body);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body || !followRef.current) return;
    body.scrollTop = count * ROW_HEIGHT;
    setScrollTop(body.scrollTop);
  }, [count]);

  const reveal = useCallback((index: number) => {
    const body = bodyRef.current;
    if (!body || index < 0) return;
    const target = scrollToReveal(
      index,
      ROW_HEIGHT,
      body.scrollTop,
      body.clientHeight || FALLBACK_VIEWPORT,
    );
    if (target === undefined) return;
    body.scrollTop = target;
    setScrollTop(body.scrollTop);
  }, []);

  // A selection made elsewhere (a flag in the flag list, a lane column) scrolls its row into view.
  const selectedIndex = indexOfSeq(events, selectedSeq);
  const selectedRow = items.rowOfPoll(selectedIndex);
  useEffect(() => reveal(selectedRow), [reveal, selectedRow]);

  const onScroll = () => {
    const body = bodyRef.current;
    if (!body) return;
    // The spacer's height is the content height; the element's own scrollHeight may include layout slack.
    followRef.current = isAtBottom(
      body.scrollTop,
      body.clientHeight || FALLBACK_VIEWPORT,
      count * ROW_HEIGHT,
      ROW_HEIGHT,
    );
    setScrollTop(body.scrollTop);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const next = navigateIndex(e.key, selectedIndex, events.length, pageRows);
    const event = next === undefined ? undefined : events[next];
    if (!event) return;
    e.preventDefault();
    select(event.seq);
  };

  const rowId = (seq: number) => `${idPrefix}-row-${seq}`;
  const activeRendered = selectedRow >= start && selectedRow < end;
  const title = `${session.applicationIdentifier} / ${session.environmentIdentifier} / ${session.configurationProfileIdentifier}`;

  return (
    <section className="timeline" aria-label="Poll timeline">
      <TimelineLanes
        events={events}
        flagsBySeq={flagsBySeq}
        visibleStart={lanePolls.start}
        visibleEnd={lanePolls.end}
        selectedSeq={selectedSeq}
        onSelect={select}
        placed={placed}
        receipts={receipts}
      />
      <div
        role="grid"
        aria-label={`Polls of ${title}`}
        aria-rowcount={count + 1}
        aria-activedescendant={
          activeRendered && selectedSeq !== undefined ? rowId(selectedSeq) : undefined
        }
        tabIndex={0}
        className="timeline-grid"
        onKeyDown={onKeyDown}
      >
        <div role="rowgroup" className="timeline-head">
          <div role="row" aria-rowindex={1} className="timeline-row timeline-header-row">
            {COLUMNS.map((name) => (
              <div role="columnheader" key={name}>
                {name}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="timeline-body" ref={bodyRef} onScroll={onScroll}>
          {events.length === 0 && <p className="timeline-empty">No polls yet.</p>}
          <div className="timeline-spacer" style={{ height: count * ROW_HEIGHT }}>
            <div
              className="timeline-window"
              style={{ transform: `translateY(${start * ROW_HEIGHT}px)` }}
            >
              {rows.map((r) =>
                r.poll ? (
                  <TimelineRow
                    key={r.poll.event.seq}
                    id={rowId(r.poll.event.seq)}
                    row={r.poll}
                    rowIndex={r.row + 2}
                    selected={r.poll.event.seq === selectedSeq}
                    onSelect={select}
                    receipt={receiptBySeq.get(r.poll.event.seq)}
                  />
                ) : (
                  <DeploymentRow
                    key={r.key}
                    marker={r.marker}
                    rowIndex={r.row + 2}
                    columns={COLUMNS.length}
                  />
                ),
              )}
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}
