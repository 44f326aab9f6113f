// The timeline grid's header row: one column header per column, each with a resize separator on its right
// edge. Imported only by Timeline.tsx; the column list and widths come from timelineColumns.ts and
// useTimelineLayout.ts. Hidden (CSS) when rows stack into cards, whose cells carry their own labels.
import { useLayoutEffect, useRef, useState } from 'react';
import { ColumnResizer } from './ColumnResizer.js';
import { TIMELINE_COLUMNS } from './timelineColumns.js';

interface TimelineHeaderProps {
  onResize: (id: string, px: number, commit: boolean) => void;
  onReset: (id: string) => void;
}

export function TimelineHeader({ onResize, onReset }: TimelineHeaderProps) {
  const rowRef = useRef<HTMLDivElement>(null);
  // Rendered widths (px) for the separators' aria-valuenow and keyboard steps; flexible columns have no
  // stored width, so the header measures what the grid gave them.
  const [measured, setMeasured] = useState<readonly number[]>([]);
  useLayoutEffect(() => {
    const row = rowRef.current;
    if (!row) return undefined;
    const cells = Array.from(row.children) as HTMLElement[];
    const measure = () => {
      const next = cells.map((c) => Math.round(c.getBoundingClientRect().width));
      setMeasured((prev) =>
        prev.length === next.length && prev.every((w, i) => w === next[i]) ? prev : next,
      );
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    for (const cell of cells) observer.observe(cell);
    return () => observer.disconnect();
  }, []);

  return (
    <div role="rowgroup" className="timeline-head">
      <div role="row" aria-rowindex={1} className="timeline-row timeline-header-row" ref={rowRef}>
        {TIMELINE_COLUMNS.map((column, i) => (
          <div
            role="columnheader"
            key={column.id}
            data-column={column.id}
            // Named explicitly: from its content the name would also take in the separator's label.
            aria-label={column.title ?? column.label}
            {...(column.title ? { title: column.title } : {})}
          >
            <span className="column-label">{column.label}</span>
            <ColumnResizer
              columnId={column.id}
              label={column.title ?? column.label}
              width={measured[i] ?? 0}
              onResize={onResize}
              onReset={onReset}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
