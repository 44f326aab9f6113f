import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { LEDGER_WINDOW } from '../core/ledger.js';
import type { ConnectionState } from '../protocol/client.js';
import type { SessionSnapshot, SessionSummary } from '../protocol/messages.js';
import {
  appendPollEvent,
  applyEvent,
  connectClientToCache,
  eventForPoll,
  upsertSummary,
} from './cacheEvents.js';
import { createInspectorQueryClient, inspectorKeys } from './queries.js';
import { content, createInMemoryClient, pollEvent, summary, T0, waitFor } from './testSupport.js';

const unchanged = { type: 'unchanged' } as const;
const failure = {
  type: 'error',
  errorName: 'BadRequestException',
  message: 'Request too early',
  httpStatus: 400,
} as const;

function seeded(snapshot: SessionSnapshot, list: SessionSummary[] = [snapshot.session]) {
  const cache = createInspectorQueryClient();
  cache.setQueryData(inspectorKeys.sessions(), list);
  cache.setQueryData(inspectorKeys.session(snapshot.session.id), snapshot);
  return {
    cache,
    snapshot: () => cache.getQueryData<SessionSnapshot>(inspectorKeys.session(snapshot.session.id)),
    list: () => cache.getQueryData<SessionSummary[]>(inspectorKeys.sessions()),
  };
}

