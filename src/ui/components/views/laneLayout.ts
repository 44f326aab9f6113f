// Vertical layout of the timeline lanes (axis, tokens, schedule, deploys) and the plot's side margins, in SVG
// pixels. Imported by TimelineLanes.tsx, LaneMarks.tsx and DeploymentLaneMarks.tsx so they draw on one grid.
export const LANE = {
  /** Left margin for the lane names; marks start right of it. */
  gutter: 72,
  right: 12,
  axisLabelY: 12,
  tokenY: 32,
  /** Reused and stale tokens branch down to here. */
  branchY: 50,
  scheduleY: 70,
  scheduleHalf: 7,
  deployY: 94,
  height: 106,
} as const;
