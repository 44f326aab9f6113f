import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { UiStateProvider, useUiState } from './UiStateProvider.js';
import { createRoot } from 'react-dom/client';
import {
  INITIAL_UI_STATE,
  localStorageStore,
  restoreUiState,
  serializeUiState,
  uiReducer,
  UI_STATE_STORAGE_KEY,
  webviewStateStore,
  type UiAction,
  type UiState,
} from './uiState.js';
import './testSupport.js';

const run = (...actions: UiAction[]): UiState => actions.reduce(uiReducer, INITIAL_UI_STATE);

describe('uiReducer', () => {
  it('clears the poll and version choices when another session is selected', () => {
    const state = run(
      { type: 'sessionSelected', sessionId: 'a' },
      { type: 'pollSelected', seq: 4 },
      { type: 'versionsChosen', hashes: ['h1', 'h2'] },
      { type: 'versionsCompared' },
      { type: 'sessionSelected', sessionId: 'b' },
    );
    expect(state).toEqual({ ...INITIAL_UI_STATE, selectedSessionId: 'b', activeTab: 'versions' });
    expect(uiReducer(state, { type: 'sessionSelected', sessionId: 'b' })).toBe(state);
    expect(uiReducer(state, { type: 'sessionSelected' }).selectedSessionId).toBeUndefined();
  });

  it('shows a fleet or a session, never both, and restores a persisted fleet selection', () => {
    const fleet = run(
      { type: 'sessionSelected', sessionId: 'a' },
      { type: 'pollSelected', seq: 4 },
      { type: 'fleetSelected', fleetId: 'f1' },
    );
    expect(fleet).toEqual({ ...INITIAL_UI_STATE, selectedFleetId: 'f1' });
    expect(uiReducer(fleet, { type: 'fleetSelected', fleetId: 'f1' })).toBe(fleet);
    // Opening a member from the fleet view leaves the fleet.
    const member = uiReducer(fleet, { type: 'sessionSelected', sessionId: 'm1' });
    expect(member).toEqual({ ...INITIAL_UI_STATE, selectedSessionId: 'm1' });
    expect(restoreUiState(serializeUiState(fleet)).selectedFleetId).toBe('f1');
  });

  it('reveals a flagged poll in the timeline', () => {
    const state = run(
      { type: 'tabChosen', tab: 'raw' },
      { type: 'pollSelected', seq: 7, reveal: true },
    );
    expect(state).toMatchObject({ selectedSeq: 7, activeTab: 'timeline' });
    expect(uiReducer(state, { type: 'pollSelected', seq: 8 }).activeTab).toBe('timeline');
  });

  it('keeps at most two versions and compares only a full pair', () => {
    const one = run({ type: 'versionsChosen', hashes: ['h1'] }, { type: 'versionsCompared' });
    expect(one.comparedHashes).toBeUndefined();
    const three = run(
      { type: 'versionsChosen', hashes: ['h1', 'h2', 'h3'] },
      { type: 'versionsCompared' },
    );
    expect(three).toMatchObject({
      versionSelection: ['h2', 'h3'],
      comparedHashes: ['h2', 'h3'],
      activeTab: 'versions',
    });
  });

  it('merges diff option changes', () => {
    const state = run({ type: 'diffOptionsChanged', options: { sideBySide: false } });
    expect(state.diffOptions).toEqual({ sideBySide: false, normalise: true });
  });
});

describe('restoreUiState', () => {
  it('round-trips everything that is persisted', () => {
    const state = run(
      { type: 'sessionSelected', sessionId: 's1' },
      { type: 'pollSelected', seq: 3 },
      { type: 'versionsChosen', hashes: ['h1', 'h2'] },
      { type: 'versionsCompared' },
      { type: 'diffOptionsChanged', options: { normalise: false } },
      { type: 'preferenceSet', key: 'theme', value: 'dark' },
    );
    expect(state.preferences).toEqual({ theme: 'dark' });
    expect(restoreUiState(JSON.parse(JSON.stringify(serializeUiState(state))))).toEqual(state);
  });

  it('falls back to defaults for foreign, old or damaged state, field by field', () => {
    expect(restoreUiState(undefined)).toEqual(INITIAL_UI_STATE);
    expect(restoreUiState({ selectedSessionId: 's1' })).toEqual(INITIAL_UI_STATE);
    const damaged = {
      ...(serializeUiState(INITIAL_UI_STATE) as object),
      selectedSessionId: 42,
      selectedSeq: -1,
      versionSelection: ['ok', 7],
      comparedHashes: ['only-one'],
      activeTab: 'settings',
      diffOptions: { sideBySide: 'yes', normalise: false },
      preferences: ['not', 'a', 'record'],
    };
    expect(restoreUiState(damaged)).toEqual({
      ...INITIAL_UI_STATE,
      diffOptions: { sideBySide: true, normalise: false },
    });
  });
});

describe('state stores', () => {
  afterEach(() => localStorage.clear());

  it('localStorage store survives corrupt JSON and a storage that throws', () => {
    localStorage.setItem(UI_STATE_STORAGE_KEY, '{not json');
    expect(localStorageStore().load()).toBeUndefined();
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as unknown as Storage;
    const store = localStorageStore(throwing);
    expect(store.load()).toBeUndefined();
    expect(() => store.save({ a: 1 })).not.toThrow();
  });

  it('webview store goes through getState/setState', () => {
    let held: unknown;
    const store = webviewStateStore({ getState: () => held, setState: (s) => (held = s) });
    store.save({ format: 'x' });
    expect(held).toEqual({ format: 'x' });
    expect(store.load()).toBe(held);
  });

  it('the selection made through the provider survives a reload', async () => {
    const seen: UiState[] = [];
    let dispatch: ((a: UiAction) => void) | undefined;
    function Probe() {
      const ui = useUiState();
      seen.push(ui.state);
      dispatch = ui.dispatch;
      return null;
    }
    const mount = async () => {
      const root = createRoot(document.createElement('div'));
      await act(async () =>
        root.render(
          <UiStateProvider store={localStorageStore()}>
            <Probe />
          </UiStateProvider>,
        ),
      );
      return root;
    };
    const first = await mount();
    await act(async () => {
      dispatch?.({ type: 'sessionSelected', sessionId: 's9' });
      dispatch?.({ type: 'tabChosen', tab: 'raw' });
    });
    act(() => first.unmount());
    seen.length = 0;
    // A fresh provider reading the same storage is what a page reload amounts to.
    const second = await mount();
    expect(seen[0]).toMatchObject({ selectedSessionId: 's9', activeTab: 'raw' });
    act(() => second.unmount());
  });
});
