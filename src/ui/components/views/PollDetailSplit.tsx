// Where the "Poll detail" pane sits next to the timeline: beside it in a window at least 1,100 px wide, with
// a separator that resizes the pane by drag or ←/→ (width persisted), like a browser's Network panel; below
// it in a narrower panel (a 500 px VS Code panel), where the separator is hidden. Which of the two is CSS
// (pollDetail.css), so a resized window switches without a render. Rendered by SessionWorkspace.tsx.
import { useRef, type ReactNode } from 'react';
import type { CSSProperties, KeyboardEvent, PointerEvent } from 'react';
import { usePreference } from '../../usePreference.js';

export const DEFAULT_DETAIL_PX = 460;
export const MIN_DETAIL_PX = 320;
/** The timeline keeps at least this much beside the pane, whatever was stored or dragged. */
const MIN_TIMELINE_PX = 320;
const KEY_STEP_PX = 16;
const BIG_KEY_STEP_PX = 64;

/** A stored width is a whole number of px in a sane range; anything else (an old or hand-edited store) falls back. */
export function isDetailWidth(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= MIN_DETAIL_PX && value <= 4000
  );
}

interface Props {
  timeline: ReactNode;
  /** The pane, or nothing while it is closed (then the timeline has the whole width). */
  detail: ReactNode;
}

export function PollDetailSplit({ timeline, detail }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [stored, store] = usePreference('pollDetail.width', DEFAULT_DETAIL_PX, isDetailWidth);
  const drag = useRef<{ pointerId: number; startX: number; startWidth: number } | undefined>(
    undefined,
  );
  const boxWidth = () => boxRef.current?.getBoundingClientRect().width || 0;
  const clamp = (px: number) => {
    const max = Math.max(MIN_DETAIL_PX, boxWidth() - MIN_TIMELINE_PX);
    return Math.round(Math.min(max, Math.max(MIN_DETAIL_PX, px)));
  };
  // The CSS caps the pane's column so the timeline keeps MIN_TIMELINE_PX even when the window shrank since.
  const width = stored;

  const setLive = (px: number) => boxRef.current?.style.setProperty('--detail-width', `${px}px`);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    drag.current = { pointerId: e.pointerId, startX: e.clientX, startWidth: width };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  // While dragging only the CSS variable moves (no render per pointer move); the end is stored once.
  const widthAt = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current!;
    return clamp(d.startWidth - (e.clientX - d.startX));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId === e.pointerId) setLive(widthAt(e));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId !== e.pointerId) return;
    store(widthAt(e));
    drag.current = undefined;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? BIG_KEY_STEP_PX : KEY_STEP_PX;
    // The separator sits left of the pane: ← widens the pane, → narrows it.
    const next =
      e.key === 'ArrowLeft'
        ? width + step
        : e.key === 'ArrowRight'
          ? width - step
          : e.key === 'Home'
            ? DEFAULT_DETAIL_PX
            : undefined;
    if (next === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    store(clamp(next));
  };

  return (
    <div
      ref={boxRef}
      className={detail ? 'timeline-with-detail' : 'timeline-alone'}
      style={{ '--detail-width': `${width}px` } as CSSProperties}
    >
      <div className="timeline-split-main">{timeline}</div>
      {detail && (
        <div
          role="separator"
          aria-orientation="vertical"
          aria-label="Resize poll detail"
          aria-valuenow={width}
          aria-valuemin={MIN_DETAIL_PX}
          tabIndex={0}
          className="detail-resizer"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (drag.current = undefined)}
          onDoubleClick={() => store(DEFAULT_DETAIL_PX)}
          onKeyDown={onKeyDown}
        />
      )}
      {detail}
    </div>
  );
}
