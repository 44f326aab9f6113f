// Small phrasing helpers shared by the anomaly rules, so every explanation words durations and deliberate
// inspector actions the same way. Imported by src/core/rules only.
import type { PollTrigger } from '../ledger.js';

export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 60_000) return `${(ms / 1000).toFixed(abs < 10_000 ? 1 : 0)} s`;
  if (abs < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  const totalMinutes = Math.round(abs / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return `${ms < 0 ? '-' : ''}${hours} h${minutes ? ` ${minutes} min` : ''}`;
}

/** The inspector's own deliberate misuse buttons are flagged too, but the text says the user asked for it. */
export function deliberateNote(trigger: PollTrigger): string {
  if (trigger === 'replay') return ' (you replayed it on purpose from the inspector)';
  if (trigger === 'early') return ' (you sent this early poll on purpose from the inspector)';
  if (trigger === 'pollNow') return ' (you pressed Poll now)';
  return '';
}
