// Pure geometry and wording of the fleet chart: stacked areas of how many members hold each version over time
// (from core/rollout.ts samples), the deployment's PercentageComplete as a step line on the same height (100%
// is the whole fleet, so a 50% step lines up with half the members), time ticks, hover read-outs and the
// accessible summary. No React, no DOM: FleetChart.tsx memoizes `chartGeometry` and draws what it returns.
import type { RolloutSample } from '../../../core/rollout.js';
import type { DeploymentEventInfo } from '../../../protocol/deploymentTypes.js';
import { timeTicks } from './timeAxis.js';

/** PercentageComplete from `at` on, until the next point. */
export interface PercentPoint {
  at: number;
  percent: number;
}

/** Key of the "holds no configuration yet" band; never a content hash (those are 64 hex digits). */
export const NONE_KEY = 'none';

/** How many distinct colours the stylesheet defines (--fleet-color-0 … -7); more versions reuse them. */
export const PALETTE_SIZE = 8;

export interface ChartSize {
  width: number;
  height: number;
}

/** Room for the member axis on the left, the percent axis on the right and time labels below. */
export const MARGIN = { left: 40, right: 44, top: 10, bottom: 22 } as const;

export interface ChartBand {
  key: string;
  label: string;
  /** Index into the palette; 'none' draws in the muted colour instead. */
  colorIndex: number;
  /** SVG path of the band's area (closed). */
  path: string;
  /** Members holding it at the newest sample. */
  current: number;
}

export interface ChartTick {
  pos: number;
  label: string;
}

export interface ChartGeometry {
  bands: ChartBand[];
  /** Step line of PercentageComplete; empty when the deployment is unknown. */
  percentPath: string;
  timeTicks: ChartTick[];
  memberTicks: ChartTick[];
  percentTicks: ChartTick[];
  /** The fleet's size: the height of the stack and of 100%. */
  total: number;
  from: number;
  to: number;
  plot: { left: number; right: number; top: number; bottom: number };
}

/** "Configuration available to 20.00% of clients" (AWS and the emulator word PERCENTAGE_UPDATED this way). */
const PERCENT_IN_TEXT = /(\d+(?:\.\d+)?)\s*%/;

/**
 * PercentageComplete over time from a deployment's event log (oldest first). It starts at 0 when the deployment
 * starts and follows each PERCENTAGE_UPDATED. After a rollback or revert AWS still reports the last
 * percentage, but no client is offered the version any more, so the line drops to 0: what the chart compares
 * with the members is the share meant to hold the new version.
 */
export function percentSteps(eventLog: readonly DeploymentEventInfo[]): PercentPoint[] {
  const points: PercentPoint[] = [];
  for (const e of eventLog) {
    if (e.occurredAt === undefined) continue;
    let percent: number | undefined;
    if (e.eventType === 'DEPLOYMENT_STARTED') percent = 0;
    else if (e.eventType === 'PERCENTAGE_UPDATED') {
      const match = PERCENT_IN_TEXT.exec(e.description ?? '');
      if (match) percent = Math.min(100, Number(match[1]));
    } else if (e.eventType === 'ROLLBACK_COMPLETED' || e.eventType === 'REVERT_COMPLETED')
      percent = 0;
    if (percent !== undefined) points.push({ at: e.occurredAt, percent });
  }
  return points.sort((a, b) => a.at - b.at);
}

/** PercentageComplete in force at `at`; undefined before the deployment started or without one. */
export function percentAt(points: readonly PercentPoint[], at: number): number | undefined {
  let value: number | undefined;
  for (const p of points) {
    if (p.at > at) break;
    value = p.percent;
  }
  return value;
}

/** The name a version goes by: its label, else the start of its hash. */
export function versionName(labels: Readonly<Record<string, string>>, key: string): string {
  if (key === NONE_KEY) return 'No configuration yet';
  return labels[key] ?? `#${key.slice(0, 8)}`;
}

/**
 * Band order from the bottom up: the version first seen last is at the bottom, so the newest version grows
 * from the baseline beside the percent line; older versions stack above it, "none" on top. First-seen order
 * is stable, so a rollback does not reshuffle the colours.
 */
export function bandOrder(samples: readonly RolloutSample[]): string[] {
  const seen: string[] = [];
  const known = new Set<string>();
  let anyNone = false;
  for (const s of samples) {
    if (s.none > 0) anyNone = true;
    for (const key of Object.keys(s.counts)) {
      if (!known.has(key) && (s.counts[key] ?? 0) > 0) {
        known.add(key);
        seen.push(key);
      }
    }
  }
  const order = seen.reverse();
  if (anyNone) order.push(NONE_KEY);
  return order;
}

const countOf = (s: RolloutSample, key: string) =>
  key === NONE_KEY ? s.none : (s.counts[key] ?? 0);

function sampleTotal(s: RolloutSample): number {
  let n = s.none;
  for (const key in s.counts) n += s.counts[key] ?? 0;
  return n;
}

/** One decimal is finer than a pixel and keeps 300-point paths short. */
const r = (n: number) => Math.round(n * 10) / 10;

/**
 * Everything the chart draws, in pixels. `size` is the fleet's size when known (members that have not
 * started yet count as none); otherwise the largest sample total. O(bands × samples).
 */
