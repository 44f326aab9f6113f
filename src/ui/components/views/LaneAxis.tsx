// The time axis of the timeline lanes: a labelled tick at each round time and a faint grid line down through
// the lanes. Imported only by TimelineLanes.tsx; the ticks come from laneScale.ts (axisTicks).
import { memo } from 'react';
import type { AxisTicks } from './laneScale.js';

interface Props {
  axis: AxisTicks;
  x: (at: number) => number;
  /** Baseline of the labels, and the lanes' bottom (where the grid lines end). */
  labelY: number;
  bottom: number;
}

function LaneAxisView({ axis, x, labelY, bottom }: Props) {
  return (
    <g className="lane-axis" data-tick-step={axis.step}>
      {axis.ticks.map((tick) => {
        const tx = x(tick.at);
        return (
          <g key={tick.at} className="lane-tick" data-at={tick.at}>
            <line x1={tx} x2={tx} y1={labelY + 3} y2={bottom} className="lane-gridline" />
            <text x={tx} y={labelY} textAnchor="middle" className="lane-tick-label">
              {tick.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export const LaneAxis = memo(LaneAxisView);
