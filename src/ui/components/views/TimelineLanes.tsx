// SVG lanes above the timeline grid: the token chain (a dot per issued token, links from the token sent to the
// token received, reuse and stale tokens drawn as branches in their flag colour), due vs sent times, and the
// deployments of the session's environment (DeploymentLaneMarks.tsx).
// Imported only by Timeline.tsx. Draws only a window of columns around the rows the grid shows.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Anomaly, Severity } from '../../../core/anomalyTypes.js';
import type { PlacedMarker } from '../../../core/deploymentMarkers.js';
import type { Receipt } from '../../../core/deploymentReceipts.js';
import type { PollEvent } from '../../../core/ledger.js';
import { tokenBadge } from '../../../core/tokenIdentity.js';
import { DeploymentLaneMarks } from './DeploymentLaneMarks.js';
import { formatClock, formatDuration } from './format.js';
import { indexOfSeq } from './timelineRows.js';
import {
  laneWindow,
  scheduleFacts,
  tokenChainFacts,
  type ScheduleFacts,
  type TokenFacts,
} from './lanesModel.js';

interface TimelineLanesProps {
  events: readonly PollEvent[];
  flagsBySeq: ReadonlyMap<number, readonly Anomaly[]>;
  /** Rows currently visible in the grid, [start, end). */
  visibleStart: number;
  visibleEnd: number;
  selectedSeq: number | undefined;
  onSelect: (seq: number) => void;
  /** Deployment markers placed between the polls, and the polls that received a deployment's version. */
  placed?: readonly PlacedMarker[];
  receipts?: readonly Receipt[];
}

const NO_MARKERS: readonly PlacedMarker[] = [];
const NO_RECEIPTS: readonly Receipt[] = [];

const GUTTER = 72;
const COLUMN_WIDTH = 22;
const TOKEN_Y = 16;
const BRANCH_Y = 36;
const SCHEDULE_TOP = 52;
const SCHEDULE_BOTTOM = 84;
const DEPLOY_Y = 100;
const HEIGHT = 110;
const FALLBACK_WIDTH = 800;

/** Flag severity that colours a branch: the worst token flag on that poll, else a plain warning. */
function branchSeverity(flags: readonly Anomaly[] | undefined): Severity {
  const tokenFlag = flags?.find(
    (f) => f.rule === 'tokenReused' || f.rule === 'staleToken' || f.rule === 'tokenExpired',
  );
  return tokenFlag?.severity ?? 'warning';
}

/** Chain and SDK-retry links stay on the main line; reuse and stale tokens branch off below it. */
function tokenLink(
  fact: TokenFacts,
  fromX: number,
  toX: number,
  flags: readonly Anomaly[] | undefined,
) {
  switch (fact.link) {
    case 'chain':
    case 'retry':
      return (
        <line
          x1={fromX}
          y1={TOKEN_Y}
          x2={toX}
          y2={TOKEN_Y}
          className={`lane-link link-${fact.link}`}
        />
      );
    case 'reuse':
    case 'stale':
      return (
        <path
          d={`M ${fromX} ${TOKEN_Y} C ${fromX} ${BRANCH_Y}, ${toX} ${BRANCH_Y}, ${toX} ${TOKEN_Y}`}
          className={`lane-branch link-${fact.link} severity-${branchSeverity(flags)}`}
        />
      );
    case 'unknown':
      return (
        <line
          x1={toX - COLUMN_WIDTH * 0.6}
          y1={TOKEN_Y}
          x2={toX}
          y2={TOKEN_Y}
          className="lane-link link-unknown"
        />
      );
    default:
      return null;
  }
}

/** Tick at the due time, tick at the send time, and the gap between them (flag-coloured when early). */
function scheduleMarks(s: ScheduleFacts, cx: number, y: (offset: number) => number) {
  const half = COLUMN_WIDTH * 0.35;
  const sentY = y(s.sentAt - s.baselineAt);
  const dueY = s.dueAt !== undefined ? y(s.dueAt - s.baselineAt) : undefined;
  return (
    <>
      {dueY !== undefined && (
        <rect
          x={cx - half}
          width={half * 2}
          y={Math.min(dueY, sentY)}
          height={Math.max(1, Math.abs(dueY - sentY))}
          className={s.early ? 'lane-gap early' : 'lane-gap'}
        />
      )}
      {dueY !== undefined && (
        <line x1={cx - half} x2={cx + half} y1={dueY} y2={dueY} className="lane-due" />
      )}
      <line x1={cx - half} x2={cx + half} y1={sentY} y2={sentY} className="lane-sent" />
    </>
  );
}

function columnTitle(
  event: PollEvent,
  tokenShort: string | undefined,
  s: ScheduleFacts | undefined,
): string {
  const parts = [
    `#${event.seq}`,
    tokenShort ? `received token ${tokenShort}` : 'received no token',
  ];
  if (s?.dueAt !== undefined) {
    const gap = formatDuration(Math.abs(s.sentAt - s.dueAt));
    parts.push(
      `due ${formatClock(s.dueAt)}, sent ${formatClock(s.sentAt)} (${gap} ${s.early ? 'early' : 'late'})`,
    );
  } else if (s) parts.push(`sent ${formatClock(s.sentAt)}, due time unknown`);
  return parts.join(' · ');
}

