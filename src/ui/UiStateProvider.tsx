// The one small context for UI state: a reducer seeded from the host's StateStore and saved back on change.
// Imported by main.tsx (provider) and shell components (useUiState); imports only uiState.ts and React.
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  type Dispatch,
  type ReactNode,
} from 'react';
import {
  restoreUiState,
  serializeUiState,
  uiReducer,
  type StateStore,
  type UiAction,
  type UiState,
} from './uiState.js';

interface UiStateValue {
  state: UiState;
  dispatch: Dispatch<UiAction>;
}

const UiStateContext = createContext<UiStateValue | undefined>(undefined);

export function UiStateProvider({ store, children }: { store: StateStore; children?: ReactNode }) {
  const [state, dispatch] = useReducer(uiReducer, store, (s) => restoreUiState(s.load()));
  useEffect(() => {
    store.save(serializeUiState(state));
  }, [store, state]);
  const value = useMemo(() => ({ state, dispatch }), [state]);
  return <UiStateContext.Provider value={value}>{children}</UiStateContext.Provider>;
}

export function useUiState(): UiStateValue {
  const value = useContext(UiStateContext);
  if (!value) throw new Error('useUiState needs a <UiStateProvider> above it.');
  return value;
}
