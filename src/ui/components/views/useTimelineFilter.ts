// The timeline's filter state and its result: the chips (outcome, flag, call) persisted as the
// 'timeline.filter' preference, the free text held only in memory, and the one filter pass over the ledger
// (core/pollFilter.ts). Imported only by Timeline.tsx, which hands the filter to TimelineFilter.tsx.
import { useDeferredValue, useMemo, useState } from 'react';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import type { PollEvent } from '../../../core/ledger.js';
import {
  EMPTY_STORED_FILTER,
  filterPolls,
  isStoredPollFilter,
  type PollFilter,
} from '../../../core/pollFilter.js';
import { usePreference } from '../../usePreference.js';

export function useTimelineFilter(
  events: readonly PollEvent[],
  flagsBySeq: ReadonlyMap<number, readonly Anomaly[]>,
) {
  // The chips are remembered per browser or VS Code panel, across reloads and sessions: they name kinds of
  // polls, meaningful in any session (a stored value that is not a filter reads as none). The free text is
  // not: it is nearly always one poll's token fingerprint, request id or version, so restored into another
  // session (or after the ledger moved on) it would silently hide almost every row; it also changes on
  // every keystroke, and each stored change goes through the app-wide UI state.
  const [chips, storeChips] = usePreference(
    'timeline.filter',
    EMPTY_STORED_FILTER,
    isStoredPollFilter,
  );
  const [text, setText] = useState('');
  const filter = useMemo<PollFilter>(() => ({ ...chips, text }), [chips, text]);
  const setFilter = (next: PollFilter) => {
    const { text: nextText, ...nextChips } = next;
    const changed =
      nextChips.outcomes !== chips.outcomes ||
      nextChips.flags !== chips.flags ||
      nextChips.calls !== chips.calls;
    if (changed) storeChips(nextChips);
    setText(nextText);
  };
  // Typing stays responsive on 10,000 polls: the one linear filter pass runs on the deferred value, and
  // only when events, flags or filter change.
  const deferredFilter = useDeferredValue(filter);
  const filtered = useMemo(
    () => filterPolls(events, flagsBySeq, deferredFilter),
    [events, flagsBySeq, deferredFilter],
  );
  return { filter, setFilter, filtered };
}
