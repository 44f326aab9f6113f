// Builds the watch report model from what the CLI collected (sessions with core's anomalies, deployments,
// how CMD ended), applies the watch policy and decides watch's exit status. Imported by core/watchReport.ts
// (re-exported to the CLI); pure core. Exit codes: docs/watch-report.md.
import { SEVERITY_RANK, type Anomaly } from './anomalyTypes.js';
import { detectChurn } from './anomalies.js';
import type { PollEvent } from './ledger.js';
import { deploymentVerdicts, labelOf, NOT_PICKED_UP_TITLE } from './watchDeployments.js';
import { isDeliberate, WATCH_RULE_OF, watchSeverity } from './watchPolicy.js';
import { watchOutcome } from './watchOutcome.js';
import {
  WATCH_REPORT_SCHEMA,
  type WatchDeploymentReport,
  type WatchFinding,
  type WatchFindingSummary,
  type WatchInput,
  type WatchReport,
  type WatchSessionInput,
  type WatchSessionReport,
  type WatchVersionReceived,
} from './watchReportTypes.js';

const iso = (ms: number) => new Date(ms).toISOString();

function counts(events: readonly PollEvent[]): WatchSessionReport['counts'] {
  const c = { starts: 0, polls: 0, content: 0, unchanged: 0, errors: 0 };
  for (const e of events) {
    if (e.kind === 'start') c.starts++;
    else c.polls++;
    if (e.outcome.type === 'error') c.errors++;
    else if (e.kind === 'poll' && e.outcome.type === 'content') c.content++;
    else if (e.kind === 'poll' && e.outcome.type === 'unchanged') c.unchanged++;
  }
  return c;
}

/** Changes of held content in answer order; a new session re-sending the held version is no change. */
function versions(events: readonly PollEvent[]): WatchVersionReceived[] {
  const out: WatchVersionReceived[] = [];
  const answers = [...events].sort((a, b) => a.answeredAt - b.answeredAt);
  for (const e of answers) {
    if (e.outcome.type !== 'content' || isDeliberate(e.trigger)) continue;
    if (out.at(-1)?.contentHash === e.outcome.contentHash) continue;
    out.push({
      label: e.outcome.versionLabel ?? null,
      contentHash: e.outcome.contentHash,
      contentType: e.outcome.contentType ?? null,
      size: e.outcome.size,
      seq: e.seq,
      at: iso(e.answeredAt),
    });
  }
  return out;
}

interface Options {
  failOn: WatchInput['failOn'];
  allow: ReadonlySet<string>;
  /** Ids of the sessions whose churn flag is the "new session on every call" form. */
  everyCall: ReadonlySet<string>;
}

function finish(
  f: Omit<WatchFinding, 'allowed' | 'failing'>,
  { failOn, allow }: Options,
): WatchFinding {
  const allowed = allow.has(f.rule);
  const failing = !allowed && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn];
  return { ...f, allowed, failing };
}

function fromAnomaly(a: Anomaly, bySeq: Map<number, PollEvent>, o: Options): WatchFinding {
  const event = bySeq.get(a.seq);
  return finish(
    {
      rule: WATCH_RULE_OF[a.rule],
      severity: watchSeverity(a, { everyCall: o.everyCall.has(a.sessionId) }),
      coreSeverity: a.severity,
      title: a.title,
      explanation: a.explanation,
      fix: a.fix,
      seq: event ? a.seq : null,
      at: event ? iso(event.sentAt) : null,
    },
    o,
  );
}

/** Churned sessions whose predecessor (same client and identifiers) made at most one poll before it. */
function everyCallSessions(
  ordered: readonly WatchSessionInput[],
  churn: readonly Anomaly[],
): Set<string> {
  const key = ({ info }: WatchSessionInput) =>
    [
      info.client ?? '',
      info.applicationIdentifier,
      info.environmentIdentifier,
      info.configurationProfileIdentifier,
    ].join('\u0000');
  const churned = new Set(churn.map((a) => a.sessionId));
  const out = new Set<string>();
  const previous = new Map<string, WatchSessionInput>();
  for (const s of ordered) {
    const before = previous.get(key(s));
    if (before && churned.has(s.info.id)) {
      const polls = before.events.filter((e) => e.kind === 'poll').length;
      if (polls <= 1) out.add(s.info.id);
    }
    previous.set(key(s), s);
  }
  return out;
}

