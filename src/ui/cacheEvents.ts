// Folds pushed InspectorEvents (and the results of the UI's own requests) into the react-query cache, so the
// session list and the open session update without refetching. Imported by main.tsx and queries.ts.
// Pure data functions plus thin QueryClient glue; must not import React components or a transport.
import { hashKey, type QueryClient } from '@tanstack/react-query';
import { LEDGER_WINDOW, type PollEvent } from '../core/ledger.js';
import type { InspectorClient } from '../protocol/client.js';
import type {
  FleetSnapshot,
  FleetSummary,
  InspectorEvent,
  SessionSnapshot,
  SessionSummary,
} from '../protocol/messages.js';
import { foldBackend } from './backendCache.js';
import { inspectorKeys } from './queryKeys.js';

/** Events that carry one ledger entry; all are appended the same way. */
export type PollInspectorEvent = Extract<InspectorEvent, { event: PollEvent }>;

/**
 * Appends one ledger entry, keeping events ordered by seq. Returns the same snapshot when the seq is already
 * there: a poll can arrive twice (the request's own answer and the pushed event, or a replay after reconnect).
 */
export function appendPollEvent(snapshot: SessionSnapshot, event: PollEvent): SessionSnapshot {
  const events = snapshot.events;
  const last = events[events.length - 1];
  let at = events.length;
  if (last && last.seq >= event.seq) {
    if (events.some((e) => e.seq === event.seq)) return snapshot;
    at = events.findIndex((e) => e.seq > event.seq);
  }
  const all = [...events.slice(0, at), event, ...events.slice(at)];
  // The page holds the same window as the service: the newest events (every one is in the recording).
  const next = all.length > LEDGER_WINDOW ? all.slice(all.length - LEDGER_WINDOW) : all;
  return { session: summaryAfterPoll(snapshot.session, event, next), events: next };
}

/**
 * The summary fields a poll changes, mirroring the service's own bookkeeping: a replay never clears the last
 * error, and content without a Version-Label still counts as a version. pollCount comes from the ledger when
 * it is known, so folding the same poll twice never counts it twice.
 */
export function summaryAfterPoll(
  summary: SessionSummary,
  event: PollEvent,
  events?: readonly PollEvent[],
): SessionSummary {
  const next: SessionSummary = { ...summary };
  if (events) {
    next.pollCount = Math.max(summary.pollCount, events.filter((e) => e.kind === 'poll').length);
    // A late, older entry must not overwrite what a newer poll already set.
    if (events[events.length - 1] !== event) return next;
  }
  const outcome = event.outcome;
  if (outcome.type === 'content') next.currentVersionLabel = outcome.versionLabel ?? '(no label)';
  if (outcome.type === 'error') next.lastError = `${outcome.errorName}: ${outcome.message}`;
  else if (event.trigger !== 'replay') delete next.lastError;
  return next;
}

/** Replaces a session (or fleet) in the list, or inserts it where newest-first order puts it. */
export function upsertSummary<T extends { id: string; startedAt: number }>(
  list: T[],
  summary: T,
): T[] {
  const index = list.findIndex((s) => s.id === summary.id);
  if (index >= 0) return list.map((s, i) => (i === index ? summary : s));
  const at = list.findIndex((s) => s.startedAt < summary.startedAt);
  return at < 0 ? [...list, summary] : [...list.slice(0, at), summary, ...list.slice(at)];
}

export function removeSummary(list: SessionSummary[], sessionId: string): SessionSummary[] {
  return list.filter((s) => s.id !== sessionId);
}

/** Which pushed event a request's PollEvent result corresponds to, so both fold through one path. */
export function eventForPoll(event: PollEvent): PollInspectorEvent {
  const { sessionId } = event;
  switch (event.outcome.type) {
    case 'started':
      return { type: 'tokenIssued', sessionId, event };
    case 'content':
      return { type: 'configurationReceived', sessionId, event };
    case 'unchanged':
      return { type: 'pollUnchanged', sessionId, event };
    case 'error':
      return { type: 'pollFailed', sessionId, event };
  }
}

/**
 * A fetch already in flight may have been answered before this event happened, and its answer would then
 * overwrite the fold; refetching after it is the "invalidate when unsure" rule.
 */
