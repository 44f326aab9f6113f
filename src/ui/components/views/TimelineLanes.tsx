// The lanes above the timeline grid, on a real time axis: the token chain (a dot per issued token, links from
// the token sent, reuse and stale tokens as branches in their flag colour), the schedule (wait, due vs sent)
// and the deployments of the session's environment, with zoom, pan, a hover card per mark and the selected
// poll highlighted; one keyboard stop whose arrow keys walk the marks (useLaneKeyboard.ts). Imported only by Timeline.tsx. Which window of time it shows, and how that relates to the
// grid's scroll, is useLaneView.ts; only the polls inside the window are drawn, one mark per pixel at most.
import { memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent as ReactMouseEvent, PointerEvent as ReactPointerEvent } from 'react';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import type { PlacedMarker } from '../../../core/deploymentMarkers.js';
import type { Receipt } from '../../../core/deploymentReceipts.js';
import type { PollEvent } from '../../../core/ledger.js';
import { DeploymentLaneMarks } from './DeploymentLaneMarks.js';
import { LaneAxis } from './LaneAxis.js';
import { LaneHoverCard } from './LaneHoverCard.js';
import { LaneLegend } from './LaneLegend.js';
import { LaneMarks } from './LaneMarks.js';
import { LaneToolbar } from './LaneToolbar.js';
import { formatClock } from './format.js';
import { LANE } from './laneLayout.js';
import { markWeight, scheduleFacts, seqIndexer, tokenChainFacts } from './lanesModel.js';
import {
  axisTicks,
  coalesce,
  indicesInWindow,
  timeScale,
  type AxisTicks,
  type MarkGroup,
  type TimeWindow,
} from './laneScale.js';
import { laneTooltipLines } from './laneTooltip.js';
import { indexOfSeq } from './timelineRows.js';
import { LANE_KEYS, useLaneKeyboard } from './useLaneKeyboard.js';
import { useLaneView } from './useLaneView.js';
import './timelineLanes.css';

interface TimelineLanesProps {
  /** The polls to draw: the whole ledger, or the timeline filter's result. */
  events: readonly PollEvent[];
  /** The whole ledger when `events` is filtered: token links and waits are facts of the real call order. */
  ledger?: readonly PollEvent[];
  flagsBySeq: ReadonlyMap<number, readonly Anomaly[]>;
  /** Polls currently visible in the grid, [start, end) as event indices. */
  visibleStart: number;
  visibleEnd: number;
  selectedSeq: number | undefined;
  onSelect: (seq: number) => void;
  /** Enter on the focused mark: open the poll's detail pane. */
  onOpen?: (seq: number) => void;
  /** Deployment markers placed between the polls, and the polls that received a deployment's version. */
  placed?: readonly PlacedMarker[];
  receipts?: readonly Receipt[];
}

const NO_MARKERS: readonly PlacedMarker[] = [];
const NO_RECEIPTS: readonly Receipt[] = [];
const NO_AXIS: AxisTicks = { step: 0, ticks: [] };
const NO_GROUPS: readonly MarkGroup[] = [];
/** Until the lanes are measured (first paint, or a DOM without layout such as unit tests). */
const FALLBACK_WIDTH = 800;
/** Room for one tick label ("09:30:15.200"). */
const TICK_SPACING_PX = 96;

interface Hover {
  group: MarkGroup;
  ledgerIndex: number;
  left: number;
  top: number;
}

/** Memoised: the grid re-renders on every scrolled frame, the lanes only when what they draw changes. */
export const TimelineLanes = memo(TimelineLanesView);

