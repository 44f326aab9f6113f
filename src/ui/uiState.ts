// UI-only state (what is selected, which tab, diff options) as a reducer, plus the one tiny persistence helper:
// a StateStore is localStorage in a browser and vscode.getState/setState in a webview (transport/ picks which).
// Imported by UiStateProvider.tsx, the transports and tests; imports nothing from the app.

export type TabId = 'timeline' | 'versions' | 'raw' | 'deployments';

export const TABS: readonly { id: TabId; label: string }[] = [
  { id: 'timeline', label: 'Timeline' },
  { id: 'versions', label: 'Versions & diff' },
  { id: 'raw', label: 'Raw' },
  { id: 'deployments', label: 'Deployments' },
];

export interface DiffOptions {
  sideBySide: boolean;
  /** Pretty-print and sort keys before diffing JSON/YAML. */
  normalise: boolean;
}

export interface UiState {
  selectedSessionId?: string;
  /** A fleet shown in the main area instead of a session; at most one of the two is set. */
  selectedFleetId?: string;
  /** The poll selected in the timeline (and shown by the Raw tab). */
  selectedSeq?: number;
  /** Version hashes ticked in the versions table, oldest choice first. */
  versionSelection: string[];
  /** The pair last sent to the diff with Compare. */
  comparedHashes?: [string, string];
  activeTab: TabId;
  diffOptions: DiffOptions;
  /**
   * Small per-feature preferences (theme, time display, column widths, recent identifiers), by key. Each is
   * read through usePreference.ts, which validates it: the store may hold anything from an older build.
   */
  preferences: Record<string, unknown>;
}

export type UiAction =
  | { type: 'sessionSelected'; sessionId?: string }
  | { type: 'fleetSelected'; fleetId?: string }
  /** `reveal` also switches to the timeline (a flag was clicked). */
  | { type: 'pollSelected'; seq?: number; reveal?: boolean }
  | { type: 'versionsChosen'; hashes: string[] }
  | { type: 'versionsCompared' }
  | { type: 'tabChosen'; tab: TabId }
  | { type: 'diffOptionsChanged'; options: Partial<DiffOptions> }
  | { type: 'preferenceSet'; key: string; value: unknown };

export const INITIAL_UI_STATE: UiState = {
  versionSelection: [],
  activeTab: 'timeline',
  diffOptions: { sideBySide: true, normalise: true },
  preferences: {},
};

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'sessionSelected': {
      if (action.sessionId === state.selectedSessionId && !state.selectedFleetId) return state;
      // Polls and versions belong to one session: a new session starts with nothing selected.
      const {
        selectedSeq: _seq,
        comparedHashes: _pair,
        selectedSessionId: _id,
        selectedFleetId: _fleet,
        ...rest
      } = state;
      return {
        ...rest,
        versionSelection: [],
        ...(action.sessionId ? { selectedSessionId: action.sessionId } : {}),
      };
    }
    case 'fleetSelected': {
      if (action.fleetId === state.selectedFleetId) return state;
      const { selectedSeq: _seq, comparedHashes: _pair, selectedSessionId: _id, ...rest } = state;
      const { selectedFleetId: _fleet, ...cleared } = { ...rest, versionSelection: [] };
      return action.fleetId ? { ...cleared, selectedFleetId: action.fleetId } : cleared;
    }
    case 'pollSelected': {
      const { selectedSeq: _seq, ...rest } = state;
      return {
        ...rest,
        ...(action.seq !== undefined ? { selectedSeq: action.seq } : {}),
        ...(action.reveal ? { activeTab: 'timeline' as const } : {}),
      };
    }
    case 'versionsChosen':
      return { ...state, versionSelection: action.hashes.slice(-2) };
    case 'versionsCompared': {
      const [a, b] = state.versionSelection;
      if (a === undefined || b === undefined) return state;
      return { ...state, comparedHashes: [a, b], activeTab: 'versions' };
    }
    case 'tabChosen':
      return state.activeTab === action.tab ? state : { ...state, activeTab: action.tab };
    case 'diffOptionsChanged':
      return { ...state, diffOptions: { ...state.diffOptions, ...action.options } };
    case 'preferenceSet':
      return { ...state, preferences: { ...state.preferences, [action.key]: action.value } };
  }
}

const FORMAT = 'appconfig-inspector-ui@1';

/** The persisted form: tagged so a future shape change can drop old state instead of misreading it. */
export function serializeUiState(state: UiState): unknown {
  return { format: FORMAT, ...state };
}

/**
 * Reads persisted state defensively: it may come from an older build, another tab or a hand-edited store,
 * so every field is checked and anything odd falls back to its default.
 */
export function restoreUiState(raw: unknown): UiState {
  if (!isRecord(raw) || raw['format'] !== FORMAT) return INITIAL_UI_STATE;
  const state: UiState = {
    ...INITIAL_UI_STATE,
    diffOptions: { ...INITIAL_UI_STATE.diffOptions },
    preferences: {},
  };
  const {
    selectedSessionId,
    selectedFleetId,
    selectedSeq,
    versionSelection,
    comparedHashes,
    activeTab,
    diffOptions,
    preferences,
  } = raw;
  if (typeof selectedSessionId === 'string' && selectedSessionId)
    state.selectedSessionId = selectedSessionId;
  else if (typeof selectedFleetId === 'string' && selectedFleetId)
    state.selectedFleetId = selectedFleetId;
  if (Number.isInteger(selectedSeq) && (selectedSeq as number) >= 0)
    state.selectedSeq = selectedSeq as number;
  if (isStringArray(versionSelection)) state.versionSelection = versionSelection.slice(-2);
  if (isStringArray(comparedHashes) && comparedHashes.length === 2) {
    state.comparedHashes = [comparedHashes[0]!, comparedHashes[1]!];
  }
  if (TABS.some((t) => t.id === activeTab)) state.activeTab = activeTab as TabId;
  if (isRecord(diffOptions)) {
    if (typeof diffOptions['sideBySide'] === 'boolean')
      state.diffOptions.sideBySide = diffOptions['sideBySide'];
    if (typeof diffOptions['normalise'] === 'boolean')
      state.diffOptions.normalise = diffOptions['normalise'];
  }
  // Kept as found (plain JSON); each reader validates its own key (usePreference.ts).
  if (isRecord(preferences)) state.preferences = { ...preferences };
  return state;
}

/** Where UI state survives a reload. `load` returns whatever was saved (or undefined); callers validate it. */
export interface StateStore {
  load(): unknown;
  save(state: unknown): void;
}

export const UI_STATE_STORAGE_KEY = 'appconfig-inspector.ui';

/** Browser store. Storage can be missing or throw (privacy modes, quota): UI state is then simply not kept. */
export function localStorageStore(
  storage: Storage | undefined = globalThis.localStorage,
  key = UI_STATE_STORAGE_KEY,
): StateStore {
  return {
    load() {
      try {
        const text = storage?.getItem(key);
        return text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        return undefined;
      }
    },
    save(state) {
      try {
        storage?.setItem(key, JSON.stringify(state));
      } catch {
        // Best effort: losing a selection across reloads is harmless.
      }
    },
  };
}

/** Just enough of the webview API for state; the transport owns the single acquireVsCodeApi() call. */
export interface WebviewStateApi {
  getState(): unknown;
  setState(state: unknown): void;
}

/** Webview store: VS Code keeps this state while the panel is hidden and across reloads of the webview. */
export function webviewStateStore(api: WebviewStateApi): StateStore {
  return { load: () => api.getState(), save: (state) => api.setState(state) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
