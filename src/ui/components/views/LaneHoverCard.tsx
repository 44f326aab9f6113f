// The small card shown while the pointer is over a lane mark: the poll's exact times, interval asked and
// waited, outcome and token (text from laneTooltip.ts). Imported only by TimelineLanes.tsx, which positions it.
interface Props {
  lines: readonly string[];
  /** Pointer position inside the lanes box, in CSS pixels. */
  left: number;
  top: number;
  /** Width of the lanes box, to keep the card inside it. */
  boxWidth: number;
}

const CARD_WIDTH = 340;

export function LaneHoverCard({ lines, left, top, boxWidth }: Props) {
  if (lines.length === 0) return null;
  const x = Math.max(4, Math.min(left + 12, boxWidth - CARD_WIDTH - 4));
  return (
    <div role="tooltip" className="lane-hovercard" style={{ left: x, top: top + 14 }}>
      {lines.map((line, i) => (
        <div key={i} className={i === 0 ? 'lane-hovercard-title' : undefined}>
          {line}
        </div>
      ))}
    </div>
  );
}
