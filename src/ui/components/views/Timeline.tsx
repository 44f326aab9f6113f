// The poll timeline: token/schedule/deploy lanes above a hand-virtualised grid with one row per ledger event
// and one per deployment event between them. Rendered by the shell (SessionWorkspace.tsx) with a session
// snapshot, its anomalies and its deployments; imports core types and view helpers only. Only the visible
// rows plus overscan exist in the DOM, so 10,000 polls scroll smoothly.
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { KeyboardEvent } from 'react';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import { placeMarkers, type DeploymentMarker } from '../../../core/deploymentMarkers.js';
import type { Receipt } from '../../../core/deploymentReceipts.js';
import type { PollEvent } from '../../../core/ledger.js';
import type { SessionSummary } from '../../../protocol/messages.js';
import { DeploymentRow } from './DeploymentRow.js';
import { TimelineFilter } from './TimelineFilter.js';
import { TimelineHeader } from './TimelineHeader.js';
import { TimelineLanes } from './TimelineLanes.js';
import { TimelineRow } from './TimelineRow.js';
import { TimeModeToggle } from './TimeModeToggle.js';
import { TIMELINE_COLUMNS } from './timelineColumns.js';
import { timelineItems } from './timelineItems.js';
import { createRowCache, indexOfSeq } from './timelineRows.js';
import { useStableFlags } from './useStableFlags.js';
import { isAtBottom, navigateIndex, scrollToReveal, visibleRange } from './virtualWindow.js';
import { renderedRows } from './renderedRows.js';
import { useTimelineFilter } from './useTimelineFilter.js';
import { useTimelineLayout } from './useTimelineLayout.js';
import './views.css';

export interface TimelineProps {
  session: SessionSummary;
  events: PollEvent[];
  anomalies: readonly Anomaly[];
  selectedSeq: number | undefined;
  onSelect: (seq: number) => void;
  /** Enter (or a double-click) on a poll: open its detail pane. */
  onOpen?: (seq: number) => void;
  /** Deployment events of the session's environment and profile, oldest first (core/deploymentMarkers.ts). */
  markers?: readonly DeploymentMarker[];
  /** Polls that received a deployment's version or got the old one back (core/deploymentReceipts.ts). */
  receipts?: readonly Receipt[];
}

const NO_MARKERS: readonly DeploymentMarker[] = [];
const NO_RECEIPTS: readonly Receipt[] = [];

