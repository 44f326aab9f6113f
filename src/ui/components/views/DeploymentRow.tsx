// A deployment marker as a row of the timeline grid, between the polls it happened between: the time and a
// short label ("Deployment #3 at 50%"). Imported only by Timeline.tsx; positioned by its virtualised window.
import { memo } from 'react';
import type { DeploymentMarker } from '../../../core/deploymentMarkers.js';
import { formatClock } from './format.js';
import './deploymentMarks.css';

interface DeploymentRowProps {
  marker: DeploymentMarker;
  rowIndex: number;
  columns: number;
}

function DeploymentRowView({ marker, rowIndex, columns }: DeploymentRowProps) {
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      data-deployment={marker.deploymentNumber}
      className={`timeline-row deployment-row deployment-${marker.kind}`}
    >
      <div role="gridcell" aria-colspan={columns} className="deployment-cell">
        <span className="deployment-time">{formatClock(marker.at)}</span>
        <span className="deployment-label">{marker.label}</span>
      </div>
    </div>
  );
}

export const DeploymentRow = memo(DeploymentRowView);
