// The "Absolute times" / "Relative times" switch above the timeline grid: whether the Sent column shows the
// local clock time or the time since the session started. Imported only by Timeline.tsx; the choice is a
// persisted preference held by useTimelineLayout.ts.
import type { TimeMode } from './timelineColumns.js';

interface TimeModeToggleProps {
  mode: TimeMode;
  onChange: (mode: TimeMode) => void;
}

const OPTIONS: readonly { mode: TimeMode; label: string; hint: string }[] = [
  { mode: 'absolute', label: 'Absolute times', hint: 'Sent as the local clock time' },
  {
    mode: 'relative',
    label: 'Relative times',
    hint: 'Sent as the time since the session started',
  },
];

export function TimeModeToggle({ mode, onChange }: TimeModeToggleProps) {
  return (
    <div className="segmented time-mode-toggle" role="group" aria-label="Time display">
      {OPTIONS.map((option) => (
        <button
          key={option.mode}
          type="button"
          aria-pressed={mode === option.mode}
          title={option.hint}
          onClick={() => onChange(option.mode)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
