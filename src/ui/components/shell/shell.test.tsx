import { act, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { detectAnomalies } from '../../../core/anomalies.js';
import {
  PROTOCOL_VERSION,
  ProtocolError,
  type SessionSnapshot,
} from '../../../protocol/messages.js';
import { inspectorKeys } from '../../queries.js';
import { restoreUiState, serializeUiState, INITIAL_UI_STATE } from '../../uiState.js';
import {
  byRole,
  click,
  content,
  createInMemoryClient,
  memoryStore,
  pollEvent,
  renderWithProviders,
  summary,
  T0,
  waitFor,
  type Handlers,
  type Rendered,
} from '../../testSupport.js';
import { FlagList, groupFlags } from './FlagList.js';
import { HandshakeGate } from './HandshakeGate.js';
import { SessionControls } from './SessionControls.js';
import { SessionList } from './SessionList.js';

const backend = { kind: 'emulator', region: 'eu-west-1', canListResources: false } as const;

/**
 * start → poll (t0→t1) → poll that sends t0 again: one "Token reused" warning on seq 2. Stopped, so the
 * held-token age rules (measured against the real clock) stay out of it.
 */
const reused: SessionSnapshot = {
  session: summary({ pollCount: 2, currentVersionLabel: 'v1', state: 'stopped' }),
  events: [
    pollEvent(0, { type: 'started' }),
    pollEvent(1, content('v1')),
    pollEvent(2, { type: 'unchanged' }, { tokenIn: 't0' }),
  ],
};

let view: Rendered | undefined;
afterEach(() => view?.unmount());

async function mount(ui: ReactNode, handlers: Handlers, stored?: unknown) {
  const remote = createInMemoryClient({
    hello: () => ({ protocolVersion: PROTOCOL_VERSION, backend }),
    ...handlers,
  });
  const store = memoryStore(stored);
  view = await renderWithProviders(ui, remote.client, store);
  return { c: view.container, remote, store, cache: view.queryClient };
}

describe('HandshakeGate', () => {
  it('renders the app when the versions agree', async () => {
    const { c } = await mount(<HandshakeGate>ready</HandshakeGate>, {});
    await waitFor(() => expect(c.textContent).toBe('ready'));
  });

  it('shows a mismatch banner when the server refuses our version', async () => {
    const { c } = await mount(<HandshakeGate>ready</HandshakeGate>, {
      hello: () => {
        throw new ProtocolError(
          'protocolMismatch',
          'UI speaks protocol 1, this server speaks 2; reload the page.',
        );
      },
    });
    const alert = await waitFor(
      () => c.querySelector('[role="alert"]') ?? expect.fail('no banner'),
    );
    expect(alert.textContent).toContain('Protocol version mismatch.');
    expect(alert.textContent).toContain('this server speaks 2');
    expect(c.textContent).not.toContain('ready');
  });

  it('shows a mismatch banner when the server answers with another version', async () => {
    const { c } = await mount(<HandshakeGate>ready</HandshakeGate>, {
      hello: () => ({ protocolVersion: PROTOCOL_VERSION + 1, backend }),
    });
    await waitFor(() =>
      expect(c.textContent).toContain(
        `The inspector speaks protocol version ${PROTOCOL_VERSION + 1}.`,
      ),
    );
  });
});

describe('SessionList', () => {
  const sessions = [
    summary({
      id: 's1',
      startedAt: T0 + 1000,
      pollCount: 2,
      currentVersionLabel: 'v1',
      // Stopped: a live session holding these November tokens today would (rightly) be flagged expired.
      state: 'stopped',
    }),
    summary({ id: 's2', startedAt: T0, state: 'stopped', readOnly: true, pollCount: 1 }),
  ];
  const handlers: Handlers = {
    listSessions: () => sessions,
    // Each snapshot's summary matches its list entry, as the service's do (the list follows snapshots).
    getSession: ({ sessionId }) =>
      sessionId === 's1'
        ? { ...reused, session: sessions[0]! }
        : { session: sessions[1]!, events: [] },
  };

  it('shows one row per session with state, polls, version, read-only and worst flag', async () => {
    const { c } = await mount(<SessionList />, handlers);
    const rows = await waitFor(() => {
      const found = [...c.querySelectorAll('[role="option"]')];
      expect(found.map((r) => r.querySelector('.severity-warning')?.textContent)).toEqual([
        'Warning',
        undefined,
      ]);
      return found;
    });
    expect(rows[0]?.textContent).toContain('shop / prod / flags');
    expect(rows[0]?.querySelector('.session-meta')?.textContent).toBe(
      `stopped${new Date(T0 + 1000).toLocaleTimeString()}2 pollsv1Warning`,
    );
    expect(rows[1]?.textContent).toContain('read-only');
  });

  it('selects with a click and moves with the arrow keys', async () => {
    const { c, store } = await mount(<SessionList />, handlers);
    const rows = await waitFor(() => {
      const found = [...c.querySelectorAll<HTMLElement>('[role="option"]')];
      expect(found).toHaveLength(2);
      return found;
    });
    expect(rows.map((r) => r.tabIndex)).toEqual([0, -1]);
    await click(rows[0]!);
    expect(restoreUiState(store.saved).selectedSessionId).toBe('s1');
    await act(async () => {
      rows[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    expect(restoreUiState(store.saved).selectedSessionId).toBe('s2');
    expect(c.querySelector('[aria-selected="true"]')?.getAttribute('data-session-id')).toBe('s2');
    expect(document.activeElement?.getAttribute('data-session-id')).toBe('s2');
  });
});

describe('SessionControls', () => {
  it('says a failing session is retrying and when, and that a hung call is awaiting its answer', async () => {
    const now = Date.now();
    const events = [
      pollEvent(0, { type: 'error', errorName: 'TimeoutError', message: 'No answer' }),
    ];
    const retrying = summary({
      state: 'retrying',
      nextPollAt: now + 20_000,
      consecutiveFailures: 2,
      lastError: 'TimeoutError: No answer within 10 s',
    });
    const { c } = await mount(<SessionControls session={retrying} events={events} />, {});
    expect(c.textContent).toMatch(/Retrying in (19|20) s \(failure 2 in a row\)/);
    expect(c.textContent).toContain('Last error: TimeoutError: No answer within 10 s');
    expect(byRole(c, 'button', 'Pause').hasAttribute('disabled')).toBe(false);
    view?.unmount();
    const waiting = summary({ state: 'polling', callInFlightSince: now - 7_000 });
    const again = await mount(<SessionControls session={waiting} events={events} />, {});
    expect(again.c.textContent).toMatch(/Waiting 7 s for an answer/);
    expect(again.c.textContent).not.toMatch(/Next poll/);
  });

  // The schedule says the next poll is 45 s away, so a poll now would be early.
  const liveAt = (now: number): SessionSnapshot => ({
    session: summary({ pollCount: 1, nextPollAt: now + 45_000 }),
    events: [pollEvent(0, { type: 'started' }), pollEvent(1, content('v1'))],
  });
  const live = liveAt(Date.now());

  it('offers the two deliberate misuses and folds their answers into the cache', async () => {
    const replayed = pollEvent(
      2,
      { type: 'error', errorName: 'BadRequestException', message: 'Invalid token' },
      { tokenIn: 't0', trigger: 'replay' },
    );
    const early = pollEvent(3, { type: 'unchanged' }, { trigger: 'early' });
    const fresh = liveAt(Date.now());
    const { c, remote, cache } = await mount(
      <SessionControls session={fresh.session} events={fresh.events} />,
      {
        replayToken: () => replayed,
        pollNow: () => early,
      },
    );
    cache.setQueryData(inspectorKeys.session('s1'), fresh);
    expect(byRole(c, 'button', 'Poll now').hasAttribute('disabled')).toBe(true);
    expect(Number(/Next poll in (\d+) s/.exec(c.textContent ?? '')?.[1])).toBeGreaterThan(40);
    await click(byRole(c, 'button', 'Replay previous token'));
    await click(byRole(c, 'button', 'Poll now (ignore interval)'));
    await waitFor(() =>
      expect(cache.getQueryData<SessionSnapshot>(inspectorKeys.session('s1'))?.events).toHaveLength(
        4,
      ),
    );
    expect(remote.requests.filter((r) => r.method !== 'hello').map((r) => r.method)).toEqual([
      'replayToken',
      'pollNow',
    ]);
    expect(
      cache.getQueryData<SessionSnapshot>(inspectorKeys.session('s1'))?.session.lastError,
    ).toBeUndefined();
  });

  it("shows why an action failed, and the session's last error", async () => {
    const failing = { ...live.session, lastError: 'ThrottlingException: Rate exceeded' };
    const { c } = await mount(<SessionControls session={failing} events={live.events} />, {
      stopSession: () => {
        throw new ProtocolError('conflict', 'The session is stopped.');
      },
    });
    expect(c.textContent).toContain('Last error: ThrottlingException: Rate exceeded');
    await click(byRole(c, 'button', 'Stop'));
    await waitFor(() => expect(c.textContent).toContain('Stop failed: The session is stopped.'));
  });

  it('allows only Delete, Export, Export HAR and Import on an imported recording', async () => {
    const recording = summary({ readOnly: true, state: 'stopped' });
    const { c } = await mount(<SessionControls session={recording} events={live.events} />, {});
    const enabled = [...c.querySelectorAll('button')]
      .filter((b) => !b.disabled)
      .map((b) => b.textContent);
    expect(enabled).toEqual(['Delete', 'Export', 'Export HAR', 'Import']);
    expect(c.textContent).toContain('Recording (read-only)');
  });

  it('clears the selection after deleting', async () => {
    const stopped = summary({ state: 'stopped' });
    const stored = serializeUiState({ ...INITIAL_UI_STATE, selectedSessionId: 's1' });
    const { c, store } = await mount(
      <SessionControls session={stopped} events={live.events} />,
      { deleteSession: () => ({ deleted: true }) },
      stored,
    );
    await click(byRole(c, 'button', 'Delete'));
    await waitFor(() => expect(restoreUiState(store.saved).selectedSessionId).toBeUndefined());
  });
});

describe('FlagList', () => {
  const anomalies = detectAnomalies(
    reused.session,
    [...reused.events, pollEvent(3, { type: 'unchanged' }, { tokenIn: 't0' })],
    T0,
  );

  it('counts flags per title and expands each to its explanation and fix', async () => {
    expect(groupFlags(anomalies)).toEqual([
      { title: 'Token reused', count: 2, severity: 'warning' },
    ]);
    const picked: number[] = [];
    const { c } = await mount(
      <FlagList anomalies={anomalies} onSelect={(seq) => picked.push(seq)} />,
      {},
    );
    expect(c.querySelector('[aria-label="Flag counts"]')?.textContent).toBe('Token reused ×2');
    const first = c.querySelector('details');
    expect(first?.querySelector('p')?.textContent).toBe(anomalies[0]?.explanation);
    expect(first?.textContent).toContain(`Fix: ${anomalies[0]?.fix}`);
    await click(first!.querySelector('summary')!);
    expect(picked).toEqual([2]);
  });

  it('says so when there is nothing to flag', async () => {
    const { c } = await mount(<FlagList anomalies={[]} onSelect={() => undefined} />, {});
    expect(c.textContent).toContain('No flags');
  });
});
