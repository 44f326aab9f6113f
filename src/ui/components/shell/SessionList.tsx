import { useRef, type KeyboardEvent } from 'react';
import { worstSeverity } from '../../../core/anomalies.js';
import type { SessionSummary } from '../../../protocol/messages.js';
import { describeError, useAnomalies, useSession, useSessions } from '../../queries.js';
import { useUiState } from '../../UiStateProvider.js';
import { SeverityBadge } from './SeverityBadge.js';

/** Every session, newest first, as a listbox: arrows move the selection, Home/End jump to the ends. */
export function SessionList() {
  const sessions = useSessions();
  const { state, dispatch } = useUiState();
  const listRef = useRef<HTMLUListElement>(null);
  const list = sessions.data ?? [];

  const select = (index: number) => {
    const session = list[Math.max(0, Math.min(list.length - 1, index))];
    if (!session) return;
    dispatch({ type: 'sessionSelected', sessionId: session.id });
    listRef.current
      ?.querySelector<HTMLElement>(`[data-session-id="${CSS.escape(session.id)}"]`)
      ?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const current = list.findIndex((s) => s.id === state.selectedSessionId);
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
      {sessions.isSuccess && list.length === 0 && (
        <p className="muted">No sessions yet. Start one above.</p>
      )}
      {list.length > 0 && (
        <ul role="listbox" aria-label="Sessions" ref={listRef} onKeyDown={onKeyDown}>
          {list.map((session, index) => {
            const selected = session.id === state.selectedSessionId;
            // Roving tab stop: the selected row (or the first one) is the single Tab target.
            const tabbable =
              selected || (!list.some((s) => s.id === state.selectedSessionId) && index === 0);
            return (
              <SessionRow
                key={session.id}
                session={session}
                selected={selected}
                tabbable={tabbable}
                onSelect={() => dispatch({ type: 'sessionSelected', sessionId: session.id })}
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
  return (
    <li
      role="option"
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      data-session-id={session.id}
      className="session-row"
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
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
        {worst && <SeverityBadge severity={worst} />}
      </span>
    </li>
  );
}
