// `watch` failing real boto3 apps that misuse tokens, in the text, JSON and JUnit reports alike: a replayed
// token (token-reused), a poll before the required minimum (polled-too-early); --allow turns the replay into a
// pass that still shows it, and --fail-on warning fails an app that only polls sooner than advised. boto3 that
// reads AWS_ENDPOINT_URL_<SERVICE> (botocore 1.31 or later) is required here: a machine without it fails these
// tests, never skips them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientMissing } from '../emulator/test/clients/requireClient.js';
import {
  APPS,
  findingsOf,
  junitFailures,
  removeSandboxes,
  runWatch,
  WATCH_TEST_TIMEOUT_MS,
} from './test/watchRun.js';

beforeAll(() => {
  const missing = clientMissing('boto3EndpointEnv');
  if (missing) throw new Error(missing);
});
afterAll(removeSandboxes);

const py = (app: string) => ['python3', `${APPS}/${app}.py`];

describe.concurrent('watch with boto3 apps', { timeout: WATCH_TEST_TIMEOUT_MS }, () => {
  it('fails an app that replays a token with token-reused in the text, JSON and JUnit reports', async () => {
    const run = await runWatch([], py('replay'));
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/ERROR token-reused: Token reused/);
    expect(run.stderr).toMatch(/^watch: FAIL .*token-reused/m);
    expect(run.report?.outcome.status).toBe('fail');
    expect(run.report?.sessions.map((s) => s.client)).toEqual([expect.stringMatching(/^Boto3\//)]);
    expect(findingsOf(run.report)).toContain('token-reused:error');
    expect(junitFailures(run.junit)).toContain('token-reused');
  });

  it('passes the replaying app with --allow token-reused, the finding shown as allowed', async () => {
    const run = await runWatch(['--allow', 'token-reused'], py('replay'));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^watch: PASS/m);
    expect(run.stderr).toContain('token-reused');
    expect(run.report?.outcome.status).toBe('pass');
    expect(findingsOf(run.report)).toContain('token-reused:error:allowed');
    expect(junitFailures(run.junit)).not.toContain('token-reused');
  });

  it('fails an app that polls before its required minimum interval with polled-too-early', async () => {
    const run = await runWatch([], py('early'));
    expect(run.stderr).toContain('poll failed: Request too early');
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/ERROR polled-too-early: Polled too early/);
    expect(run.report?.outcome.status).toBe('fail');
    expect(findingsOf(run.report)).toContain('polled-too-early:error');
    expect(junitFailures(run.junit)).toContain('polled-too-early');
  });

  it('passes an app that only polls sooner than advised by default, with the warning in the report', async () => {
    const run = await runWatch([], py('soon'));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/WARNING polled-too-early/);
    expect(findingsOf(run.report)).toEqual(['polled-too-early:warning']);
    expect(junitFailures(run.junit)).toEqual([]);
  });

  it('fails the same app with --fail-on warning', async () => {
    const run = await runWatch(['--fail-on', 'warning'], py('soon'));
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^watch: FAIL .*polled-too-early/m);
    expect(run.report?.outcome.status).toBe('fail');
    expect(run.report?.options.failOn).toBe('warning');
    expect(junitFailures(run.junit)).toEqual(['polled-too-early']);
  });
});
