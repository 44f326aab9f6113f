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

/** "Next poll in 12 s", ticking; explains why there is none when paused or stopped. */
export function NextPollCountdown({ session }: { session: SessionSummary }) {
  const now = useNow(1000);
  let text: string;
  if (session.origin === 'observed') text = 'Observed: the app polls on its own schedule';
  else if (session.readOnly) text = 'Recording (read-only)';
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
