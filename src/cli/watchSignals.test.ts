// `watch` stopped by SIGTERM while CMD runs: the signal reaches every process of CMD (here a node app under a
// shell), and watch still writes the JSON report of the sessions so far and exits 143; a second signal kills
// a CMD that ignores the first without waiting out the grace period; and stopped before CMD started, it
// still writes a report that says so. At a terminal (a pseudo-terminal from util-linux `script`) CMD stays in
// watch's process group, so the terminal's Ctrl-C reaches both, and watch reports it the same way.
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

/** The process group of `pid` (field 5 of /proc/PID/stat, after the parenthesised command name). */
const GROUP_OF =
  "const g = (p) => require('fs').readFileSync('/proc/' + p + '/stat', 'utf8').split(') ')[1].split(' ')[2];";

it(
  "at a terminal keeps CMD in watch's process group, so Ctrl-C stops both and the report says SIGINT",
  async () => {
    const app = [
      GROUP_OF,
      "process.on('SIGINT', () => { console.log('CMD got SIGINT'); process.exit(130); });",
      "console.log('tty ' + process.stdin.isTTY + ' group ' + g('self') + ' watch ' + g(process.ppid));",
      'setTimeout(() => {}, 30000);',
    ].join(' ');
    const run = await runWatch([], ['node', '-e', app], {
      terminal: true,
      started: (child, stdoutMatches) => {
        // Ctrl-C typed at the terminal: the line discipline signals its foreground process group.
        void stdoutMatches(/group \d+ watch \d+/).then(() => child.stdin!.write('\x03'));
      },
    });
    const [, tty, group, watchGroup] = /tty (\w+) group (\d+) watch (\d+)/.exec(run.stdout) ?? [];
    expect(tty, run.stdout).toBe('true');
    expect(group).toBe(watchGroup);
    expect(run.stdout).toContain('CMD got SIGINT');
    expect(run.stdout).toContain('watch: SIGINT: stopping node (send it again to kill it now).');
    expect(run.stdout).not.toContain('SIGINT again');
    expect(run.status, run.stdout).toBe(130);
    expect(run.report?.interrupted).toBe('SIGINT');
    expect(run.report?.outcome.exitCode).toBe(130);
  },
  WATCH_TEST_TIMEOUT_MS,
);

it(
  'off a terminal (stdin a pipe, as in CI) runs CMD in a process group of its own',
  async () => {
    const app = [
      GROUP_OF,
      "console.log('tty ' + process.stdin.isTTY + ' group ' + g('self') + ' watch ' + g(process.ppid) + ' self ' + process.pid);",
    ].join(' ');
    const run = await runWatch([], ['node', '-e', app]);
    const [, tty, group, watchGroup, pid] =
      /tty (\w+) group (\d+) watch (\d+) self (\d+)/.exec(run.stdout) ?? [];
    expect(tty, run.stdout + run.stderr).not.toBe('true');
    // It leads its own group: the group's id is its pid, and not watch's group.
    expect(group).toBe(pid);
    expect(group).not.toBe(watchGroup);
    expect(run.status, run.stderr).toBe(0);
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
