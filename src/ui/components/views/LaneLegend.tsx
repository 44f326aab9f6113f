// The key under the timeline lanes: what each mark and colour means. Imported only by TimelineLanes.tsx;
// hidden from screen readers, which get the grid and the lanes' own label instead.
export function LaneLegend() {
  return (
    <p className="lane-legend" aria-hidden="true">
      <span className="legend-dot" /> token issued <span className="legend-branch" /> reused / stale
      token <span className="legend-wait" /> waited <span className="legend-due" /> due{' '}
      <span className="legend-sent" /> sent <span className="legend-early" /> sent early{' '}
      <span className="legend-deploy" /> deployment event <span className="legend-receipt" /> got a
      deployment&apos;s version
    </p>
  );
}
