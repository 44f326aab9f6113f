// The fleet chart: stacked areas of how many members hold each version over time, the deployment's
// PercentageComplete as a step line on the same 0–100% height, a legend with today's split, and a crosshair
// with exact counts under the pointer (or the arrow keys). SVG only; colours are CSS variables (fleet.css), so
// it follows the light/dark page and the VS Code theme without re-rendering. Geometry is fleetChartModel.ts.
import {
  memo,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { RolloutSample } from '../../../core/rollout.js';
import { FleetLegend } from './FleetLegend.js';
import {
  bandClass,
  chartGeometry,
  chartSummary,
  hoverReadout,
  nearestSample,
  percentAt,
  round1,
  timeAtX,
  type ChartGeometry,
  type PercentPoint,
} from './fleetChartModel.js';
import { tickLabel } from './timeAxis.js';
import './fleet.css';

export interface FleetChartProps {
  samples: readonly RolloutSample[];
  /** contentHash → version label. */
  labels: Readonly<Record<string, string>>;
  /** PercentageComplete over time (percentSteps of the deployment's event log); empty without a deployment. */
  percent: readonly PercentPoint[];
  /** The fleet's size, so members yet to poll still count in the height. */
  size?: number;
  height?: number;
}

const FALLBACK_WIDTH = 640;

/**
 * What the crosshair follows. The series is re-read every second and its time span grows, so a pointer
 * keeps its pixel (the crosshair stays under it) and a key press keeps its time (the read-out stays on the
 * moment chosen); either is turned into the nearest sample on every render.
 */
type Hover = { px: number } | { at: number };

export function FleetChart({ samples, labels, percent, size, height = 220 }: FleetChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<Hover | undefined>(undefined);
  const descId = useId();

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return undefined;
    const measure = () => setWidth(Math.round(box.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const drawWidth = width || FALLBACK_WIDTH;
  // The only O(bands × samples) work; hover and theme changes reuse it.
  const geometry = useMemo(
    () => chartGeometry(samples, labels, percent, { width: drawWidth, height }, size),
    [samples, labels, percent, drawWidth, height, size],
  );
  const last = samples[samples.length - 1];
  const currentPercent = last ? percentAt(percent, last.at) : undefined;
  const summary = chartSummary(geometry, currentPercent);
  const hoverAt = hover && ('at' in hover ? hover.at : timeAtX(geometry, hover.px));
  const index = hoverAt === undefined ? -1 : nearestSample(samples, hoverAt);
  const sample = index < 0 ? undefined : samples[index];

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    setHover({ px: e.clientX - e.currentTarget.getBoundingClientRect().left });
  };

  // Keyboard users walk the samples the way a pointer would.
  const onKeyDown = (e: KeyboardEvent) => {
    if (samples.length === 0) return;
    const moves: Record<string, number> = {
      ArrowLeft: (sample ? index : samples.length) - 1,
      ArrowRight: (sample ? index : -1) + 1,
      Home: 0,
      End: samples.length - 1,
    };
    const next = moves[e.key];
    if (e.key === 'Escape') setHover(undefined);
    if (next === undefined) return;
    e.preventDefault();
    setHover({ at: samples[Math.max(0, Math.min(samples.length - 1, next))]!.at });
  };

  return (
    <figure className="fleet-chart">
      <div
        ref={boxRef}
        className="fleet-chart-box"
        role="group"
        aria-label="Rollout chart"
        tabIndex={0}
        aria-describedby={descId}
        onKeyDown={onKeyDown}
        onBlur={() => setHover(undefined)}
      >
        <svg
          role="img"
          aria-label={summary}
          width={drawWidth}
          height={height}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(undefined)}
        >
          <ChartLayers geometry={geometry} />
          {sample && <Crosshair geometry={geometry} at={sample.at} />}
        </svg>
        {sample && (
          <HoverBox
            geometry={geometry}
            readout={hoverReadout(geometry, sample, percent)}
            width={drawWidth}
          />
        )}
      </div>
      <p id={descId} className="fleet-sr">
        Arrow keys move through time and read the counts at each sample.
      </p>
      <FleetLegend bands={geometry.bands} total={geometry.total} percent={currentPercent} />
    </figure>
  );
}

/** Axes, bands and the percent line; memoized so moving the crosshair does not re-diff 300-point paths. */
const ChartLayers = memo(function ChartLayers({ geometry: g }: { geometry: ChartGeometry }) {
  const { plot } = g;
  return (
    <g aria-hidden="true">
      {g.memberTicks.map((t) => (
        <g key={`m${t.label}`}>
          <line x1={plot.left} x2={plot.right} y1={t.pos} y2={t.pos} className="fleet-grid" />
          <text x={plot.left - 6} y={t.pos} className="fleet-axis" textAnchor="end" dy="0.32em">
            {t.label}
          </text>
        </g>
      ))}
      {g.bands.map((b) => (
        <path key={b.key} d={b.path} className={`fleet-band ${bandClass(b.colorIndex)}`} />
      ))}
      {g.percentPath && (
        <>
          <path d={g.percentPath} className="fleet-percent-halo" />
          <path d={g.percentPath} className="fleet-percent" />
        </>
      )}
      {g.percentTicks.map((t) => (
        <text key={`p${t.label}`} x={plot.right + 6} y={t.pos} className="fleet-axis" dy="0.32em">
          {t.label}
        </text>
      ))}
      <line
        x1={plot.left}
        x2={plot.right}
        y1={plot.bottom}
        y2={plot.bottom}
        className="fleet-baseline"
      />
      {g.timeTicks.map((t) => (
        <g key={`t${t.pos}`}>
          <line
            x1={t.pos}
            x2={t.pos}
            y1={plot.bottom}
            y2={plot.bottom + 4}
            className="fleet-baseline"
          />
          <text x={t.pos} y={plot.bottom + 15} className="fleet-axis" textAnchor="middle">
            {t.label}
          </text>
        </g>
      ))}
    </g>
  );
});

function Crosshair({ geometry: g, at }: { geometry: ChartGeometry; at: number }) {
  const span = g.to - g.from || 1;
  const x = g.plot.left + ((at - g.from) / span) * (g.plot.right - g.plot.left);
  return (
    <line
      x1={x}
      x2={x}
      y1={g.plot.top}
      y2={g.plot.bottom}
      className="fleet-crosshair"
      aria-hidden="true"
    />
  );
}

function HoverBox({
  geometry: g,
  readout,
  width,
}: {
  geometry: ChartGeometry;
  readout: ReturnType<typeof hoverReadout>;
  width: number;
}) {
  const span = g.to - g.from || 1;
  const x = g.plot.left + ((readout.at - g.from) / span) * (g.plot.right - g.plot.left);
  // The box sits beside the crosshair, on whichever side has room.
  const style = x > width / 2 ? { right: width - x + 8 } : { left: x + 8 };
  return (
    <div className="fleet-hover" style={{ ...style, top: g.plot.top }} role="status">
      <strong>{tickLabel(readout.at, 0)}</strong>
      <ul>
        {readout.rows.map((row) => (
          <li key={row.key}>
            <span className={`fleet-swatch ${bandClass(row.colorIndex)}`} aria-hidden="true" />
            {row.label}: {row.count}
          </li>
        ))}
      </ul>
      {readout.percent !== undefined && <span>Deployment: {round1(readout.percent)}%</span>}
    </div>
  );
}
