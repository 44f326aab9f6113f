// The poll timeline: token/schedule lanes above a hand-virtualised grid with one row per ledger event.
// Rendered by the shell (App.tsx) with a session snapshot and its anomalies; imports core types and view
// helpers only. Only the visible rows plus overscan exist in the DOM, so 10,000 polls scroll smoothly.
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import type { PollEvent } from '../../../core/ledger.js';
import type { SessionSummary } from '../../../protocol/messages.js';
import { TimelineLanes } from './TimelineLanes.js';
import { TimelineRow } from './TimelineRow.js';
import { createRowCache, groupAnomaliesBySeq, indexOfSeq } from './timelineRows.js';
import { isAtBottom, navigateIndex, scrollToReveal, visibleRange } from './virtualWindow.js';
import './views.css';

export interface TimelineProps {
  session: SessionSummary;
  events: PollEvent[];
  anomalies: Anomaly[];
  selectedSeq: number | undefined;
  onSelect: (seq: number) => void;
}

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

function TimelineView({ session, events, anomalies, selectedSeq, onSelect }: TimelineProps) {
  const idPrefix = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);
  // Follow new polls only while the user is at the bottom; scrolling up to read history stops following.
  const followRef = useRef(true);

  const flagsBySeq = useMemo(() => groupAnomaliesBySeq(anomalies), [anomalies]);
  const count = events.length;
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
  const rows = useMemo(() => rowCache.range(start, end), [rowCache, start, end]);

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
  useEffect(() => reveal(selectedIndex), [reveal, selectedIndex]);

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
    const next = navigateIndex(e.key, selectedIndex, count, pageRows);
    const event = next === undefined ? undefined : events[next];
    if (!event) return;
    e.preventDefault();
    select(event.seq);
  };

  const rowId = (seq: number) => `${idPrefix}-row-${seq}`;
  const activeRendered = selectedIndex >= start && selectedIndex < end;
  const title = `${session.applicationIdentifier} / ${session.environmentIdentifier} / ${session.configurationProfileIdentifier}`;

  return (
    <section className="timeline" aria-label="Poll timeline">
      <TimelineLanes
        events={events}
        flagsBySeq={flagsBySeq}
        visibleStart={onScreen.start}
        visibleEnd={onScreen.end}
        selectedSeq={selectedSeq}
        onSelect={select}
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
          {count === 0 && <p className="timeline-empty">No polls yet.</p>}
          <div className="timeline-spacer" style={{ height: count * ROW_HEIGHT }}>
            <div
              className="timeline-window"
              style={{ transform: `translateY(${start * ROW_HEIGHT}px)` }}
            >
              {rows.map((row, i) => (
                <TimelineRow
                  key={row.event.seq}
                  id={rowId(row.event.seq)}
                  row={row}
                  rowIndex={start + i + 2}
                  selected={row.event.seq === selectedSeq}
                  onSelect={select}
                />
              ))}
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}
