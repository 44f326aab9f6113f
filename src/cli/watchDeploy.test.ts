// `watch --deploy VERSION@PROFILE --after SECONDS` with real JS SDK apps: the deployment starts while CMD runs and
// completes (bake time shortened by --time-scale). An app that reads its configuration once and never polls
// again, although its 15 s interval ran out while it kept working, is reported as never picking the version
// up; a correct app that polls again at its interval receives it and passes. AWS's 15 s floor on the poll
// interval is why each run takes about 18 s; the two run side by side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPS,
  findingsOf,
  junitFailures,
  removeSandboxes,
  runWatch,
  WATCH_TEST_TIMEOUT_MS,
  type WatchRun,
} from './test/watchRun.js';

const DEPLOY = [
  '--time-scale',
  '1000',
  '--deploy',
  'v1.1.0@demo-app/prod/app-config',
  '--after',
  '4',
];
let once: Promise<WatchRun>;
let follows: Promise<WatchRun>;
// One run of each app serves all tests, started together: each waits out a 15 s poll interval.
beforeAll(() => {
  once = runWatch(DEPLOY, ['node', `${APPS}/once.mjs`], { env: { WATCH_APP_RUN_MS: '17500' } });
  follows = runWatch(DEPLOY, ['node', `${APPS}/correct.mjs`], {
    env: {
      WATCH_APP_RUN_MS: '17500',
      WATCH_APP_MIN_INTERVAL: '15',
      WATCH_APP_PROFILES: 'app-config',
    },
  });
});
afterAll(removeSandboxes);

describe.concurrent('watch --deploy', { timeout: WATCH_TEST_TIMEOUT_MS }, () => {
  it('starts the deployment while CMD runs and reports it completed and received by no session', async () => {
    const run = await once;
    // Loaded before the deployment started (CMD's start-up took under --after's 4 s).
    expect(run.stdout).toBe('loaded v1.0.0\n');
    expect(run.stderr).toMatch(
      /watch: deployment \d+ started: v1\.1\.0 of demo-app\/prod\/app-config \(AppConfig\.AllAtOnce\)/,
    );
    expect(run.report?.deployments).toEqual([
      expect.objectContaining({
        version: 'v1.1.0',
        versionLabel: 'v1.1.0',
        application: 'demo-app',
        environment: 'prod',
        strategy: 'AppConfig.AllAtOnce',
        completedAt: expect.any(String),
        receivedBy: [],
      }),
    ]);
    expect(run.report?.sessions.map((s) => s.versions.map((v) => v.label))).toEqual([['v1.0.0']]);
  });

  it('fails the app that never takes the deployed version with deployment-not-picked-up', async () => {
    const run = await once;
    expect(findingsOf(run.report)).toContain('deployment-not-picked-up:error');
    expect(junitFailures(run.junit)).toContain('deployment-not-picked-up');
    expect(run.stderr).toMatch(/deployment-not-picked-up/);
    expect(run.status, run.stderr).toBe(1);
  });

  it('passes the app that polls again at its interval and receives the deployed version', async () => {
    const run = await follows;
    expect(run.stdout).toMatch(/^app-config v1\.0\.0: [\s\S]*\napp-config v1\.1\.0: /);
    expect(run.report?.sessions.map((s) => s.versions.map((v) => v.label))).toEqual([
      ['v1.0.0', 'v1.1.0'],
    ]);
    const [deployment] = run.report?.deployments ?? [];
    expect(deployment?.receivedBy.map((r) => r.sessionId)).toEqual([run.report?.sessions[0]?.id]);
    expect(deployment?.notPickedUpBy).toEqual([]);
    expect(findingsOf(run.report)).toEqual([]);
    expect(run.status, run.stderr).toBe(0);
  });
});