function refetchIfInFlight(cache: QueryClient, queryKey: readonly unknown[]): void {
  // refetchType 'all': the fetch may belong to a query nobody observes yet (prefetched right after
  // startSession); invalidating it alone would be undone when that stale answer lands.
  if (cache.getQueryState(queryKey)?.fetchStatus === 'fetching') {
    void cache.invalidateQueries({ queryKey, exact: true, refetchType: 'all' });
  }
}

function foldSummary(cache: QueryClient, summary: SessionSummary): void {
  // listSessions leaves fleet members out (their fleet is listed once); a member's summary only updates its
  // open snapshot, e.g. after Pause on a member opened from the fleet view.
  if (summary.fleetId === undefined)
    cache.setQueryData<SessionSummary[]>(
      inspectorKeys.sessions(),
      (list) => list && upsertSummary(list, summary),
    );
  cache.setQueryData<SessionSnapshot>(
    inspectorKeys.session(summary.id),
    (snap) => snap && { ...snap, session: summary },
  );
  refetchIfInFlight(cache, inspectorKeys.sessions());
  if (fetching(cache, summary.id)) holdForFetch(cache, summary.id, 'summaryChanged');
}

/**
 * Facts that arrived while their session's snapshot was being fetched, applied when the answer lands.
 * Refetching at once is not enough: React Query won't refetch a query that has neither observers nor data
 * yet (a snapshot fetched right after startSession, before its view mounts), so the answer — taken before
 * the facts happened — would otherwise be the last word (seen in Chromium: a lost first poll, bench/ui; a
 * missing "next poll" time, e2e). Poll events are folded in; a changed summary triggers one more fetch.
 */
interface Held {
  events: PollEvent[];
  refetch: boolean;
}
const heldForFetch = new WeakMap<QueryClient, Map<string, Held>>();

function holdForFetch(
  cache: QueryClient,
  sessionId: string,
  fact: PollEvent | 'summaryChanged',
): void {
  let held = heldForFetch.get(cache);
  if (!held) {
    const map = new Map<string, Held>();
    heldForFetch.set(cache, (held = map));
    cache.getQueryCache().subscribe((e) => {
      if (e.type !== 'updated' || e.action.type !== 'success') return;
      for (const [id, { events, refetch }] of map) {
        const queryKey = inspectorKeys.session(id);
        if (e.query.queryHash !== hashKey(queryKey)) continue;
        map.delete(id);
        const snapshot = e.query.state.data as SessionSnapshot | undefined;
        const folded = snapshot && events.reduce(appendPollEvent, snapshot);
        if (folded && folded !== snapshot) cache.setQueryData(queryKey, folded);
        // The query has data now, so this refetch does happen, and it is at least as new as the facts.
        if (refetch) void cache.invalidateQueries({ queryKey, exact: true, refetchType: 'all' });
        return;
      }
    });
  }
  const entry = held.get(sessionId) ?? { events: [], refetch: false };
  if (fact === 'summaryChanged') entry.refetch = true;
  else entry.events.push(fact);
  held.set(sessionId, entry);
}

const fetching = (cache: QueryClient, sessionId: string) =>
  cache.getQueryState(inspectorKeys.session(sessionId))?.fetchStatus === 'fetching';

function foldPoll(cache: QueryClient, sessionId: string, event: PollEvent): void {
  const before = cache.getQueryData<SessionSnapshot>(inspectorKeys.session(sessionId));
  const after = before && appendPollEvent(before, event);
  if (fetching(cache, sessionId)) holdForFetch(cache, sessionId, event);
  refetchIfInFlight(cache, inspectorKeys.sessions());
  if (before && after === before) return;
  if (after) cache.setQueryData(inspectorKeys.session(sessionId), after);
  // Without the ledger in cache the list entry still gets the label and error; pollCount waits for a refetch.
  cache.setQueryData<SessionSummary[]>(inspectorKeys.sessions(), (list) =>
    list?.map((s) => (s.id === sessionId ? (after?.session ?? summaryAfterPoll(s, event)) : s)),
  );
}

