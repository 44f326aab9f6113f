// The watch report model and exit decision, over real ledgers with core's own anomalies.
import { describe, expect, it } from 'vitest';
import { poll, T0 } from './testLedger.js';
import {
  BOTO_CLIENT,
  chain,
  cleanSession,
  content,
  deployV2,
  earlyRequiredSession,
  earlySession,
  every31,
  JS_CLIENT,
  observed,
  replaySession,
  watchInput,
} from './testWatchInputs.js';
import { buildWatchReport, WATCH_REPORT_SCHEMA, type WatchReport } from './watchReport.js';

describe('buildWatchReport', () => {
  it('passes a clean session with CMD status 0 and reports its counts and versions', () => {
    const report = buildWatchReport(watchInput([cleanSession()]));
    expect(report.outcome).toEqual({
      status: 'pass',
      exitCode: 0,
      reason: "no finding at or above --fail-on error; exit 0 (CMD's status)",
    });
    const [s] = report.sessions;
    expect(s).toMatchObject({
      index: 1,
      id: 's1',
      client: JS_CLIENT,
      application: 'demo-app',
      environment: 'dev',
      profile: 'app-config',
      counts: { starts: 1, polls: 10, content: 1, unchanged: 9, errors: 0 },
      findings: [],
      status: 'pass',
    });
    expect(s!.versions.map((v) => v.label)).toEqual(['v1']);
    expect(report.findings.total).toBe(0);
  });

  it('fails a replayed token as a token-reused error (core says warning) with exit 1', () => {
    const report = buildWatchReport(watchInput([replaySession()]));
    const [f] = report.sessions[0]!.findings;
    expect(f).toMatchObject({
      rule: 'token-reused',
      severity: 'error',
      coreSeverity: 'warning',
      allowed: false,
      failing: true,
      title: 'Token reused',
      seq: 3,
      at: '2026-11-01T09:01:03.000Z',
    });
    expect(f!.fix).toMatch(/exactly once/);
    expect(report.sessions[0]!.status).toBe('fail');
    expect(report.outcome).toEqual({
      status: 'fail',
      exitCode: 1,
      reason: '1 error (token-reused) at or above --fail-on error; exit 1',
    });
  });

  it('passes the replay with --allow token-reused and keeps the finding marked allowed', () => {
    const report = buildWatchReport(watchInput([replaySession()], { allow: ['token-reused'] }));
    expect(report.sessions[0]!.findings[0]).toMatchObject({
      rule: 'token-reused',
      allowed: true,
      failing: false,
    });
    expect(report.findings).toMatchObject({ total: 1, allowed: 1, failing: 0, failingRules: [] });
    expect(report.outcome.exitCode).toBe(0);
    expect(report.options.allow).toEqual(['token-reused']);
  });

  it('treats an early poll without a required minimum as a warning that fails only with failOn warning', () => {
    const lenient = buildWatchReport(watchInput([earlySession()]));
    expect(lenient.sessions[0]!.findings).toMatchObject([
      { rule: 'polled-too-early', severity: 'warning', failing: false, seq: 3 },
    ]);
    expect(lenient.outcome.exitCode).toBe(0);

    const strict = buildWatchReport(watchInput([earlySession()], { failOn: 'warning' }));
    expect(strict.outcome).toEqual({
      status: 'fail',
      exitCode: 1,
      reason: '1 warning (polled-too-early) at or above --fail-on warning; exit 1',
    });
  });

  it('treats a poll below the required minimum interval as a polled-too-early error', () => {
    const report = buildWatchReport(watchInput([earlyRequiredSession()]));
    expect(report.sessions[0]!.findings).toMatchObject([
      { rule: 'polled-too-early', severity: 'error', failing: true },
    ]);
    expect(report.sessions[0]!.requiredMinimumPollIntervalInSeconds).toBe(30);
    expect(report.outcome.exitCode).toBe(1);
  });

  it('fails a stale token as an error: AWS says the next call must send the newest token', () => {
    const events = chain('s1', 0, [1, 32]);
    // #3 sends t1 (issued by #1, never sent) although #2 issued t2: the client skipped a token.
    events.push(poll(3, 63, 's1-t1', 's1-t3', { sessionId: 's1', outcome: { type: 'unchanged' } }));
    events[2] = poll(2, 32, 's1-t0', 's1-t2', {
      sessionId: 's1',
      outcome: { type: 'unchanged' },
    });
    const report = buildWatchReport(watchInput([observed('s1', events)]));
    const rules = report.sessions[0]!.findings.map((f) => [f.rule, f.severity]);
    expect(rules).toContainEqual(['stale-token', 'error']);
  });

  it('flags a new session on every call as session-churn errors on every later session', () => {
    const sessions = [0, 20, 40].map((t, i) =>
      observed(`s${i + 1}`, chain(`s${i + 1}`, t, [t + 1]), { client: BOTO_CLIENT }),
    );
    const report = buildWatchReport(watchInput(sessions));
    const churn = report.sessions.map((s) =>
      s.findings.filter((f) => f.rule === 'session-churn').map((f) => f.severity),
    );
    expect(churn).toEqual([[], ['error'], ['error']]);
    expect(report.outcome.reason).toBe(
      '2 errors (session-churn) at or above --fail-on error; exit 1',
    );
  });

  it('keeps churn a warning when the earlier session kept polling, as a second worker process would', () => {
    const sessions = [0, 200].map((t, i) =>
      observed(`s${i + 1}`, chain(`s${i + 1}`, t, [t + 1, t + 32, t + 63]), {
        client: BOTO_CLIENT,
      }),
    );
    const report = buildWatchReport(watchInput(sessions));
    const churn = report.sessions.map((s) =>
      s.findings.filter((f) => f.rule === 'session-churn').map((f) => f.severity),
    );
    expect(churn).toEqual([[], ['warning']]);
    expect(report.outcome.status).toBe('pass');
  });

  it('reports a deployment a session never picked up, and which session did receive it', () => {
    const stuck = observed('s1', chain('s1', 0, every31(1, 301)));
    const follows = observed('s2', chain('s2', 0, every31(1, 301), { 4: content('v2', 'h2') }), {
      client: BOTO_CLIENT,
    });
    const report = buildWatchReport(watchInput([stuck, follows], { deployments: [deployV2()] }));
    const [f] = report.sessions[0]!.findings;
    expect(f).toMatchObject({
      rule: 'deployment-not-picked-up',
      severity: 'error',
      coreSeverity: null,
      failing: true,
      title: 'Deployment not picked up',
      seq: 10,
    });
    expect(f!.explanation).toBe(
      'v2 was deployed at 09:01:40 UTC and completed at 09:01:40 UTC; this session polled 6 times after that and still holds v1.',
    );
    expect(f!.fix).toMatch(/do not cache the first answer; treat an empty body as "unchanged"/);
    expect(report.sessions[1]!.findings).toEqual([]);
    expect(report.sessions[1]!.versions.map((v) => v.label)).toEqual(['v1', 'v2']);
    expect(report.deployments).toEqual([
      expect.objectContaining({
        version: '2',
        versionLabel: 'v2',
        deploymentNumber: 2,
        completedAt: '2026-11-01T09:01:40.000Z',
        receivedBy: [{ sessionId: 's2', seq: 5, at: '2026-11-01T09:02:05.100Z' }],
        notPickedUpBy: ['s1'],
      }),
    ]);
  });

  it('reports a session that stopped polling although its next poll fell due after the deployment', () => {
    const quiet = observed('s1', chain('s1', 0, [1, 32]));
    const report = buildWatchReport(
      watchInput([quiet], { deployments: [deployV2()], endedAt: T0 + 160_000 }),
    );
    const [f] = report.sessions[0]!.findings;
    expect(f).toMatchObject({ rule: 'deployment-not-picked-up', severity: 'error', seq: 2 });
    expect(f!.explanation).toBe(
      "v2 was deployed at 09:01:40 UTC and completed at 09:01:40 UTC; this session's last call was answered at 09:00:32 UTC with a 30 s poll interval, yet it made no call in the 98 s CMD kept running after its next poll fell due, so it still holds v1.",
    );
    expect(report.outcome.status).toBe('fail');
  });

  it('leaves alone a session whose next poll was not yet due when CMD ended, as a short job', () => {
    const job = observed('s1', chain('s1', 90, [95]));
    const report = buildWatchReport(
      watchInput([job], { deployments: [deployV2()], endedAt: T0 + 110_000 }),
    );
    expect(report.sessions[0]!.findings).toEqual([]);
    expect(report.deployments[0]!.notPickedUpBy).toEqual([]);
  });

  it('does not flag a deployment still running when CMD exited, or one of another profile', () => {
    const stuck = observed('s1', chain('s1', 0, every31(1, 301)));
    const running = deployV2({ completedAt: undefined });
    const other = deployV2({ profile: 'other-profile' });
    const report = buildWatchReport(watchInput([stuck], { deployments: [running, other] }));
    expect(report.sessions[0]!.findings).toEqual([]);
    expect(report.deployments.map((d) => d.notPickedUpBy)).toEqual([[], []]);
  });

  it("keeps CMD's own non-zero status, with and without findings", () => {
    const clean = buildWatchReport(
      watchInput([cleanSession()], { exit: { code: 3, signal: null } }),
    );
    expect(clean.outcome).toEqual({
      status: 'fail',
      exitCode: 3,
      reason:
        "CMD exited with status 3; no finding at or above --fail-on error; exit 3 (CMD's status)",
    });
    const flagged = buildWatchReport(
      watchInput([replaySession()], { exit: { code: 3, signal: null } }),
    );
    expect(flagged.outcome.exitCode).toBe(3);
    expect(flagged.outcome.reason).toBe(
      "CMD exited with status 3; 1 error (token-reused) at or above --fail-on error; exit 3 (CMD's status)",
    );
  });

  it('exits 128 + the signal number when CMD was killed, and 130/143 when watch was interrupted', () => {
    const killed = buildWatchReport(
      watchInput([cleanSession()], { exit: { code: null, signal: 'SIGKILL' } }),
    );
    expect(killed.outcome.exitCode).toBe(137);
    expect(killed.outcome.reason).toMatch(/^CMD was killed by SIGKILL; /);
    const sigint = buildWatchReport(
      watchInput([replaySession()], {
        exit: { code: null, signal: 'SIGINT' },
        interrupted: 'SIGINT',
      }),
    );
    expect(sigint.outcome.exitCode).toBe(130);
    expect(sigint.interrupted).toBe('SIGINT');
    expect(sigint.outcome.reason).toMatch(/^watch was interrupted by SIGINT; 1 error/);
    const sigterm = buildWatchReport(
      watchInput([cleanSession()], { exit: { code: 0, signal: null }, interrupted: 'SIGTERM' }),
    );
    expect(sigterm.outcome.exitCode).toBe(143);
  });

  it('passes a run without sessions and says CMD made none', () => {
    const report = buildWatchReport(watchInput([]));
    expect(report.sessions).toEqual([]);
    expect(report.outcome).toEqual({
      status: 'pass',
      exitCode: 0,
      reason: "CMD made no AppConfig session; exit 0 (CMD's status)",
    });
  });

  it('leaves out flags on calls the inspector itself sent on purpose', () => {
    const events = chain('s1', 0, [1, 32]);
    events.push(
      poll(3, 63, 's1-t1', 's1-t3', {
        sessionId: 's1',
        trigger: 'replay',
        outcome: { type: 'unchanged' },
      }),
    );
    const input = observed('s1', events);
    expect(input.anomalies.map((a) => a.rule)).toEqual(['tokenReused']);
    expect(buildWatchReport(watchInput([input])).sessions[0]!.findings).toEqual([]);
  });
});