function TimelineLanesView({
  events,
  ledger = events,
  flagsBySeq,
  visibleStart,
  visibleEnd,
  selectedSeq,
  onSelect,
  onOpen,
  placed = NO_MARKERS,
  receipts = NO_RECEIPTS,
}: TimelineLanesProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  // useId's punctuation is not safe inside url(#…).
  const clipId = `lane-clip-${useId().replace(/[^\w-]/g, '')}`;
  const [width, setWidth] = useState(0);
  // Where the plot starts inside the lanes box (below the toolbar): the focused mark's card is placed from it.
  const [plotTop, setPlotTop] = useState(0);
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return undefined;
    const measure = () => {
      const box = svg.getBoundingClientRect();
      setWidth(box.width);
      setPlotTop(box.top - (svg.parentElement?.getBoundingClientRect().top ?? box.top));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);

  // One O(n) pass per ledger change; zooming, panning and scrolling only re-slice the window below.
  const facts = useMemo(() => tokenChainFacts(ledger), [ledger]);
  const ledgerIndex = useMemo(() => seqIndexer(ledger), [ledger]);
  const boxWidth = width || FALLBACK_WIDTH;
  const plotWidth = Math.max(1, boxWidth - LANE.gutter - LANE.right);
  const toScale = useCallback((w: TimeWindow) => timeScale(w, LANE.gutter, plotWidth), [plotWidth]);
  const selectedIndex = indexOfSeq(events, selectedSeq);
  const view = useLaneView({
    events,
    visibleStart,
    visibleEnd,
    selectedIndex,
    scale: toScale,
    svgRef,
  });
  const { shown } = view;
  const scale = useMemo(() => (shown ? toScale(shown) : undefined), [shown, toScale]);
  const groups = useMemo(() => {
    if (!shown || !scale) return NO_GROUPS;
    const { start, end } = indicesInWindow(events, shown);
    return coalesce(
      start,
      end,
      (i) => scale.x(events[i]!.sentAt),
      (i) => markWeight(events[i], facts[ledgerIndex(events[i]?.seq)], flagsBySeq),
    );
  }, [events, ledgerIndex, facts, flagsBySeq, shown, scale]);
  const axis = useMemo(
    () => (shown ? axisTicks(shown, Math.floor(plotWidth / TICK_SPACING_PX)) : NO_AXIS),
    [shown, plotWidth],
  );

  const keyboard = useLaneKeyboard({
    events,
    groups,
    selectedIndex,
    onSelect,
    onOpen,
    zoomIn: view.zoomIn,
    zoomOut: view.zoomOut,
    fit: view.fit,
    svgRef,
  });
  const linesOf = (group: MarkGroup, at: number) =>
    laneTooltipLines(
      events,
      group,
      ledger,
      at,
      flagsBySeq,
      facts[at]?.link,
      scheduleFacts(ledger, at),
    );
  // The hover card's lines for the active mark: its spoken name, and the card shown while it has focus.
  const described = keyboard.active && events[keyboard.describedIndex ?? -1];
  const describedAt = ledgerIndex(described ? described.seq : undefined);
  // One row model per render; LaneMarks compares the joined label by value, so it redraws only on a change.
  const activeLines =
    keyboard.active && describedAt >= 0 ? linesOf(keyboard.active, describedAt) : [];

  const [hover, setHover] = useState<Hover | undefined>(undefined);
  const markAt = (
    target: EventTarget,
  ): { seq: number; group: MarkGroup; ledgerIndex: number } | undefined => {
    const g = (target as Element).closest?.('[data-lane-seq]');
    if (!(g instanceof SVGElement)) return undefined;
    const seq = Number(g.dataset.laneSeq);
    const index = indexOfSeq(events, seq);
    const first = Number(g.dataset.laneFirst);
    const last = Number(g.dataset.laneLast);
    const at = ledgerIndex(seq);
    return index < 0 || at < 0
      ? undefined
      : { seq, group: { index, first, last }, ledgerIndex: at };
  };
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    view.pointer.onPointerMove(e);
    const mark = view.dragging ? undefined : markAt(e.target);
    if (!mark) {
      if (hover) setHover(undefined);
      return;
    }
    // The card is placed in the lanes box (toolbar included), not in the SVG.
    const box = (e.currentTarget.parentElement ?? e.currentTarget).getBoundingClientRect();
    setHover({
      group: mark.group,
      ledgerIndex: mark.ledgerIndex,
      left: e.clientX - box.left,
      top: e.clientY - box.top,
    });
  };
  const onClick = (e: ReactMouseEvent<SVGSVGElement>) => {
    const mark = markAt(e.target);
    if (mark) onSelect(mark.seq);
  };

  const selected = events[selectedIndex];
  const selectedShown =
    selected && scale && shown && selected.answeredAt >= shown.from && selected.sentAt <= shown.to;
  const gridFirst = events[visibleStart];
  const gridLast = events[visibleEnd - 1];
  const drawn = groups.length
    ? `polls #${events[groups[0]!.first]?.seq} to #${events[groups.at(-1)!.last]?.seq}`
    : 'no polls';
  const label = shown
    ? `Token, schedule and deploy lanes from ${formatClock(shown.from)} to ${formatClock(shown.to)}: ${drawn}`
    : 'Token, schedule and deploy lanes: no polls yet';

  return (
    <div className="timeline-lanes">
      <LaneToolbar
        disabled={!shown}
        following={view.following}
        zoomIn={view.zoomIn}
        zoomOut={view.zoomOut}
        fit={view.fit}
      />
      <svg
        ref={svgRef}
        role="group"
        aria-label={label}
        width="100%"
        height={LANE.height}
        className={view.dragging ? 'dragging' : undefined}
        onPointerDown={view.pointer.onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={view.pointer.onPointerUp}
        onPointerCancel={view.pointer.onPointerCancel}
        onPointerLeave={() => setHover(undefined)}
        onClickCapture={view.pointer.onClickCapture}
        onClick={onClick}
        {...keyboard.handlers}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={LANE.gutter} y={0} width={plotWidth} height={LANE.height} />
          </clipPath>
        </defs>
        <text x={4} y={LANE.tokenY + 4} className="lane-label">
          Tokens
        </text>
        <text x={4} y={LANE.scheduleY + 4} className="lane-label">
          Schedule
        </text>
        <text x={4} y={LANE.deployY + 4} className="lane-label">
          Deploys
        </text>
        {scale && (
          <g clipPath={`url(#${clipId})`}>
            <LaneAxis axis={axis} x={scale.x} labelY={LANE.axisLabelY} bottom={LANE.height} />
            {!view.following && gridFirst && gridLast && (
              <rect
                x={scale.x(gridFirst.sentAt)}
                width={Math.max(2, scale.x(gridLast.answeredAt) - scale.x(gridFirst.sentAt))}
                y={LANE.axisLabelY + 4}
                height={LANE.height}
                className="lane-visible-band"
                data-lane-grid-band=""
              />
            )}
            {selectedShown && (
              <rect
                x={scale.x(selected.sentAt) - 5}
                width={Math.max(10, scale.x(selected.answeredAt) - scale.x(selected.sentAt) + 10)}
                y={LANE.axisLabelY + 4}
                height={LANE.height}
                className="lane-selected"
                data-lane-selected={selected.seq}
              />
            )}
            <LaneMarks
              events={events}
              ledger={ledger}
              ledgerIndex={ledgerIndex}
              facts={facts}
              flagsBySeq={flagsBySeq}
              groups={groups}
              scale={scale}
              activeSeq={keyboard.activeSeq}
              activeLabel={activeLines.join('. ')}
              activeKeys={LANE_KEYS}
            />
            {shown && (
              <DeploymentLaneMarks
                events={events}
                placed={placed}
                receipts={receipts}
                window={shown}
                scale={scale}
              />
            )}
          </g>
        )}
      </svg>
      {!hover && keyboard.focused && described && scale && (
        <LaneHoverCard
          lines={activeLines}
          left={scale.x(described.answeredAt)}
          top={plotTop + LANE.tokenY}
          boxWidth={boxWidth}
        />
      )}
      {hover && (
        <LaneHoverCard
          lines={linesOf(hover.group, hover.ledgerIndex)}
          left={hover.left}
          top={hover.top}
          boxWidth={boxWidth}
        />
      )}
      <LaneLegend />
    </div>
  );
}
