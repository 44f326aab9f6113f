// A deployment marker as a row of the timeline grid, between the polls it happened between: the time and a
// short label ("Deployment #3 at 50%"). Imported only by Timeline.tsx; positioned by its virtualised window.
import { memo } from 'react';
import type { DeploymentMarker } from '../../../core/deploymentMarkers.js';
import { formatClock, formatRelative } from './format.js';
import './deploymentMarks.css';

interface DeploymentRowProps {
  marker: DeploymentMarker;
  rowIndex: number;
  columns: number;
  /** Relative times: milliseconds are shown from here (the session's start), as the poll rows do. */
  timeOrigin?: number;
}

function DeploymentRowView({ marker, rowIndex, columns, timeOrigin }: DeploymentRowProps) {
  const absolute = formatClock(marker.at);
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      data-deployment={marker.deploymentNumber}
      className={`timeline-row deployment-row deployment-${marker.kind}`}
    >
      <div role="gridcell" aria-colspan={columns} className="deployment-cell">
        <span
          className="deployment-time"
          {...(timeOrigin !== undefined ? { title: absolute } : {})}
        >
          {timeOrigin === undefined ? absolute : formatRelative(marker.at - timeOrigin)}
        </span>
        <span className="deployment-label">{marker.label}</span>
      </div>
    </div>
  );
}

export const DeploymentRow = memo(DeploymentRowView);
