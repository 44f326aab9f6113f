// The polls on the timeline lanes, on a time axis: per drawn mark a latency bar and token dot on the Tokens
// lane (with its link from the token it sent: chain, retry, or a reuse/stale branch in its flag colour), and
// on the Schedule lane the wait since the previous answer, the due tick, the send tick and the early/late gap.
// Lines and bars of one kind share one <path>: at 10,000 polls zoomed out, nodes per mark are what costs.
// Imported only by TimelineLanes.tsx, which passes the coalesced groups (laneScale.ts) for the window. Links and
// waits are read from the whole ledger, so a filtered view still shows each poll's real previous call.
import { memo } from 'react';
import type { Anomaly, Severity } from '../../../core/anomalyTypes.js';
import type { PollEvent } from '../../../core/ledger.js';
import { tokenBadge } from '../../../core/tokenIdentity.js';
import { scheduleFacts, type TokenFacts } from './lanesModel.js';
import { LANE } from './laneLayout.js';
import type { MarkGroup, Scale } from './laneScale.js';

interface Props {
  /** The polls drawn (the filter's result), and the whole ledger their token links and waits come from. */
  events: readonly PollEvent[];
  ledger: readonly PollEvent[];
  /** Ledger index of a seq (lanesModel.ts seqIndexer). */
  ledgerIndex: (seq: number | undefined) => number;
  /** tokenChainFacts of the whole ledger, by ledger index. */
  facts: readonly TokenFacts[];
  flagsBySeq: ReadonlyMap<number, readonly Anomaly[]>;
  groups: readonly MarkGroup[];
  scale: Scale;
  /** The mark holding the lanes' one tab stop (useLaneKeyboard.ts), its spoken text and its keys. */
  activeSeq?: number;
  activeLabel?: string;
  activeKeys?: string;
}

/** Flag severity that colours a branch: the worst token flag on that poll, else a plain warning. */
function branchSeverity(flags: readonly Anomaly[] | undefined): Severity {
  const tokenFlag = flags?.find(
    (f) => f.rule === 'tokenReused' || f.rule === 'staleToken' || f.rule === 'tokenExpired',
  );
  return tokenFlag?.severity ?? 'warning';
}

/** SVG path data per class: the lines and bars of every drawn mark go into a few paths, not thousands of nodes. */
class Paths {
  private readonly parts = new Map<string, string[]>();
  add(className: string, d: string) {
    const list = this.parts.get(className);
    if (list) list.push(d);
    else this.parts.set(className, [d]);
  }
  render(filled: ReadonlySet<string>) {
    // Links under bars under ticks, whichever mark came first.
    const rank = (c: string) => DRAW_ORDER.findIndex((prefix) => c.startsWith(prefix));
    const ordered = [...this.parts].sort(([a], [b]) => rank(a) - rank(b));
    return ordered.map(([className, ds]) => (
      <path
        key={className}
        d={ds.join(' ')}
        className={className}
        {...(filled.has(className) ? {} : { fill: 'none' })}
      />
    ));
  }
}

const FILLED = new Set(['lane-latency', 'lane-gap', 'lane-gap early']);
const DRAW_ORDER = [
  'lane-link',
  'lane-branch',
  'lane-wait',
  'lane-latency',
  'lane-gap',
  'lane-due',
  'lane-sent',
];

/** Chain and SDK-retry links stay on the token line; reuse and stale tokens branch off below it. */
function addTokenLink(
  paths: Paths,
  fact: TokenFacts,
  fromX: number,
  toX: number,
  severity: () => Severity,
) {
  const y = LANE.tokenY;
  switch (fact.link) {
    case 'chain':
    case 'retry':
      paths.add(`lane-link link-${fact.link}`, `M ${fromX} ${y} H ${toX}`);
      return;
    case 'reuse':
    case 'stale':
      paths.add(
        `lane-branch link-${fact.link} severity-${severity()}`,
        `M ${fromX} ${y} C ${fromX} ${LANE.branchY}, ${toX} ${LANE.branchY}, ${toX} ${y}`,
      );
      return;
    case 'unknown':
      paths.add('lane-link link-unknown', `M ${toX - 14} ${y} H ${toX}`);
      return;
    default:
  }
}

