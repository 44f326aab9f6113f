// The fleet chart's legend: each version's swatch and name with how many members hold it now, newest band
// last as in the stack, and the deployment's current PercentageComplete. Imported only by FleetChart.tsx.
import { bandClass, round1, type ChartBand } from './fleetChartModel.js';

interface FleetLegendProps {
  bands: readonly ChartBand[];
  total: number;
  percent?: number;
}

export function FleetLegend({ bands, total, percent }: FleetLegendProps) {
  // Top band first, the order a reader scans the stack.
  const rows = [...bands].reverse();
  return (
    <ul className="fleet-legend" aria-label="Versions held now">
      {rows.map((b) => (
        <li key={b.key}>
          <span className={`fleet-swatch ${bandClass(b.colorIndex)}`} aria-hidden="true" />
          <span className="fleet-legend-name">{b.label}</span>
          <span className="fleet-legend-count">
            {b.current} of {total}
          </span>
        </li>
      ))}
      {percent !== undefined && (
        <li>
          <span className="fleet-swatch fleet-swatch-line" aria-hidden="true" />
          <span className="fleet-legend-name">Deployment</span>
          <span className="fleet-legend-count">{round1(percent)}%</span>
        </li>
      )}
    </ul>
  );
}
