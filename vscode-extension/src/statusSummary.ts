// What the status bar item says: how many sessions are live and the worst misuse flag among them, from
// core's detectAnomalies. Pure, so it is unit-tested; statusBar.ts puts it on screen. Must not import vscode.
import { detectAnomalies, worstSeverity, type Severity } from '../../src/core/anomalies.js';
import { SEVERITY_RANK } from '../../src/core/anomalyTypes.js';
import type { SessionSnapshot } from '../../src/protocol/messages.js';

export interface StatusSummary {
  live: number;
  worst?: Severity;
  /** Status bar text with codicons, e.g. "$(pulse) 2 live $(warning)". */
  text: string;
  tooltip: string;
}

const ICON: Record<Severity, string> = {
  error: '$(error)',
  warning: '$(warning)',
  info: '$(info)',
};

export const isLive = (state: string) =>
  state === 'polling' || state === 'starting' || state === 'retrying';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `snapshots` are the live sessions with their ledgers; `paused` counts the ones that could be resumed. */
export function summarizeStatus(
  snapshots: readonly SessionSnapshot[],
  paused: number,
  now: number,
): StatusSummary {
  let worst: Severity | undefined;
  const lines: string[] = [];
  for (const { session, events } of snapshots) {
    const flags = detectAnomalies(session, events, now);
    const own = worstSeverity(flags);
    if (own && (!worst || SEVERITY_RANK[own] > SEVERITY_RANK[worst])) worst = own;
    const name = `${session.applicationIdentifier} / ${session.environmentIdentifier} / ${session.configurationProfileIdentifier}`;
    lines.push(
      `${name}: ${session.state}, ${plural(session.pollCount, 'poll')}${flags.length ? `, ${plural(flags.length, 'flag')} (worst: ${own})` : ''}`,
    );
  }
  const live = snapshots.length;
  const head =
    live === 0
      ? 'AppConfig Inspector: no live sessions'
      : `AppConfig Inspector: ${plural(live, 'live session')}`;
  const tail = [paused > 0 ? `${paused} paused.` : '', 'Click to open the inspector.'].filter(
    Boolean,
  );
  return {
    live,
    ...(worst ? { worst } : {}),
    text: `$(pulse) ${live === 0 ? 'AppConfig' : `${live} live`}${worst ? ` ${ICON[worst]}` : ''}`,
    tooltip: [head, ...lines, ...tail].join('\n'),
  };
}
