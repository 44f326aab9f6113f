// Time-axis ticks of the fleet chart: round local clock times (every 5 s, 1 min, 1 h, …) that fit the width.
// Pure; imported by fleetChartModel.ts and FleetChart.tsx (the hover box's time).
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const TICK_STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

const pad = (n: number) => String(n).padStart(2, '0');

/** Local clock time; seconds only when the ticks are less than a minute apart. */
export function tickLabel(at: number, stepMs: number): string {
  const d = new Date(at);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return stepMs < MINUTE ? `${hm}:${pad(d.getSeconds())}` : hm;
}

/** Round times (every 5 s, 1 min, …) between `from` and `to`, at most `maxTicks` of them. */
export function timeTicks(
  from: number,
  to: number,
  maxTicks: number,
): { at: number; label: string }[] {
  if (!(to > from) || maxTicks < 1) return [];
  const step =
    TICK_STEPS.find((s) => (to - from) / s <= maxTicks) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  // Whole hours and days fall on local time, so align to the local offset (hours differ from UTC by zones).
  const offset = new Date(from).getTimezoneOffset() * MINUTE;
  const first = Math.ceil((from - offset) / step) * step + offset;
  const ticks: { at: number; label: string }[] = [];
  for (let at = first; at <= to; at += step) ticks.push({ at, label: tickLabel(at, step) });
  return ticks;
}