/** Applies one pushed fact to the cache. Queries not yet fetched are left alone: their first fetch is complete. */
export function applyEvent(cache: QueryClient, event: InspectorEvent): void {
  switch (event.type) {
    case 'sessionStarted':
    case 'sessionChanged':
    case 'sessionEnded':
      foldSummary(cache, event.session);
      return;
    case 'tokenIssued':
    case 'configurationReceived':
    case 'pollUnchanged':
    case 'pollFailed':
      foldPoll(cache, event.sessionId, event.event);
      return;
    case 'sessionRevealed':
      // UI state, not server state: the shell's useRevealRequests selects it.
      return;
    case 'fleetStarted':
    case 'fleetChanged':
      foldFleet(cache, event.fleet, event.type === 'fleetChanged');
      return;
    case 'fleetDeleted':
      dropFleet(cache, event.fleetId);
      return;
    case 'backendChanged':
      foldBackend(cache, event.backend);
      return;
    case 'sessionDeleted':
      cache.setQueryData<SessionSummary[]>(
        inspectorKeys.sessions(),
        (list) => list && removeSummary(list, event.sessionId),
      );
      cache.removeQueries({ queryKey: inspectorKeys.session(event.sessionId), exact: true });
      refetchIfInFlight(cache, inspectorKeys.sessions());
      return;
  }
}

/** A cached snapshot of one of the fleet's members (members are ordinary sessions with fleetId set). */
const isMemberOf =
  (fleetId: string) => (query: { queryKey: readonly unknown[]; state: { data?: unknown } }) =>
    query.queryKey[1] === inspectorKeys.session('')[1] &&
    (query.state.data as SessionSnapshot | undefined)?.session.fleetId === fleetId;

/**
 * A fleet's summary goes into the list and its snapshot at once. `changed`: members polled or changed, and
 * their own events are not pushed (there would be thousands a minute), so the fleet's snapshot and any
 * member's ledger are refetched: now where shown, on next view otherwise. The service throttles
 * fleetChanged to once a second per fleet, which bounds these refetches.
 */
function foldFleet(cache: QueryClient, fleet: FleetSummary, changed: boolean): void {
  cache.setQueryData<FleetSummary[]>(
    inspectorKeys.fleets(),
    (list) => list && upsertSummary(list, fleet),
  );
  cache.setQueryData<FleetSnapshot>(
    inspectorKeys.fleet(fleet.id),
    (snap) => snap && { ...snap, fleet },
  );
  refetchIfInFlight(cache, inspectorKeys.fleets());
  if (!changed) return;
  void cache.invalidateQueries({ queryKey: inspectorKeys.fleet(fleet.id), exact: true });
  void cache.invalidateQueries({ predicate: isMemberOf(fleet.id) });
}

function dropFleet(cache: QueryClient, fleetId: string): void {
  cache.setQueryData<FleetSummary[]>(inspectorKeys.fleets(), (list) =>
    list?.filter((f) => f.id !== fleetId),
  );
  cache.removeQueries({ queryKey: inspectorKeys.fleet(fleetId), exact: true });
  cache.removeQueries({ predicate: isMemberOf(fleetId) });
  refetchIfInFlight(cache, inspectorKeys.fleets());
}

/**
 * Wires a client's pushed events into the cache for the life of the page. Whenever the event stream (re)opens,
 * events may have been missed (while it was down, or before it first opened while the first fetches ran), so
 * every query already fetched is refetched from a fresh snapshot (vitest's snapshot-on-open).
 */
export function connectClientToCache(client: InspectorClient, cache: QueryClient): () => void {
  const offEvent = client.onEvent((event) => applyEvent(cache, event));
  // A fetched snapshot's summary is the newest word on that session: the list entry follows it, so the
  // list never shows fewer polls than the open timeline (poll events alone can't count without a ledger).
  const sessionKind = inspectorKeys.session('')[1];
  const offSnapshots = cache.getQueryCache().subscribe((e) => {
    if (e.type !== 'updated' || e.action.type !== 'success' || e.action.manual) return;
    if (e.query.queryKey[1] !== sessionKind) return;
    const snapshot = e.query.state.data as SessionSnapshot | undefined;
    // A fleet member opened from its fleet is not a row of the session list.
    if (!snapshot || snapshot.session.fleetId !== undefined) return;
    cache.setQueryData<SessionSummary[]>(
      inspectorKeys.sessions(),
      (list) => list && upsertSummary(list, snapshot.session),
    );
  });
  const offConnection = client.onConnection((state) => {
    if (state === 'open' || state === 'reconnected')
      void cache.invalidateQueries({ queryKey: inspectorKeys.all });
  });
  return () => {
    offEvent();
    offConnection();
    offSnapshots();
  };
}
