// The filter bar above the poll timeline: a search box, toggle chips for outcome, flag and call kind with
// their counts, "Clear filters", and how many polls are shown. `/` anywhere outside a text field focuses the
// search. Imported only by Timeline.tsx; the filter state (chips remembered, text not) is useTimelineFilter.ts
// and the matching core/pollFilter.ts.
import { useEffect, useId, useRef } from 'react';
import {
  CALL_FACETS,
  EMPTY_FILTER,
  isFilterActive,
  OUTCOME_FACETS,
  type CallFacet,
  type FacetCounts,
  type OutcomeFacet,
  type PollFilter,
} from '../../../core/pollFilter.js';
import './TimelineFilter.css';

interface TimelineFilterProps {
  filter: PollFilter;
  onChange: (filter: PollFilter) => void;
  counts: FacetCounts;
  shown: number;
  total: number;
}

const OUTCOME_LABELS: Record<OutcomeFacet, string> = {
  content: 'New content',
  unchanged: 'Unchanged',
  error: 'Error',
  started: 'Session started',
};
const CALL_LABELS: Record<CallFacet, string> = { start: 'Start', poll: 'Poll' };

function toggled<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** Where `/` is a character being typed, not a shortcut: text fields and editors (Monaco's is a textarea). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('.monaco-editor')) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

function Chip({
  label,
  count,
  pressed,
  onToggle,
}: {
  label: string;
  count: number;
  pressed: boolean;
  onToggle: () => void;
}) {
  return (
    <button type="button" className="filter-chip" aria-pressed={pressed} onClick={onToggle}>
      {/* The visible text is the accessible name (WCAG 2.5.3), count included: "Polled too early (2)". */}
      {label} <span className="filter-count">({count})</span>
    </button>
  );
}

export function TimelineFilter({ filter, onChange, counts, shown, total }: TimelineFilterProps) {
  const searchRef = useRef<HTMLInputElement>(null);
  const searchId = useId();

  useEffect(() => {
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      if (isTyping(e.target)) return;
      e.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  // Titles present in the ledger, plus a chosen one that no longer is (so it can still be turned off).
  const flagTitles = [...new Set([...Object.keys(counts.flags), ...filter.flags])].sort();

  return (
    <div className="timeline-filter" role="search" aria-label="Filter polls">
      <label htmlFor={searchId} className="visually-hidden">
        Search polls
      </label>
      <input
        id={searchId}
        ref={searchRef}
        type="search"
        className="filter-search"
        placeholder="version, token, error…"
        aria-keyshortcuts="/"
        value={filter.text}
        onChange={(e) => onChange({ ...filter, text: e.target.value })}
      />
      <div role="group" aria-label="Outcome" className="filter-group">
        {OUTCOME_FACETS.map((o) => (
          <Chip
            key={o}
            label={OUTCOME_LABELS[o]}
            count={counts.outcomes[o]}
            pressed={filter.outcomes.includes(o)}
            onToggle={() => onChange({ ...filter, outcomes: toggled(filter.outcomes, o) })}
          />
        ))}
      </div>
      {flagTitles.length > 0 && (
        <div role="group" aria-label="Flag" className="filter-group">
          {flagTitles.map((title) => (
            <Chip
              key={title}
              label={title}
              count={counts.flags[title] ?? 0}
              pressed={filter.flags.includes(title)}
              onToggle={() => onChange({ ...filter, flags: toggled(filter.flags, title) })}
            />
          ))}
        </div>
      )}
      <div role="group" aria-label="Call" className="filter-group">
        {CALL_FACETS.map((c) => (
          <Chip
            key={c}
            label={CALL_LABELS[c]}
            count={counts.calls[c]}
            pressed={filter.calls.includes(c)}
            onToggle={() => onChange({ ...filter, calls: toggled(filter.calls, c) })}
          />
        ))}
      </div>
      <output className="filter-status" aria-live="polite">
        {shown} of {total} polls
      </output>
      <button
        type="button"
        className="filter-clear"
        disabled={!isFilterActive(filter) && filter.text === ''}
        onClick={() => onChange(EMPTY_FILTER)}
      >
        Clear filters
      </button>
    </div>
  );
}