export function chartGeometry(
  samples: readonly RolloutSample[],
  labels: Readonly<Record<string, string>>,
  percent: readonly PercentPoint[],
  { width, height }: ChartSize,
  size?: number,
): ChartGeometry {
  const plot = {
    left: MARGIN.left,
    right: Math.max(MARGIN.left + 1, width - MARGIN.right),
    top: MARGIN.top,
    bottom: Math.max(MARGIN.top + 1, height - MARGIN.bottom),
  };
  let total = size ?? 0;
  for (const s of samples) total = Math.max(total, sampleTotal(s));
  const from = samples[0]?.at ?? 0;
  const to = samples[samples.length - 1]?.at ?? from;
  const span = to - from || 1;
  const x = (at: number) => r(plot.left + ((at - from) / span) * (plot.right - plot.left));
  const y = (members: number) =>
    r(plot.bottom - (total > 0 ? members / total : 0) * (plot.bottom - plot.top));

  const order = bandOrder(samples);
  const base = new Float64Array(samples.length);
  let colour = 0;
  const bands: ChartBand[] = order.map((key) => {
    const top: string[] = [];
    const bottom: string[] = [];
    samples.forEach((s, i) => {
      const b = base[i]!;
      const c = countOf(s, key);
      top.push(`${x(s.at)} ${y(b + c)}`);
      bottom.push(`${x(s.at)} ${y(b)}`);
      base[i] = b + c;
    });
    const path = top.length ? `M${top.join('L')}L${bottom.reverse().join('L')}Z` : '';
    const last = samples[samples.length - 1];
    return {
      key,
      label: versionName(labels, key),
      colorIndex: key === NONE_KEY ? -1 : colour++ % PALETTE_SIZE,
      path,
      current: last ? countOf(last, key) : 0,
    };
  });

  const percentPath = stepPath(percent, from, to, x, (p) => y((p / 100) * total));
  const ticks = timeTicks(from, to, Math.max(2, Math.floor((plot.right - plot.left) / 90)));
  return {
    bands,
    percentPath: total > 0 ? percentPath : '',
    timeTicks: ticks.map((t) => ({ pos: x(t.at), label: t.label })),
    memberTicks:
      total > 0
        ? [0, Math.round(total / 2), total].map((n) => ({ pos: y(n), label: String(n) }))
        : [],
    percentTicks:
      total > 0 ? [0, 50, 100].map((p) => ({ pos: y((p / 100) * total), label: `${p}%` })) : [],
    total,
    from,
    to,
    plot,
  };
}

/** A step line: flat until the next point, then straight up or down; clipped to [from, to]. */
function stepPath(
  points: readonly PercentPoint[],
  from: number,
  to: number,
  x: (at: number) => number,
  y: (percent: number) => number,
): string {
  if (points.length === 0 || to <= from) return '';
  const start = percentAt(points, from);
  const inside = points.filter((p) => p.at > from && p.at <= to);
  let d = '';
  if (start !== undefined) d = `M${x(from)} ${y(start)}`;
  for (const p of inside) {
    d += d ? `H${x(p.at)}V${y(p.percent)}` : `M${x(p.at)} ${y(p.percent)}`;
  }
  return d ? `${d}H${x(to)}` : '';
}

/** Index of the sample nearest to `at` (samples sorted by time); -1 when there are none. */
export function nearestSample(samples: readonly RolloutSample[], at: number): number {
  if (samples.length === 0) return -1;
  let lo = 0;
  let hi = samples.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid]!.at < at) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && at - samples[lo - 1]!.at <= samples[lo]!.at - at) return lo - 1;
  return lo;
}

/** The time under a pointer at pixel `px` of the plot. */
export function timeAtX(g: ChartGeometry, px: number): number {
  const frac = (px - g.plot.left) / (g.plot.right - g.plot.left || 1);
  return g.from + Math.max(0, Math.min(1, frac)) * (g.to - g.from);
}

export interface HoverReadout {
  at: number;
  rows: { key: string; label: string; colorIndex: number; count: number }[];
  percent?: number;
}

/** Exact counts of every band and PercentageComplete at one sample, in legend order (top band first). */
export function hoverReadout(
  g: ChartGeometry,
  sample: RolloutSample,
  percent: readonly PercentPoint[],
): HoverReadout {
  const rows = [...g.bands].reverse().map((b) => ({
    key: b.key,
    label: b.label,
    colorIndex: b.colorIndex,
    count: countOf(sample, b.key),
  }));
  const p = percentAt(percent, sample.at);
  return p === undefined ? { at: sample.at, rows } : { at: sample.at, rows, percent: p };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One sentence for screen readers: the split now, biggest first, and the deployment's percentage. */
export function chartSummary(g: ChartGeometry, currentPercent?: number): string {
  if (g.total === 0) return 'Fleet chart: no members have polled yet.';
  const held = g.bands
    .filter((b) => b.current > 0)
    .sort((a, b) => b.current - a.current)
    .map((b) =>
      b.key === NONE_KEY
        ? `${b.current} hold no configuration yet`
        : `${b.current} hold ${b.label}`,
    );
  const split = held.length ? held.join(', ') : 'none hold a version';
  const deployment =
    currentPercent === undefined ? '' : ` The deployment is at ${round1(currentPercent)}%.`;
  return `Fleet of ${plural(g.total, 'member', 'members')}: ${split}.${deployment}`;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** CSS class of a band's colour: a palette slot (fleet.css), or the muted "none" band. */
export const bandClass = (colorIndex: number) =>
  colorIndex < 0 ? 'fleet-none' : `fleet-c${colorIndex}`;
