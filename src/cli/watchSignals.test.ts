// `watch` stopped by SIGTERM while CMD runs: the signal reaches every process of CMD (here a node app under a
// shell), and watch still writes the JSON report of the sessions so far and exits 143.
import { afterAll, expect, it } from 'vitest';
import { APPS, removeSandboxes, runWatch, WATCH_TEST_TIMEOUT_MS } from './test/watchRun.js';

afterAll(removeSandboxes);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it(
  'still writes the JSON report on SIGTERM, stopping CMD and the app it started',
  async () => {
    const run = await runWatch([], ['sh', '-c', `node ${APPS}/hold.mjs; echo "shell went on"`], {
      started: (child, stdoutMatches) => {
        void stdoutMatches(/polled \d+/).then(() => child.kill('SIGTERM'));
      },
    });
    const pid = Number(/polled (\d+)/.exec(run.stdout)?.[1]);
    expect(run.status, run.stderr).toBe(143);
    expect(run.report?.interrupted).toBe('SIGTERM');
    expect(run.report?.sessions.map((s) => s.counts.polls)).toEqual([1]);
    expect(run.report?.outcome.exitCode).toBe(143);
    expect(run.stderr).toContain('watch: SIGTERM: stopping sh');
    // The app under the shell got the signal too (its process group), not only the shell.
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
    expect(run.stdout).not.toContain('shell went on');
  },
  WATCH_TEST_TIMEOUT_MS,
);