export function TimelineLanes({
  events,
  flagsBySeq,
  visibleStart,
  visibleEnd,
  selectedSeq,
  onSelect,
  placed = NO_MARKERS,
  receipts = NO_RECEIPTS,
}: TimelineLanesProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return undefined;
    const measure = () => setWidth(svg.getBoundingClientRect().width);
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);

  // One O(n) pass per ledger change; scrolling only re-slices the window below.
  const facts = useMemo(() => tokenChainFacts(events), [events]);
  const drawWidth = width || FALLBACK_WIDTH;
  const capacity = Math.max(1, Math.floor((drawWidth - GUTTER) / COLUMN_WIDTH));
  const { start, end } = laneWindow(visibleStart, visibleEnd, events.length, capacity);
  const x = (index: number) => GUTTER + (index - start + 0.5) * COLUMN_WIDTH;

  const schedules = new Map<number, ScheduleFacts>();
  let maxOffset = 1;
  for (let i = start; i < end; i++) {
    const s = scheduleFacts(events, i);
    if (!s) continue;
    schedules.set(i, s);
    maxOffset = Math.max(
      maxOffset,
      s.sentAt - s.baselineAt,
      (s.dueAt ?? s.baselineAt) - s.baselineAt,
    );
  }
  // Each column's schedule is drawn relative to the previous answer, on one scale for the whole window.
  const y = (offset: number) =>
    SCHEDULE_BOTTOM - (Math.max(0, offset) / maxOffset) * (SCHEDULE_BOTTOM - SCHEDULE_TOP);

  const columns = [];
  for (let i = start; i < end; i++) {
    const event = events[i];
    const fact = facts[i];
    if (!event || !fact) continue;
    const cx = x(i);
    const badge = event.tokenOut !== undefined ? tokenBadge(event.tokenOut) : undefined;
    const schedule = schedules.get(i);
    columns.push(
      <g
        key={event.seq}
        data-lane-seq={event.seq}
        className="lane-column"
        onClick={() => onSelect(event.seq)}
      >
        <title>{columnTitle(event, badge?.short, schedule)}</title>
        <rect
          x={cx - COLUMN_WIDTH / 2}
          width={COLUMN_WIDTH}
          y={0}
          height={HEIGHT}
          className="lane-hit"
        />
        {tokenLink(
          fact,
          fact.issuerIndex >= start ? x(fact.issuerIndex) : GUTTER,
          cx,
          flagsBySeq.get(event.seq),
        )}
        {badge ? (
          <circle
            cx={cx}
            cy={TOKEN_Y}
            r={4.5}
            className="lane-dot"
            style={{ fill: `hsl(${badge.hue} 65% 50%)` }}
          />
        ) : (
          <path
            d={`M ${cx - 3.5} ${TOKEN_Y - 3.5} l 7 7 m 0 -7 l -7 7`}
            className="lane-no-token"
          />
        )}
        {schedule && scheduleMarks(schedule, cx, y)}
      </g>,
    );
  }

  const selectedIndex = indexOfSeq(events, selectedSeq);
  const label = events.length
    ? `Token chain and schedule for polls #${events[start]?.seq ?? 0} to #${events[end - 1]?.seq ?? 0}`
    : 'Token chain and schedule: no polls yet';

  return (
    <div className="timeline-lanes">
      <svg ref={svgRef} role="img" aria-label={label} width="100%" height={HEIGHT}>
        <text x={4} y={TOKEN_Y + 4} className="lane-label">
          Tokens
        </text>
        <text x={4} y={(SCHEDULE_TOP + SCHEDULE_BOTTOM) / 2 + 4} className="lane-label">
          Schedule
        </text>
        {visibleEnd > visibleStart && (
          <rect
            x={x(Math.max(start, visibleStart)) - COLUMN_WIDTH / 2}
            width={(Math.min(end, visibleEnd) - Math.max(start, visibleStart)) * COLUMN_WIDTH}
            y={0}
            height={HEIGHT}
            className="lane-visible-band"
          />
        )}
        {selectedIndex >= start && selectedIndex < end && (
          <rect
            x={x(selectedIndex) - COLUMN_WIDTH / 2}
            width={COLUMN_WIDTH}
            y={0}
            height={HEIGHT}
            className="lane-selected"
          />
        )}
        <text x={4} y={DEPLOY_Y + 4} className="lane-label">
          Deploys
        </text>
        {columns}
        <DeploymentLaneMarks
          events={events}
          placed={placed}
          receipts={receipts}
          start={start}
          end={end}
          x={x}
          columnWidth={COLUMN_WIDTH}
          height={HEIGHT}
          tokenY={TOKEN_Y}
          deployY={DEPLOY_Y}
        />
      </svg>
      <p className="lane-legend" aria-hidden="true">
        <span className="legend-dot" /> token issued <span className="legend-branch" /> reused /
        stale token
        <span className="legend-due" /> due <span className="legend-sent" /> sent{' '}
        <span className="legend-early" /> sent early <span className="legend-deploy" /> deployment
        event <span className="legend-receipt" /> got a deployment&apos;s version
      </p>
    </div>
  );
}
