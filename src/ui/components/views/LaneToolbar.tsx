// The toolbar above the timeline lanes: Zoom in, Zoom out and Fit (buttons, so keyboard users reach them
// with Tab as well as with + / - / 0 on the lanes) and whether the lanes follow the grid or keep their own
// window. Imported only by TimelineLanes.tsx, which owns the view (useLaneView.ts).
interface Props {
  /** No polls yet: nothing to zoom. */
  disabled: boolean;
  following: boolean;
  zoomIn: () => void;
  zoomOut: () => void;
  fit: () => void;
}

export function LaneToolbar({ disabled, following, zoomIn, zoomOut, fit }: Props) {
  return (
    <div className="lane-toolbar" role="group" aria-label="Lanes zoom">
      <button type="button" onClick={zoomIn} disabled={disabled} aria-keyshortcuts="+">
        Zoom in
      </button>
      <button type="button" onClick={zoomOut} disabled={disabled} aria-keyshortcuts="-">
        Zoom out
      </button>
      <button type="button" onClick={fit} disabled={disabled} aria-keyshortcuts="0">
        Fit
      </button>
      <span className="lane-mode" data-following={following}>
        {following
          ? 'Following the polls in the grid; wheel to zoom, drag to pan (keys on a mark: ←/→, + / -, 0)'
          : 'Own window: Fit follows the grid again'}
      </span>
    </div>
  );
}