/** Every field docs/watch-report.md documents, by object; the type makes a renamed field fail to compile. */
const REQUIRED: { [K in 'report' | 'session' | 'finding' | 'deployment']: readonly string[] } = {
  report: [
    'schema',
    'command',
    'exit',
    'interrupted',
    'startedAt',
    'endedAt',
    'durationMs',
    'options',
    'sessions',
    'deployments',
    'findings',
    'outcome',
  ] satisfies (keyof WatchReport)[],
  session: [
    'index',
    'id',
    'client',
    'application',
    'environment',
    'profile',
    'requiredMinimumPollIntervalInSeconds',
    'startedAt',
    'lastCallAt',
    'counts',
    'versions',
    'findings',
    'status',
  ] satisfies (keyof WatchReport['sessions'][number])[],
  finding: [
    'rule',
    'severity',
    'coreSeverity',
    'allowed',
    'failing',
    'title',
    'explanation',
    'fix',
    'seq',
    'at',
  ] satisfies (keyof WatchReport['sessions'][number]['findings'][number])[],
  deployment: [
    'version',
    'versionLabel',
    'application',
    'environment',
    'profile',
    'strategy',
    'deploymentNumber',
    'startedAt',
    'completedAt',
    'receivedBy',
    'notPickedUpBy',
  ] satisfies (keyof WatchReport['deployments'][number])[],
};

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('watch report JSON', () => {
  it('round-trips through JSON with every documented field present and no undefined', () => {
    const stuck = observed('s1', chain('s1', 0, every31(1, 301)));
    const report = buildWatchReport(
      watchInput([stuck, replaySession()], {
        deployments: [deployV2({ deploymentNumber: undefined, completedAt: undefined })],
      }),
    );
    const json = JSON.parse(JSON.stringify(report)) as WatchReport;
    expect(json).toEqual(report);
    expect(json.schema).toBe(WATCH_REPORT_SCHEMA);
    expect(Object.keys(json).sort()).toEqual([...REQUIRED.report].sort());
    for (const s of json.sessions) {
      expect(Object.keys(s).sort()).toEqual([...REQUIRED.session].sort());
      expect(s.startedAt).toMatch(ISO);
      for (const f of s.findings)
        expect(Object.keys(f).sort()).toEqual([...REQUIRED.finding].sort());
    }
    expect(json.sessions.flatMap((s) => s.findings)).not.toHaveLength(0);
    for (const d of json.deployments)
      expect(Object.keys(d).sort()).toEqual([...REQUIRED.deployment].sort());
    expect(json.deployments[0]).toMatchObject({ deploymentNumber: null, completedAt: null });
    expect([json.startedAt, json.endedAt].every((t) => ISO.test(t))).toBe(true);
  });
});