export function buildWatchReport(input: WatchInput): WatchReport {
  const ordered = input.sessions
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.info.startedAt - b.s.info.startedAt || a.i - b.i)
    .map(({ s }) => s);
  // "A new session on every call" shows up as many sessions, so cross-session churn is judged here, over all
  // of them; the per-session anomalies the CLI passes already hold in-ledger restarts.
  const churn = detectChurn(
    ordered.map((s) => s.info),
    input.endedAt,
  );
  const o: Options = {
    failOn: input.failOn,
    allow: new Set(input.allow),
    everyCall: everyCallSessions(ordered, churn),
  };
  const deployments: WatchDeploymentReport[] = input.deployments.map((d) => ({
    version: d.version,
    versionLabel: labelOf(d) ?? null,
    application: d.application,
    environment: d.environment,
    profile: d.profile,
    strategy: d.strategy,
    deploymentNumber: d.deploymentNumber ?? null,
    startedAt: iso(d.startedAt),
    completedAt: d.completedAt === undefined ? null : iso(d.completedAt),
    receivedBy: [],
    notPickedUpBy: [],
  }));

  const sessions = ordered.map((s, i) => sessionReport(s, i + 1, churn, input, deployments, o));
  const all = sessions.flatMap((s) => s.findings);
  const summary: WatchFindingSummary = {
    total: all.length,
    bySeverity: { error: 0, warning: 0, info: 0 },
    allowed: all.filter((f) => f.allowed).length,
    failing: 0,
    failingRules: [],
  };
  for (const f of all) {
    summary.bySeverity[f.severity]++;
    if (!f.failing) continue;
    summary.failing++;
    if (!summary.failingRules.includes(f.rule)) summary.failingRules.push(f.rule);
  }

  return {
    schema: WATCH_REPORT_SCHEMA,
    command: [...input.command],
    exit: { code: input.exit.code, signal: input.exit.signal },
    interrupted: input.interrupted ?? null,
    startedAt: iso(input.startedAt),
    endedAt: iso(input.endedAt),
    durationMs: input.endedAt - input.startedAt,
    options: { failOn: input.failOn, allow: [...new Set(input.allow)] },
    sessions,
    deployments,
    findings: summary,
    outcome: watchOutcome(input, sessions.length, all),
  };
}

function sessionReport(
  s: WatchSessionInput,
  index: number,
  churn: readonly Anomaly[],
  input: WatchInput,
  deployments: WatchDeploymentReport[],
  o: Options,
): WatchSessionReport {
  const { info, events } = s;
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  const verdicts = deploymentVerdicts(info, events, input.deployments, input.endedAt);
  const missedNumbers = new Set(
    verdicts
      .filter((v) => v.notPickedUp)
      .map((v) => input.deployments[v.deployment]!.deploymentNumber)
      .filter((n) => n !== undefined),
  );
  const seen = new Set<string>();
  const anomalies = [...s.anomalies, ...churn.filter((a) => a.sessionId === info.id)].filter(
    (a) => {
      if (seen.has(a.id)) return false;
      seen.add(a.id);
      if (isDeliberate(bySeq.get(a.seq)?.trigger)) return false;
      // One misuse, one flag: core's missed-deployment flag about a deployment that the watch rule already
      // reports as not picked up would say the same thing twice.
      const missed = /:deployment-(\d+)$/.exec(a.id);
      return !(a.rule === 'missedDeployment' && missed && missedNumbers.has(Number(missed[1])));
    },
  );
  const findings = anomalies.map((a) => fromAnomaly(a, bySeq, o));
  for (const v of verdicts) {
    const report = deployments[v.deployment]!;
    if (v.received) {
      const e = bySeq.get(v.received.seq);
      report.receivedBy.push({
        sessionId: info.id,
        seq: v.received.seq,
        at: iso(e?.answeredAt ?? info.startedAt),
      });
    }
    if (!v.notPickedUp) continue;
    report.notPickedUpBy.push(info.id);
    findings.push(
      finish(
        {
          rule: 'deployment-not-picked-up',
          severity: 'error',
          coreSeverity: null,
          title: NOT_PICKED_UP_TITLE,
          explanation: v.notPickedUp.explanation,
          fix: v.notPickedUp.fix,
          seq: v.notPickedUp.seq,
          at: iso(v.notPickedUp.sentAt),
        },
        o,
      ),
    );
  }
  findings.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  return {
    index,
    id: info.id,
    client: info.client ?? null,
    application: info.applicationIdentifier,
    environment: info.environmentIdentifier,
    profile: info.configurationProfileIdentifier,
    requiredMinimumPollIntervalInSeconds: info.requiredMinimumPollIntervalInSeconds ?? null,
    startedAt: iso(info.startedAt),
    lastCallAt: events.length ? iso(events.reduce((m, e) => Math.max(m, e.answeredAt), 0)) : null,
    counts: counts(events),
    versions: versions(events),
    findings,
    status: findings.some((f) => f.failing) ? 'fail' : 'pass',
  };
}
