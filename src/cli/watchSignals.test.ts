// `watch` stopped by SIGTERM while CMD runs: the signal reaches every process of CMD (here a node app under a
// shell), and watch still writes the JSON report of the sessions so far and exits 143; a second signal kills
// a CMD that ignores the first without waiting out the grace period; and stopped before CMD started, it
// still writes a report that says so.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { STOP_GRACE_MS } from './watchChild.js';
import { watchCommand } from './watchCommand.js';
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

it(
  'kills a CMD that ignores the first SIGTERM at the second, well before the grace period ends',
  async () => {
    let secondAt = 0;
    const stubborn = [
      "process.on('SIGTERM', () => console.log('ignored SIGTERM'));",
      "console.log('ready ' + process.pid);",
      'setTimeout(() => {}, 30000);',
    ].join(' ');
    const run = await runWatch([], ['node', '-e', stubborn], {
      started: (child, stdoutMatches) => {
        void stdoutMatches(/ready \d+/)
          .then(() => child.kill('SIGTERM'))
          // CMD saying it ignored the signal is the event that the first one reached it.
          .then(() => stdoutMatches(/ignored SIGTERM/))
          .then(() => {
            secondAt = Date.now();
            child.kill('SIGTERM');
          });
      },
    });
    const closedAt = Date.now();
    const pid = Number(/ready (\d+)/.exec(run.stdout)?.[1]);
    expect(run.status, run.stderr).toBe(143);
    expect(run.stderr).toContain('watch: SIGTERM: stopping node (send it again to kill it now).');
    expect(run.stderr).toContain('watch: SIGTERM again: killing node.');
    expect(run.report?.interrupted).toBe('SIGTERM');
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
    expect(secondAt).toBeGreaterThan(0);
    expect(closedAt - secondAt).toBeLessThan(STOP_GRACE_MS / 2);
  },
  WATCH_TEST_TIMEOUT_MS,
);

it('writes an empty report saying so when the signal came while the program loaded, before CMD ran', async () => {
  // bin/appconfig-inspector.js hands such a signal to the command as `early`; called in-process here, since
  // a real signal cannot be aimed at that half second without a clock.
  const dir = mkdtempSync(join(tmpdir(), 'aci-watch-early-'));
  try {
    const report = join(dir, 'watch.json');
    const marker = join(dir, 'ran');
    const status = await watchCommand(
      [
        '--report',
        report,
        '--',
        'node',
        '-e',
        `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`,
      ],
      ['SIGTERM'],
    );
    expect(status).toBe(143);
    expect(existsSync(marker)).toBe(false);
    expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({
      interrupted: 'SIGTERM',
      sessions: [],
      outcome: { exitCode: 143 },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
