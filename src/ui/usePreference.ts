// One persisted UI preference (theme, time display, column widths, recent identifiers): read through a
// validator, since the store may hold anything an older build or a hand edit left there, and written back
// through the UI state reducer, so it survives a reload in the browser and in the VS Code webview alike.
// Imported by the components that own a preference; imports the UI state context only.
import { useCallback } from 'react';
import { useUiState } from './UiStateProvider.js';

/** `[value, set]`: `value` is the stored one when `isValid` accepts it, else `fallback`. */
export function usePreference<T>(
  key: string,
  fallback: T,
  isValid: (value: unknown) => value is T,
): [T, (value: T) => void] {
  const { state, dispatch } = useUiState();
  const stored = state.preferences[key];
  const value = isValid(stored) ? stored : fallback;
  const set = useCallback(
    (next: T) => dispatch({ type: 'preferenceSet', key, value: next }),
    [dispatch, key],
  );
  return [value, set];
}
