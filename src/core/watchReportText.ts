// The human report `appconfig-inspector watch` prints to stderr when CMD exits: plain text for a CI log, no
// colour, ending with the one line a reader looks for ("watch: PASS — …" / "watch: FAIL — …"). Imported by
// core/watchReport.ts (re-exported to the CLI); pure core.
import { clockTime } from './watchDeployments.js';
import type {
  WatchDeploymentReport,
  WatchFinding,
  WatchReport,
  WatchSessionReport,
} from './watchReportTypes.js';

/**
 * A CI log is a terminal: escape sequences, stray carriage returns or newlines in a message (AWS error text,
 * CMD's arguments) must not reach it or break a finding's layout.
 */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/** Shell-style quoting, so the header shows CMD as one could type it again. */
export function shellLine(args: readonly string[]): string {
  return args
    .map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}

function ended(report: WatchReport): string {
  const { code, signal } = report.exit;
  const how =
    code !== null
      ? `exited with status ${code}`
      : signal !== null
        ? `was killed by ${signal}`
        : 'ended without a status';
  const stopped = report.interrupted ? ` after watch was interrupted by ${report.interrupted}` : '';
  return `${how}${stopped}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function versionName(v: WatchSessionReport['versions'][number]): string {
  return v.label ?? `sha256 ${v.contentHash.slice(0, 12)}…`;
}

function sessionLines(s: WatchSessionReport): string[] {
  const c = s.counts;
  const lines = [
    `session ${s.index}: ${clean(s.client ?? 'unknown client')} ${clean(`${s.application}/${s.environment}/${s.profile}`)} — ${plural(c.polls, 'poll')}, ${plural(s.versions.length, 'version')}`,
    `  started ${clockTime(Date.parse(s.startedAt))}; ${plural(c.starts, 'start')}; ${c.content} with content, ${c.unchanged} unchanged, ${plural(c.errors, 'error')}` +
      (s.requiredMinimumPollIntervalInSeconds === null
        ? ''
        : `; required minimum interval ${s.requiredMinimumPollIntervalInSeconds} s`),
  ];
  if (s.versions.length > 0)
    lines.push(`  versions: ${s.versions.map((v) => clean(versionName(v))).join(' → ')}`);
  if (s.findings.length === 0) lines.push('  no findings');
  for (const f of s.findings) lines.push(...findingLines(f));
  return lines;
}

function findingLines(f: WatchFinding): string[] {
  const where =
    f.seq === null ? '' : ` (call #${f.seq}${f.at ? `, ${clockTime(Date.parse(f.at))}` : ''})`;
  const allowed = f.allowed ? ` (allowed by --allow ${f.rule})` : '';
  return [
    `  ${f.severity.toUpperCase()} ${f.rule}: ${clean(f.title)}${where}${allowed}`,
    `    ${clean(f.explanation)}`,
    `    Fix: ${clean(f.fix)}`,
  ];
}

function deploymentLine(d: WatchDeploymentReport, sessions: readonly WatchSessionReport[]): string {
  const n = (id: string) => `session ${sessions.find((s) => s.id === id)?.index ?? id}`;
  const name = clean(d.versionLabel ?? `version ${d.version}`);
  const done = d.completedAt
    ? `completed ${clockTime(Date.parse(d.completedAt))}`
    : 'not completed';
  const got = d.receivedBy.length
    ? d.receivedBy.map((r) => n(r.sessionId)).join(', ')
    : 'no session';
  const missed = d.notPickedUpBy.length
    ? `; not picked up by ${d.notPickedUpBy.map(n).join(', ')}`
    : '';
  return `deployment ${name}@${clean(d.profile)} (${clean(d.strategy)}): started ${clockTime(Date.parse(d.startedAt))}, ${done}; received by ${got}${missed}`;
}

export function renderWatchText(report: WatchReport): string {
  const lines = [
    `watch: ${clean(shellLine(report.command))} ${ended(report)} (${seconds(report.durationMs)})`,
  ];
  if (report.sessions.length === 0) lines.push('CMD made no AppConfig session.');
  for (const s of report.sessions) lines.push('', ...sessionLines(s));
  if (report.deployments.length > 0) lines.push('');
  for (const d of report.deployments) lines.push(deploymentLine(d, report.sessions));
  lines.push('', `watch: ${report.outcome.status.toUpperCase()} — ${report.outcome.reason}`);
  return `${lines.join('\n')}\n`;
}