describe('appendPollEvent', () => {
  const start = pollEvent(0, { type: 'started' });

  it('appends in seq order and ignores a seq it already holds', () => {
    const base: SessionSnapshot = { session: summary(), events: [start] };
    const one = appendPollEvent(base, pollEvent(1, unchanged));
    expect(one.events.map((e) => e.seq)).toEqual([0, 1]);
    expect(appendPollEvent(one, pollEvent(1, unchanged))).toBe(one);
    const late = appendPollEvent(
      appendPollEvent(one, pollEvent(3, unchanged)),
      pollEvent(2, unchanged),
    );
    expect(late.events.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
  });

  it('holds the same window as the service: the newest LEDGER_WINDOW events', () => {
    const full: SessionSnapshot = {
      session: summary({ pollCount: LEDGER_WINDOW - 1 }),
      events: Array.from({ length: LEDGER_WINDOW }, (_, i) =>
        i === 0 ? start : pollEvent(i, unchanged),
      ),
    };
    const next = appendPollEvent(full, pollEvent(LEDGER_WINDOW, unchanged));
    expect(next.events).toHaveLength(LEDGER_WINDOW);
    expect(next.events[0]!.seq).toBe(1);
    expect(next.events.at(-1)!.seq).toBe(LEDGER_WINDOW);
    expect(next.session.pollCount).toBe(LEDGER_WINDOW);
  });

  it('updates the summary like the service: label, last error, and a replay that keeps the error', () => {
    let snap: SessionSnapshot = { session: summary(), events: [start] };
    snap = appendPollEvent(snap, pollEvent(1, content('v1')));
    expect(snap.session).toMatchObject({ pollCount: 1, currentVersionLabel: 'v1' });
    snap = appendPollEvent(snap, pollEvent(2, failure));
    expect(snap.session.lastError).toBe('BadRequestException: Request too early');
    snap = appendPollEvent(snap, pollEvent(3, unchanged, { trigger: 'replay' }));
    expect(snap.session.lastError).toBe('BadRequestException: Request too early');
    snap = appendPollEvent(
      snap,
      pollEvent(4, { type: 'content', size: 2, contentHash: 'b'.repeat(64) }),
    );
    expect(snap.session).toMatchObject({ pollCount: 4, currentVersionLabel: '(no label)' });
    expect(snap.session.lastError).toBeUndefined();
  });

  it('does not let a late, older entry overwrite the newer label', () => {
    let snap: SessionSnapshot = { session: summary(), events: [start] };
    snap = appendPollEvent(snap, pollEvent(2, content('v2')));
    snap = appendPollEvent(snap, pollEvent(1, content('v1')));
    expect(snap.session).toMatchObject({ pollCount: 2, currentVersionLabel: 'v2' });
  });
});

describe('upsertSummary', () => {
  it('replaces in place and inserts new sessions newest first', () => {
    const older = summary({ id: 'old', startedAt: T0 });
    const newer = summary({ id: 'new', startedAt: T0 + 1000 });
    const list = upsertSummary([older], newer);
    expect(list.map((s) => s.id)).toEqual(['new', 'old']);
    const paused = upsertSummary(list, { ...older, state: 'paused' });
    expect(paused.map((s) => [s.id, s.state])).toEqual([
      ['new', 'polling'],
      ['old', 'paused'],
    ]);
    expect(upsertSummary(paused, summary({ id: 'oldest', startedAt: T0 - 1 })).at(-1)?.id).toBe(
      'oldest',
    );
  });
});

describe('applyEvent on a real QueryClient', () => {
  const start = pollEvent(0, { type: 'started' });

  it('folds each poll event into the session and the list entry, once per seq', () => {
    const c = seeded({ session: summary(), events: [start] });
    applyEvent(c.cache, {
      type: 'configurationReceived',
      sessionId: 's1',
      event: pollEvent(1, content('v1')),
    });
    applyEvent(c.cache, { type: 'pollUnchanged', sessionId: 's1', event: pollEvent(2, unchanged) });
    // The request's own answer and the pushed event both arrive: the second must change nothing.
    applyEvent(c.cache, eventForPoll(pollEvent(2, unchanged)));
    applyEvent(c.cache, { type: 'pollFailed', sessionId: 's1', event: pollEvent(3, failure) });
    expect(c.snapshot()?.events.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
    expect(c.list()?.[0]).toMatchObject({
      pollCount: 3,
      currentVersionLabel: 'v1',
      lastError: 'BadRequestException: Request too early',
    });
    expect(c.snapshot()?.session).toEqual(c.list()?.[0]);
  });

  it('maps a PollEvent result to the event type the service would push', () => {
    expect(eventForPoll(pollEvent(0, { type: 'started' })).type).toBe('tokenIssued');
    expect(eventForPoll(pollEvent(1, content('v1'))).type).toBe('configurationReceived');
    expect(eventForPoll(pollEvent(1, unchanged)).type).toBe('pollUnchanged');
    expect(eventForPoll(pollEvent(1, failure)).type).toBe('pollFailed');
  });

  it('updates the list entry even when that session ledger is not cached', () => {
    const cache = createInspectorQueryClient();
    cache.setQueryData(inspectorKeys.sessions(), [summary({ pollCount: 4 })]);
    applyEvent(cache, {
      type: 'configurationReceived',
      sessionId: 's1',
      event: pollEvent(5, content('v9')),
    });
    expect(cache.getQueryData<SessionSummary[]>(inspectorKeys.sessions())?.[0]).toMatchObject({
      pollCount: 4,
      currentVersionLabel: 'v9',
    });
    expect(cache.getQueryData(inspectorKeys.session('s1'))).toBeUndefined();
  });

  it('adds, changes, ends and deletes sessions in the list and the open snapshot', () => {
    const c = seeded({ session: summary(), events: [start] });
    const other = summary({ id: 's2', startedAt: T0 + 5000 });
    applyEvent(c.cache, { type: 'sessionStarted', session: other });
    expect(c.list()?.map((s) => s.id)).toEqual(['s2', 's1']);
    applyEvent(c.cache, {
      type: 'sessionChanged',
      session: summary({ state: 'paused', pollCount: 7 }),
    });
    expect(c.snapshot()?.session).toMatchObject({ state: 'paused', pollCount: 7 });
    expect(c.snapshot()?.events).toHaveLength(1);
    applyEvent(c.cache, {
      type: 'sessionEnded',
      session: summary({ state: 'stopped', pollCount: 7 }),
    });
    expect(c.list()?.find((s) => s.id === 's1')?.state).toBe('stopped');
    applyEvent(c.cache, { type: 'sessionDeleted', sessionId: 's1' });
    expect(c.list()?.map((s) => s.id)).toEqual(['s2']);
    expect(c.snapshot()).toBeUndefined();
  });

  it('folds a poll that arrived while its snapshot was being fetched into the fetched answer', async () => {
    // Seen in Chromium: right after startSession the snapshot is fetched before its view mounts; the first
    // poll's event lands mid-fetch, and the stale answer must not be the last word.
    const cache = createInspectorQueryClient();
    // The list is cached too: its update fires the same cache notifications with other-shaped data.
    cache.setQueryData(inspectorKeys.sessions(), [summary()]);
    // The answer was taken before the poll happened: it holds the start only.
    let release: () => void = () => undefined;
    const queryFn = () =>
      new Promise<SessionSnapshot>(
        (r) => (release = () => r({ session: summary(), events: [start] })),
      );
    const first = cache
      .fetchQuery({ queryKey: inspectorKeys.session('s1'), queryFn })
      .catch(() => undefined);
    applyEvent(cache, {
      type: 'configurationReceived',
      sessionId: 's1',
      event: pollEvent(1, content('v1')),
    });
    release();
    await first;
    await waitFor(() =>
      expect(cache.getQueryData<SessionSnapshot>(inspectorKeys.session('s1'))?.events).toHaveLength(
        2,
      ),
    );
    expect(
      cache.getQueryData<SessionSnapshot>(inspectorKeys.session('s1'))?.events[1]?.outcome,
    ).toMatchObject({ versionLabel: 'v1' });
  });

  it('fetches once more when a session changed while its first snapshot was in flight', async () => {
    // Seen in Chromium: the "next poll" time arrives by sessionChanged during that first fetch.
    const cache = createInspectorQueryClient();
    const answers = [
      { session: summary(), events: [start] },
      { session: summary({ nextPollAt: T0 + 60_000 }), events: [start] },
    ];
    let release: () => void = () => undefined;
    let calls = 0;
    const queryFn = () => {
      const answer = answers[Math.min(calls++, 1)]!;
      return calls === 1
        ? new Promise<SessionSnapshot>((r) => (release = () => r(answer)))
        : Promise.resolve(answer);
    };
    const first = cache
      .fetchQuery({ queryKey: inspectorKeys.session('s1'), queryFn })
      .catch(() => undefined);
    applyEvent(cache, { type: 'sessionChanged', session: summary({ nextPollAt: T0 + 60_000 }) });
    release();
    await first;
    await waitFor(() =>
      expect(
        cache.getQueryData<SessionSnapshot>(inspectorKeys.session('s1'))?.session.nextPollAt,
      ).toBe(T0 + 60_000),
    );
    expect(calls).toBe(2);
  });

  it('leaves queries that were never fetched alone', () => {
    const cache = createInspectorQueryClient();
    applyEvent(cache, { type: 'sessionStarted', session: summary() });
    applyEvent(cache, { type: 'pollUnchanged', sessionId: 's1', event: pollEvent(1, unchanged) });
    expect(cache.getQueryData(inspectorKeys.sessions())).toBeUndefined();
    expect(cache.getQueryData(inspectorKeys.session('s1'))).toBeUndefined();
  });
});

describe('connectClientToCache', () => {
  it('folds pushed events and refetches every fetched query when the stream opens or reopens', async () => {
    let listCalls = 0;
    const remote = createInMemoryClient({
      listSessions: () => {
        listCalls++;
        return [summary({ pollCount: listCalls * 10 })];
      },
    });
    let announce: ((state: ConnectionState) => void) | undefined;
    const client = {
      ...remote.client,
      onConnection: (listener: (state: ConnectionState) => void) => {
        announce = listener;
        return () => undefined;
      },
    };
    const cache = createInspectorQueryClient();
    const disconnect = connectClientToCache(client, cache);
    // An active observer, as a mounted component would hold, so invalidation refetches the list.
    const observer = new QueryObserver(cache, {
      queryKey: inspectorKeys.sessions(),
      queryFn: () => client.request('listSessions', {}),
    });
    const unobserve = observer.subscribe(() => undefined);
    await waitFor(() =>
      expect(cache.getQueryData<SessionSummary[]>(inspectorKeys.sessions())?.[0]?.pollCount).toBe(
        10,
      ),
    );
    // The list was fetched before the event stream first opened: whatever was pushed meanwhile is gone.
    announce?.('open');
    await waitFor(() =>
      expect(cache.getQueryData<SessionSummary[]>(inspectorKeys.sessions())?.[0]?.pollCount).toBe(
        20,
      ),
    );
    remote.emit({ type: 'sessionChanged', session: summary({ state: 'paused', pollCount: 20 }) });
    expect(cache.getQueryData<SessionSummary[]>(inspectorKeys.sessions())?.[0]?.state).toBe(
      'paused',
    );

    announce?.('connecting');
    announce?.('reconnected');
    await waitFor(() =>
      expect(cache.getQueryData<SessionSummary[]>(inspectorKeys.sessions())?.[0]?.pollCount).toBe(
        30,
      ),
    );
    expect(listCalls).toBe(3);
    unobserve();
    disconnect();
    remote.emit({ type: 'sessionDeleted', sessionId: 's1' });
    expect(cache.getQueryData<SessionSummary[]>(inspectorKeys.sessions())).toHaveLength(1);
  });

  it('keeps the list entry in step with a freshly fetched snapshot', async () => {
    // Poll events can't raise pollCount without the ledger; the snapshot that has it must.
    const remote = createInMemoryClient({
      getSession: () => ({
        session: summary({ pollCount: 2 }),
        events: [pollEvent(0, { type: 'started' })],
      }),
    });
    const cache = createInspectorQueryClient();
    const disconnect = connectClientToCache(remote.client, cache);
    cache.setQueryData(inspectorKeys.sessions(), [summary({ pollCount: 1 })]);
    await cache.fetchQuery({
      queryKey: inspectorKeys.session('s1'),
      queryFn: () => remote.client.request('getSession', { sessionId: 's1' }),
    });
    expect(cache.getQueryData<SessionSummary[]>(inspectorKeys.sessions())?.[0]?.pollCount).toBe(2);
    disconnect();
  });
});
