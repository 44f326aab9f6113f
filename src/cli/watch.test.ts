// `appconfig-inspector watch` as CI runs it, with a real Node app on the real JS SDK: a correct app passes with
// a clean report in all three formats and its stdout passes through untouched, --recording writes sessions the
// inspector's Import opens, CMD's own exit status passes through, and a command line without `--` exits 2.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InspectorService } from '../service/inspectorService.js';
import {
  APPS,
  findingsOf,
  junitFailures,
  removeSandboxes,
  WATCH_TEST_TIMEOUT_MS,
  runWatch,
  type WatchRun,
} from './test/watchRun.js';

const recordings = mkdtempSync(join(tmpdir(), 'aci-watch-rec-'));
let correct: Promise<WatchRun>;
// One run of the correct app serves the report and the recording tests: each watch run costs seconds.
beforeAll(() => {
  correct = runWatch(['--recording', join(recordings, 'rec')], ['node', `${APPS}/correct.mjs`]);
});
afterAll(() => {
  removeSandboxes();
  rmSync(recordings, { recursive: true, force: true });
});

const BIN = 'bin/appconfig-inspector.js';

describe.concurrent('appconfig-inspector watch', { timeout: WATCH_TEST_TIMEOUT_MS }, () => {
  it('passes a correct JS SDK app with a clean text, JSON and JUnit report, its stdout unchanged', async () => {
    const run = await correct;
    expect(run.status, run.stderr).toBe(0);
    // Only the app's own lines: watch writes nothing to stdout.
    expect(
      run.stdout
        .split('\n')
        .filter((l) => /^\S+ \S+: /.test(l))
        .sort(),
    ).toEqual(['app-config v1.0.0: {', 'motd motd-1: Welcome to the demo app.']);
    expect(run.stdout).not.toContain('watch:');
    expect(run.stderr).toMatch(/^watch: PASS/m);
    expect(run.report?.schema).toBe('appconfig-inspector/watch-report@1');
    expect(run.report?.outcome).toMatchObject({ status: 'pass', exitCode: 0 });
    expect(run.report?.sessions.map((s) => s.profile).sort()).toEqual(['app-config', 'motd']);
    expect(run.report?.sessions.every((s) => /^aws-sdk-js\//.test(s.client ?? ''))).toBe(true);
    expect(findingsOf(run.report)).toEqual([]);
    expect(run.junit?.match(/<testcase\b/g)).toHaveLength(2);
    expect(junitFailures(run.junit)).toEqual([]);
  });

  it('writes each session with --recording as an owner-only file the inspector imports', async () => {
    const run = await correct;
    expect(run.status, run.stderr).toBe(0);
    const files = readdirSync(join(recordings, 'rec')).sort();
    expect(files).toEqual([
      expect.stringMatching(/^watch-1-demo-app-prod-(app-config|motd)\.json$/),
      expect.stringMatching(/^watch-2-demo-app-prod-(app-config|motd)\.json$/),
    ]);
    // Recordings hold full tokens and contents.
    for (const file of files)
      expect(statSync(join(recordings, 'rec', file)).mode & 0o777, file).toBe(0o600);
    const service = new InspectorService({
      backend: { kind: 'emulator', endpoint: 'http://127.0.0.1:9' },
      dataDir: join(recordings, 'data'),
      observe: false,
    });
    try {
      for (const file of files) {
        const recording: unknown = JSON.parse(readFileSync(join(recordings, 'rec', file), 'utf8'));
        const imported = await service.request('importRecording', { recording });
        expect(imported).toMatchObject({ origin: 'observed', pollCount: 1 });
      }
    } finally {
      service.close();
    }
  });

  it("exits with CMD's own status when nothing is flagged", async () => {
    const run = await runWatch([], ['node', '-e', 'process.exit(3)']);
    expect(run.status).toBe(3);
    expect(run.report?.exit).toEqual({ code: 3, signal: null });
    expect(run.report?.sessions).toEqual([]);
  });

  it('refuses a command line without "--" with exit 2 and an example', async () => {
    const run = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, 'watch', 'node', 'app.mjs'],
        { timeout: 20_000 },
        (e, _o, stderr) =>
          resolve({ status: e ? (typeof e.code === 'number' ? e.code : null) : 0, stderr }),
      );
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'put "--" before the command to run (e.g. appconfig-inspector watch --report watch.json -- node app.mjs)',
    );
  });
});
