// Deployments drawn on the timeline lanes: a dashed line where each deployment event falls between two polls
// (with a mark on the Deploys lane and its labels as the tooltip), and a ring on the token dot of the poll
// that received a deployment's version or got the old one back. Imported only by TimelineLanes.tsx.
import type { PlacedMarker } from '../../../core/deploymentMarkers.js';
import type { Receipt } from '../../../core/deploymentReceipts.js';
import type { PollEvent } from '../../../core/ledger.js';
import { indexOfSeq } from './timelineRows.js';
import './deploymentMarks.css';

interface Props {
  events: readonly PollEvent[];
  placed: readonly PlacedMarker[];
  receipts: readonly Receipt[];
  /** The drawn window of event indices, [start, end). */
  start: number;
  end: number;
  /** Centre of the column of an event index. */
  x: (index: number) => number;
  columnWidth: number;
  height: number;
  tokenY: number;
  deployY: number;
}

export function DeploymentLaneMarks(props: Props) {
  const { events, placed, receipts, start, end, x, columnWidth, height, tokenY, deployY } = props;
  // Events of one instant (100% and bake, a rollback's start and end) share a place: one mark, all labels.
  const groups = new Map<number, PlacedMarker[]>();
  for (const p of placed) {
    // On the window's edges too: a marker between the last drawn poll and the next is still placed right.
    if (p.beforeIndex < start || p.beforeIndex > end) continue;
    const group = groups.get(p.beforeIndex);
    if (group) group.push(p);
    else groups.set(p.beforeIndex, [p]);
  }
  const marks = [...groups].map(([beforeIndex, group]) => {
    const bx = x(beforeIndex) - columnWidth / 2;
    const last = group.at(-1)!.marker;
    return (
      <g
        key={`m${beforeIndex}`}
        className={`lane-deploy deployment-${last.kind}`}
        data-lane-deployment={beforeIndex}
      >
        <title>{group.map((p) => p.marker.label).join('\n')}</title>
        <line x1={bx} x2={bx} y1={0} y2={height} className="lane-deploy-line" />
        <path d={`M ${bx} ${deployY - 5} l 5 5 l -5 5 l -5 -5 z`} className="lane-deploy-mark" />
      </g>
    );
  });
  const rings = receipts.flatMap((r) => {
    const index = indexOfSeq(events, r.seq);
    if (index < start || index >= end) return [];
    return [
      <circle
        key={`r${r.seq}-${r.kind}`}
        cx={x(index)}
        cy={tokenY}
        r={8}
        className={`lane-receipt receipt-${r.kind}`}
        data-lane-receipt={r.seq}
      >
        <title>{r.label}</title>
      </circle>,
    ];
  });
  return (
    <>
      {marks}
      {rings}
    </>
  );
}