/** The wait since the previous answer, the due tick, the send tick, and the gap between them (red if early). */
function addSchedule(
  paths: Paths,
  ledger: readonly PollEvent[],
  index: number,
  x: (at: number) => number,
) {
  const s = scheduleFacts(ledger, index);
  if (!s) return;
  const y = LANE.scheduleY;
  const h = LANE.scheduleHalf;
  const sentX = x(s.sentAt);
  paths.add('lane-wait', `M ${x(s.baselineAt)} ${y} H ${sentX}`);
  if (s.dueAt !== undefined) {
    const dueX = x(s.dueAt);
    const width = Math.max(1, Math.abs(dueX - sentX));
    paths.add(
      s.early ? 'lane-gap early' : 'lane-gap',
      `M ${Math.min(dueX, sentX)} ${y - h / 2} h ${width} v ${h} h ${-width} z`,
    );
    paths.add('lane-due', `M ${dueX} ${y - h} V ${y + h}`);
  }
  paths.add('lane-sent', `M ${sentX} ${y - h} V ${y + h}`);
}

function LaneMarksView({
  events,
  ledger,
  ledgerIndex,
  facts,
  flagsBySeq,
  groups,
  scale,
  activeSeq,
  activeLabel,
  activeKeys,
}: Props) {
  const { x } = scale;
  const paths = new Paths();
  const y = LANE.tokenY;
  const marks = groups.map((group) => {
    const event = events[group.index];
    const i = ledgerIndex(event?.seq);
    const fact = facts[i];
    if (!event || !fact) return null;
    const sentX = x(event.sentAt);
    const answerX = x(event.answeredAt);
    const issuer = ledger[fact.issuerIndex];
    addTokenLink(paths, fact, issuer ? x(issuer.answeredAt) : sentX - 14, answerX, () =>
      branchSeverity(flagsBySeq.get(event.seq)),
    );
    if (answerX - sentX >= 2)
      paths.add(
        'lane-latency',
        `M ${sentX} ${y - 2} h ${answerX - sentX} v 4 h ${sentX - answerX} z`,
      );
    addSchedule(paths, ledger, i, x);
    const badge = event.tokenOut !== undefined ? tokenBadge(event.tokenOut) : undefined;
    // Per mark only what the pointer hits and what has its own colour: the hit area and the token dot.
    // Only the active mark is focusable and named, so 10,000 polls are one tab stop and one label to build.
    const active = event.seq === activeSeq;
    return (
      <g
        key={event.seq}
        data-lane-seq={event.seq}
        data-lane-first={group.first}
        data-lane-last={group.last}
        className="lane-column"
        {...(active
          ? {
              tabIndex: 0,
              role: 'button',
              'aria-label': activeLabel,
              'aria-keyshortcuts': activeKeys,
              'data-lane-active': '',
            }
          : {})}
      >
        <rect
          x={sentX - 3}
          width={Math.max(6, answerX - sentX + 6)}
          y={LANE.axisLabelY + 4}
          height={LANE.height - LANE.axisLabelY - 4}
          className="lane-hit"
        />
        {badge ? (
          <circle
            cx={answerX}
            cy={y}
            r={4.5}
            className="lane-dot"
            style={{ fill: `hsl(${badge.hue} 65% 50%)` }}
          />
        ) : (
          <path d={`M ${answerX - 3.5} ${y - 3.5} l 7 7 m 0 -7 l -7 7`} className="lane-no-token" />
        )}
      </g>
    );
  });
  return (
    <g className="lane-marks">
      {paths.render(FILLED)}
      {marks}
    </g>
  );
}

export const LaneMarks = memo(LaneMarksView);
