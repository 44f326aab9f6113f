// The sidebar's list of sessions and fleets, newest first, as a keyboard-navigable listbox.
// Rendered by App.tsx.
import { ListOption } from './ListOption.js';
import { useRef, type KeyboardEvent } from 'react';
import { worstSeverity } from '../../../core/anomalies.js';
import type { FleetSummary, SessionSummary } from '../../../protocol/messages.js';
import {
  describeError,
  useAnomalies,
  useFleets,
  useHello,
  useSession,
  useSessions,
} from '../../queries.js';
import { useUiState } from '../../UiStateProvider.js';
import type { UiAction, UiState } from '../../uiState.js';
import { FleetRow } from '../fleet/FleetRow.js';
import { startedElsewhere } from './backendSwitchModel.js';
import { SeverityBadge } from './SeverityBadge.js';

/** A row of the list: a session, or a whole fleet shown once (its members are not listed). */
type Entry = { kind: 'session'; item: SessionSummary } | { kind: 'fleet'; item: FleetSummary };

const entryAttr = (e: Entry) =>
  e.kind === 'fleet'
    ? `[data-fleet-id="${CSS.escape(e.item.id)}"]`
    : `[data-session-id="${CSS.escape(e.item.id)}"]`;
const isSelected = (e: Entry, state: UiState) =>
  e.kind === 'fleet' ? e.item.id === state.selectedFleetId : e.item.id === state.selectedSessionId;
const selectAction = (e: Entry): UiAction =>
  e.kind === 'fleet'
    ? { type: 'fleetSelected', fleetId: e.item.id }
    : { type: 'sessionSelected', sessionId: e.item.id };

/** Sessions and fleets, newest first, as a listbox: arrows move the selection, Home/End jump to the ends. */
export function SessionList() {
  const sessions = useSessions();
  const fleets = useFleets();
  const { state, dispatch } = useUiState();
  const listRef = useRef<HTMLUListElement>(null);
  const list: Entry[] = [
    ...(fleets.data ?? []).map((item): Entry => ({ kind: 'fleet', item })),
    ...(sessions.data ?? []).map((item): Entry => ({ kind: 'session', item })),
  ].sort((a, b) => b.item.startedAt - a.item.startedAt);

  const select = (index: number) => {
    const entry = list[Math.max(0, Math.min(list.length - 1, index))];
    if (!entry) return;
    dispatch(selectAction(entry));
    listRef.current?.querySelector<HTMLElement>(entryAttr(entry))?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const current = list.findIndex((entry) => isSelected(entry, state));
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: list.length - 1,
    };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    select(current < 0 && e.key === 'ArrowUp' ? 0 : target);
  };

  return (
    <section className="session-list" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      {sessions.isPending && <p className="muted">Loading sessions…</p>}
      {sessions.isError && (
        <p role="alert">Could not list sessions: {describeError(sessions.error)}</p>
      )}
      {fleets.isError && <p role="alert">Could not list fleets: {describeError(fleets.error)}</p>}
      {sessions.isSuccess && list.length === 0 && (
        <p className="muted">No sessions yet. Start one above.</p>
      )}
      {list.length > 0 && (
        <ul role="listbox" aria-label="Sessions" ref={listRef} onKeyDown={onKeyDown}>
          {list.map((entry, index) => {
            const selected = isSelected(entry, state);
            // Roving tab stop: the selected row (or the first one) is the single Tab target.
            const tabbable = selected || (!list.some((e) => isSelected(e, state)) && index === 0);
            const onSelect = () => dispatch(selectAction(entry));
            return entry.kind === 'fleet' ? (
              <FleetRow
                key={`fleet:${entry.item.id}`}
                fleet={entry.item}
                selected={selected}
                tabbable={tabbable}
                onSelect={onSelect}
              />
            ) : (
              <SessionRow
                key={entry.item.id}
                session={entry.item}
                selected={selected}
                tabbable={tabbable}
                onSelect={onSelect}
              />
            );
          })}
        </ul>
      )}
    </section>
  );
}

interface RowProps {
  session: SessionSummary;
  selected: boolean;
  tabbable: boolean;
  onSelect: () => void;
}

function SessionRow({ session, selected, tabbable, onSelect }: RowProps) {
  // Each row loads its ledger for the worst-flag badge; the cache is shared with the open session.
  const snapshot = useSession(session.id).data;
  const worst = worstSeverity(useAnomalies(snapshot, 60_000));
  // After a switchBackend, sessions still on an earlier profile or region say so.
  const elsewhere = startedElsewhere(session, useHello().data?.backend);
  return (
    <ListOption
      selected={selected}
      tabbable={tabbable}
      onSelect={onSelect}
      className="session-row"
      data={{ 'data-session-id': session.id }}
    >
      <span className="session-name">
        {session.applicationIdentifier} / {session.environmentIdentifier} /{' '}
        {session.configurationProfileIdentifier}
      </span>
      <span className="session-meta">
        <span className={`state state-${session.state}`}>{session.state}</span>
        <time
          dateTime={new Date(session.startedAt).toISOString()}
          title={new Date(session.startedAt).toLocaleString()}
        >
          {new Date(session.startedAt).toLocaleTimeString()}
        </time>
        <span>
          {session.pollCount} {session.pollCount === 1 ? 'poll' : 'polls'}
        </span>
        {session.currentVersionLabel && (
          <span title="Current version label">{session.currentVersionLabel}</span>
        )}
        {session.readOnly && session.origin !== 'observed' && (
          <span className="badge">read-only</span>
        )}
        {session.origin === 'observed' && <span className="badge">observed</span>}
        {elsewhere && <span className="badge">{elsewhere}</span>}
        {worst && <SeverityBadge severity={worst} />}
      </span>
    </ListOption>
  );
}
