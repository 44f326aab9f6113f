// Deployments drawn on the timeline lanes, at their time on the axis: a dashed line where each deployment
// event happened (with a mark on the Deploys lane and its labels as the tooltip), and a ring on the token dot
// of the poll that received a deployment's version or got the old one back. Imported only by TimelineLanes.tsx.
import { memo } from 'react';
import type { PlacedMarker } from '../../../core/deploymentMarkers.js';
import type { Receipt } from '../../../core/deploymentReceipts.js';
import type { PollEvent } from '../../../core/ledger.js';
import { LANE } from './laneLayout.js';
import type { Scale, TimeWindow } from './laneScale.js';
import { indexOfSeq } from './timelineRows.js';
import './deploymentMarks.css';

interface Props {
  events: readonly PollEvent[];
  placed: readonly PlacedMarker[];
  receipts: readonly Receipt[];
  window: TimeWindow;
  scale: Scale;
}

function DeploymentLaneMarksView({ events, placed, receipts, window, scale }: Props) {
  const { x } = scale;
  // Events of one instant (100% and bake, a rollback's start and end) share a mark with all their labels;
  // so do events less than a pixel apart between the same two polls. Markers are oldest first.
  const groups: { beforeIndex: number; x: number; group: PlacedMarker[] }[] = [];
  for (const p of placed) {
    if (p.marker.at < window.from || p.marker.at > window.to) continue;
    const px = x(p.marker.at);
    const last = groups.at(-1);
    if (last && last.beforeIndex === p.beforeIndex && px - last.x < 1) last.group.push(p);
    else groups.push({ beforeIndex: p.beforeIndex, x: px, group: [p] });
  }
  const marks = groups.map(({ beforeIndex, x: bx, group }) => (
    <g
      key={`m${group[0]!.marker.at}-${beforeIndex}`}
      className={`lane-deploy deployment-${group.at(-1)!.marker.kind}`}
      data-lane-deployment={beforeIndex}
    >
      <title>{group.map((p) => p.marker.label).join('\n')}</title>
      <line
        x1={bx}
        x2={bx}
        y1={LANE.axisLabelY + 4}
        y2={LANE.height}
        className="lane-deploy-line"
      />
      <path d={`M ${bx} ${LANE.deployY - 5} l 5 5 l -5 5 l -5 -5 z`} className="lane-deploy-mark" />
    </g>
  ));
  const rings = receipts.flatMap((r) => {
    const event = events[indexOfSeq(events, r.seq)];
    if (!event || event.answeredAt < window.from || event.answeredAt > window.to) return [];
    return [
      <circle
        key={`r${r.seq}-${r.kind}`}
        cx={x(event.answeredAt)}
        cy={LANE.tokenY}
        r={8}
        className={`lane-receipt receipt-${r.kind}`}
        data-lane-receipt={r.seq}
      >
        <title>{r.label}</title>
      </circle>,
    ];
  });
  return (
    <g className="lane-deploys">
      {marks}
      {rings}
    </g>
  );
}

export const DeploymentLaneMarks = memo(DeploymentLaneMarksView);
