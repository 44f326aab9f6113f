// The draggable edge of one timeline column header: a focusable vertical separator that resizes its column
// by pointer drag or ←/→ (Shift for bigger steps), and resets it on double-click. Imported only by
// TimelineHeader.tsx; widths go back through useTimelineLayout's resize/reset.
import { useRef } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { clampWidth, keyResize, MAX_COLUMN_PX, MIN_COLUMN_PX } from './timelineColumns.js';

interface ColumnResizerProps {
  columnId: string;
  label: string;
  /** The width the column renders at now (px), measured by the header. */
  width: number;
  onResize: (id: string, px: number, commit: boolean) => void;
  onReset: (id: string) => void;
}

export function ColumnResizer({ columnId, label, width, onResize, onReset }: ColumnResizerProps) {
  const drag = useRef<{ startX: number; startWidth: number; pointerId: number } | undefined>(
    undefined,
  );

  const widthAt = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    return d ? clampWidth(d.startWidth + e.clientX - d.startX) : width;
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    // Start from the rendered width: a flexible column has no stored one yet.
    const cell = e.currentTarget.parentElement;
    const startWidth = cell ? cell.getBoundingClientRect().width : width;
    drag.current = { startX: e.clientX, startWidth, pointerId: e.pointerId };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId === e.pointerId) onResize(columnId, widthAt(e), false);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId !== e.pointerId) return;
    onResize(columnId, widthAt(e), true);
    drag.current = undefined;
  };
  const onPointerCancel = () => {
    drag.current = undefined;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = keyResize(e.key, e.shiftKey, width);
    if (next === undefined) return;
    // The grid handles arrow keys itself (row navigation); this key belongs to the separator.
    e.preventDefault();
    e.stopPropagation();
    onResize(columnId, next, true);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={`Resize the ${label} column`}
      aria-valuenow={Math.round(width)}
      aria-valuemin={MIN_COLUMN_PX}
      aria-valuemax={MAX_COLUMN_PX}
      title="Drag to resize (or ←/→); double-click to reset"
      tabIndex={0}
      className="column-resizer"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerCancel}
      onDoubleClick={() => onReset(columnId)}
      onKeyDown={onKeyDown}
    />
  );
}