/** Used until the body has been measured (first paint, or a DOM without layout such as unit tests). */
const FALLBACK_VIEWPORT = 480;

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
  onOpen,
  markers = NO_MARKERS,
  receipts = NO_RECEIPTS,
}: TimelineProps) {
  const idPrefix = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  // Grid or stacked cards by the timeline's own width; the row height (grid 26 px, cards 64 px) is set as
  // the CSS variable --row-height from the same number, so the virtual window and the CSS always agree.
  const layout = useTimelineLayout(sectionRef);
  const rowHeight = layout.rowHeight;
  const [scrollTop, setScrollTop] = useState(0);
  // Which way the user last scrolled: the rows about to come in are rendered ahead, few are kept behind.
  // The timeline opens at the newest row, where the only way is up.
  const [scrollingUp, setScrollingUp] = useState(true);
  const [viewportHeight, setViewportHeight] = useState(0);
  // Follow new polls only while the user is at the bottom; scrolling up to read history stops following.
  const followRef = useRef(true);

  const flagsBySeq = useStableFlags(anomalies);
  const { filter, setFilter, filtered } = useTimelineFilter(events, flagsBySeq);
  // `shown` feeds the rows, the lanes, the markers and ↑/↓; rows are still built from the whole ledger
  // (via `indices`) so asked/waited compare with the real previous call, not the previous shown one.
  const shown = filtered.shown;
  const indices = shown === events ? undefined : filtered.indices;
  const placed = useMemo(() => placeMarkers(shown, markers), [shown, markers]);
  const items = useMemo(() => timelineItems(shown.length, placed), [shown.length, placed]);
  const receiptBySeq = useMemo(() => new Map(receipts.map((r) => [r.seq, r])), [receipts]);
  // Rows are polls plus deployment markers; keyboard selection still moves from poll to poll.
  const count = items.count;
  const height = viewportHeight || FALLBACK_VIEWPORT;
  const { start, end } = renderedRows(
    { scrollTop, viewportHeight: height, rowHeight, count },
    scrollingUp,
  );
  const onScreen = visibleRange({
    scrollTop,
    viewportHeight: height,
    rowHeight,
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
        const index = indices ? (indices[item.index] ?? -1) : item.index;
        const poll = index < 0 ? undefined : rowCache.range(index, index + 1)[0];
        if (poll) out.push({ row: i, poll });
      }
    }
    return out;
  }, [rowCache, items, start, end, indices]);
  // The lanes follow the rows on screen at a lower priority: a scrolled frame draws the rows first, and the
  // lanes catch up in the frames React has time for (during a fling, once it slows down).
  const lanePolls = items.pollRange(onScreen.start, onScreen.end);
  const laneStart = useDeferredValue(lanePolls.start);
  const laneEnd = useDeferredValue(lanePolls.end);

  // The shell re-renders every second (age-based flags) with a fresh onSelect; a stable wrapper keeps the
  // memoised rows from re-rendering for that alone.
  const onSelectRef = useRef(onSelect);
  useLayoutEffect(() => {
    onSelectRef.current = onSelect;
  });
  const select = useCallback((seq: number) => onSelectRef.current(seq), []);
  const onOpenRef = useRef(onOpen);
  useLayoutEffect(() => {
    onOpenRef.current = onOpen;
  });
  const open = useCallback((seq: number) => onOpenRef.current?.(seq), []);

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
    body.scrollTop = count * rowHeight;
    setScrollTop(body.scrollTop);
  }, [count, rowHeight]);

  const reveal = useCallback(
    (index: number) => {
      const body = bodyRef.current;
      if (!body || index < 0) return;
      const target = scrollToReveal(
        index,
        rowHeight,
        body.scrollTop,
        body.clientHeight || FALLBACK_VIEWPORT,
      );
      if (target === undefined) return;
      body.scrollTop = target;
      setScrollTop(body.scrollTop);
    },
    [rowHeight],
  );

  // A selection made elsewhere (a flag in the flag list, a lane column) scrolls its row into view.
  const selectedIndex = indexOfSeq(shown, selectedSeq);
  const selectedRow = items.rowOfPoll(selectedIndex);
  useEffect(() => reveal(selectedRow), [reveal, selectedRow]);

  const onScroll = () => {
    const body = bodyRef.current;
    if (!body) return;
    // The spacer's height is the content height; the element's own scrollHeight may include layout slack.
    followRef.current = isAtBottom(
      body.scrollTop,
      body.clientHeight || FALLBACK_VIEWPORT,
      count * rowHeight,
      rowHeight,
    );
    if (body.scrollTop !== scrollTop) setScrollingUp(body.scrollTop < scrollTop);
    setScrollTop(body.scrollTop);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Only on the grid itself: Enter on a control inside it (a column resizer) is that control's.
    if (e.key === 'Enter' && e.target === e.currentTarget && onOpen && selectedSeq !== undefined) {
      e.preventDefault();
      onOpen(selectedSeq);
      return;
    }
    const pageRows = Math.max(1, Math.floor(height / rowHeight) - 1);
    const next = navigateIndex(e.key, selectedIndex, shown.length, pageRows);
    const event = next === undefined ? undefined : shown[next];
    if (!event) return;
    e.preventDefault();
    select(event.seq);
  };

  const rowId = (seq: number) => `${idPrefix}-row-${seq}`;
  const activeRendered = selectedRow >= start && selectedRow < end;
  const title = `${session.applicationIdentifier} / ${session.environmentIdentifier} / ${session.configurationProfileIdentifier}`;

  return (
    <section
      ref={sectionRef}
      className={`timeline${layout.stacked ? ' stacked' : ''}`}
      data-layout={layout.stacked ? 'stacked' : 'grid'}
      style={layout.style}
      aria-label="Poll timeline"
    >
      <TimelineFilter
        filter={filter}
        onChange={setFilter}
        counts={filtered.counts}
        shown={shown.length}
        total={filtered.total}
      />
      <TimelineLanes
        events={shown}
        ledger={events}
        flagsBySeq={flagsBySeq}
        visibleStart={laneStart}
        visibleEnd={laneEnd}
        selectedSeq={selectedSeq}
        onSelect={select}
        onOpen={open}
        placed={placed}
        receipts={receipts}
      />
      <div className="timeline-toolbar">
        <TimeModeToggle mode={layout.timeMode} onChange={layout.setTimeMode} />
      </div>
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
        onDoubleClick={(e) => {
          const seq = (e.target as Element)
            .closest('[role="row"][data-seq]')
            ?.getAttribute('data-seq');
          if (seq != null && onOpen) onOpen(Number(seq));
        }}
      >
        <TimelineHeader onResize={layout.resize} onReset={layout.reset} />
        <div role="rowgroup" className="timeline-body" ref={bodyRef} onScroll={onScroll}>
          {events.length === 0 && <p className="timeline-empty">No polls yet.</p>}
          {events.length > 0 && shown.length === 0 && (
            <p className="timeline-empty">No polls match the filter.</p>
          )}
          <div className="timeline-spacer" style={{ height: count * rowHeight }}>
            {/* Each row at its own offset: a row that stays on screen never moves inside the scrolled
                content, so a scrolled frame repaints only the rows that came in, not the whole window. */}
            {rows.map((r) => (
              <div
                key={r.poll ? r.poll.event.seq : r.key}
                className="timeline-slot"
                style={{ top: r.row * rowHeight }}
              >
                {r.poll ? (
                  <TimelineRow
                    id={rowId(r.poll.event.seq)}
                    row={r.poll}
                    rowIndex={r.row + 2}
                    selected={r.poll.event.seq === selectedSeq}
                    onSelect={select}
                    receipt={receiptBySeq.get(r.poll.event.seq)}
                    timeOrigin={layout.timeMode === 'relative' ? session.startedAt : undefined}
                  />
                ) : (
                  <DeploymentRow
                    marker={r.marker}
                    rowIndex={r.row + 2}
                    columns={TIMELINE_COLUMNS.length}
                    timeOrigin={layout.timeMode === 'relative' ? session.startedAt : undefined}
                  />
                )}
              </div>
            ))}
          </div>
        </div>
      </div>
    </section>
  );
}
