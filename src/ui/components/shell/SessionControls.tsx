// The open session's toolbar: poll now, pause/resume, stop, delete, and the two deliberate-misuse actions,
// with the next-poll countdown. Rendered by SessionWorkspace.tsx.
import { useId, useState } from 'react';
import type { PollEvent } from '../../../core/ledger.js';
import type { SessionSummary } from '../../../protocol/messages.js';
import {
  describeError,
  useDeleteSession,
  useNow,
  usePollCommand,
  useSessionCommand,
} from '../../queries.js';
import { useUiState } from '../../UiStateProvider.js';
import { ExportButton, ImportButton } from './ImportExport.js';
import { NextPollCountdown } from './NextPollCountdown.js';

/**
 * When the session may poll again without being early: the planned poll time while polling, otherwise the last
 * answer's time plus the interval it asked for. Replays and failures do not move the chain, so they are skipped.
 */
export function pollDueAt(
  session: SessionSummary,
  events: readonly PollEvent[],
): number | undefined {
  if (session.nextPollAt !== undefined) return session.nextPollAt;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.trigger === 'replay' || e.outcome.type === 'error') continue;
    return e.intervalSeconds === undefined ? undefined : e.answeredAt + e.intervalSeconds * 1000;
  }
  return undefined;
}

/** What the toolbar needs of a mutation; every command here takes just the session id. */
interface Command {
  mutate(
    params: { sessionId: string },
    options: { onError: (e: Error) => void; onSuccess?: () => void },
  ): void;
}

interface Props {
  session: SessionSummary;
  events: PollEvent[];
}

/** The toolbar for the open session, including the two deliberate-misuse actions. */
export function SessionControls({ session, events }: Props) {
  const { dispatch } = useUiState();
  const now = useNow(1000);
  const pause = useSessionCommand('pauseSession');
  const resume = useSessionCommand('resumeSession');
  const stop = useSessionCommand('stopSession');
  const pollNow = usePollCommand('pollNow');
  const replay = usePollCommand('replayToken');
  const remove = useDeleteSession();
  const [actionError, setActionError] = useState<string>();
  // Deleting unmounts this toolbar (the cache drops the session first), and React Query skips per-call
  // callbacks of an unmounted observer: clear the selection from the promise instead.
  const removeAndDeselect: Command = {
    mutate: (params, options) =>
      void remove
        .mutateAsync(params)
        .then(() => dispatch({ type: 'sessionSelected' }), options.onError),
  };

  const run = (name: string, command: Command, onSuccess?: () => void) => () => {
    setActionError(undefined);
    command.mutate(
      { sessionId: session.id },
      { onError: (e) => setActionError(`${name} failed: ${describeError(e)}`), onSuccess },
    );
  };

  const writable = !session.readOnly;
  const live = writable && session.state !== 'stopped';
  const due = pollDueAt(session, events);
  const intervalElapsed = due === undefined || due <= now;
  const hasSpentToken = events.some((e) => e.kind === 'poll' && e.tokenIn !== undefined);
  const busy = [pause, resume, stop, pollNow, replay, remove].some((m) => m.isPending);
  // The service refuses to delete a member alone (its fleet would be a member short): say so up front.
  const member = session.fleetId !== undefined;
  const deleteNoteId = useId();

  return (
    <div className="session-controls">
      <div role="toolbar" aria-label="Session controls" className="toolbar">
        <button
          type="button"
          disabled={busy || !live || (session.state !== 'polling' && session.state !== 'retrying')}
          onClick={run('Pause', pause)}
        >
          Pause
        </button>
        <button
          type="button"
          disabled={busy || !live || (session.state !== 'paused' && session.state !== 'failed')}
          onClick={run('Resume', resume)}
        >
          Resume
        </button>
        <button
          type="button"
          disabled={busy || !live || !intervalElapsed}
          title={
            intervalElapsed
              ? 'Poll with the newest token'
              : 'The poll interval has not elapsed yet; use "Poll now (ignore interval)" to poll early on purpose'
          }
          onClick={run('Poll now', pollNow)}
        >
          Poll now
        </button>
        <span className="misuse" role="group" aria-label="Deliberate misuse">
          <button
            type="button"
            className="warn"
            disabled={busy || !live}
            title="Poll with the newest token before the interval AWS asked for has elapsed (flagged: Polled too early)"
            onClick={run('Poll now (ignore interval)', pollNow)}
          >
            Poll now (ignore interval)
          </button>
          <button
            type="button"
            className="warn"
            disabled={busy || !live || !hasSpentToken}
            title="Send the token the previous poll already spent (flagged: Token reused)"
            onClick={run('Replay previous token', replay)}
          >
            Replay previous token
          </button>
        </span>
        <button type="button" disabled={busy || !live} onClick={run('Stop', stop)}>
          Stop
        </button>
        {member ? (
          <>
            <button type="button" disabled aria-describedby={deleteNoteId}>
              Delete
            </button>
            <span id={deleteNoteId} className="muted">
              Delete the fleet to delete its members.
            </span>
          </>
        ) : (
          <button
            type="button"
            disabled={busy || live}
            title="Forget this stopped or imported session and its recording"
            onClick={run('Delete', removeAndDeselect)}
          >
            Delete
          </button>
        )}
        <ExportButton session={session} />
        <ImportButton />
      </div>
      <p className="session-status">
        <NextPollCountdown session={session} />
        {session.firstHeldSeq !== undefined && (
          <span className="muted">
            showing calls from #{session.firstHeldSeq}; older ones are in the recording (Export
            includes them)
          </span>
        )}
        {session.requiredMinimumPollIntervalInSeconds !== undefined && (
          <span className="muted">
            minimum interval {session.requiredMinimumPollIntervalInSeconds} s
          </span>
        )}
      </p>
      {session.lastError && (
        <p className="last-error" role="status">
          Last error: {session.lastError}
        </p>
      )}
      {actionError && (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      )}
    </div>
  );
}
