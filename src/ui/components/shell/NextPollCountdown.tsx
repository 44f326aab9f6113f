// The ticking "Next poll in" / "Waiting for an answer" / "Retrying in" line of the session toolbar.
// Rendered by SessionControls.tsx.
import type { SessionSummary } from '../../../protocol/messages.js';
import { useNow } from '../../queries.js';

export function formatCountdown(ms: number): string {
  if (ms <= 0) return 'due now';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `in ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60)
    return seconds % 60 ? `in ${minutes} min ${seconds % 60} s` : `in ${minutes} min`;
  return `in ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const OBSERVED_STATES: Partial<Record<SessionSummary['state'], string>> = {
  idle: 'Observed: idle, the app missed a few of its poll intervals',
  ended: 'Observed: ended, the app stopped polling',
  failed: 'Observed: the app could not start a session',
};

/**
 * "Next poll in 12 s", ticking; "Waiting 8 s for an answer" while a call is out; "Retrying in 20 s (3rd
 * failure)" after transient failures; and why there is none when paused or stopped.
 */
export function NextPollCountdown({ session }: { session: SessionSummary }) {
  const now = useNow(1000);
  let text: string;
  if (session.origin === 'observed')
    text = OBSERVED_STATES[session.state] ?? 'Observed: the app polls on its own schedule';
  else if (session.readOnly) text = 'Recording (read-only)';
  else if (session.callInFlightSince !== undefined)
    text = `Waiting ${Math.max(0, Math.floor((now - session.callInFlightSince) / 1000))} s for an answer`;
  else if (session.state === 'retrying' && session.nextPollAt !== undefined)
    text = `Retrying ${formatCountdown(session.nextPollAt - now)} (failure ${session.consecutiveFailures ?? 1} in a row)`;
  else if (session.nextPollAt !== undefined)
    text = `Next poll ${formatCountdown(session.nextPollAt - now)}`;
  else if (session.state === 'paused') text = 'Paused: no poll scheduled';
  else if (session.state === 'stopped' || session.state === 'failed')
    text = `Session ${session.state}`;
  else text = 'No poll scheduled';
  return (
    <span className="countdown" role="timer" aria-live="off">
      {text}
    </span>
  );
}
