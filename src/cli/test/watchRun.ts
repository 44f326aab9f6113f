// Test-only: runs the real `bin/appconfig-inspector.js watch` as a user would, in a sandbox (a fresh HOME and
// no inherited AWS_* variables, so only what watch sets reaches the app), with its --report and --junit in a
// temp folder, and returns what it printed and wrote. Imported by the src/cli/watch*.test.ts files.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellLine, type WatchReport } from '../../core/watchReport.js';

const BIN = 'bin/appconfig-inspector.js';
export const APPS = 'src/cli/test/watchApps';
/** A watch run of these apps takes 2-4 s on an idle machine; this bounds a hung one. */
const RUN_TIMEOUT_MS = 35_000;
/** For the tests that spawn watch: above RUN_TIMEOUT_MS, so a hung run fails with its stderr. */
export const WATCH_TEST_TIMEOUT_MS = 40_000;

export interface WatchRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The --report JSON, when the run wrote one. */
  report?: WatchReport;
  /** The --junit XML, when the run wrote one. */
  junit?: string;
  dir: string;
}

export interface WatchRunOptions {
  env?: Record<string, string>;
  /** Called with the running watch process once, for tests that signal it. */
  started?: (child: ChildProcess, stdoutLine: (match: RegExp) => Promise<void>) => void;
  /**
   * Run watch at a terminal: under util-linux `script`, on a pseudo-terminal whose input is the child's
   * stdin (write "\x03" for Ctrl-C). watch's stdout and stderr then both arrive, as a terminal shows them,
   * in `stdout`; `status` is watch's exit status (`script -e`).
   */
  terminal?: boolean;
}

const sandboxes: string[] = [];

export function removeSandboxes(): void {
  for (const dir of sandboxes.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** `watch --report <dir>/report.json --junit <dir>/junit.xml <flags> -- <command>`. */
export function runWatch(
  flags: string[],
  command: string[],
  options: WatchRunOptions = {},
): Promise<WatchRun> {
  const dir = mkdtempSync(join(tmpdir(), 'aci-watch-test-'));
  sandboxes.push(dir);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  Object.assign(env, {
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    PYTHONDONTWRITEBYTECODE: '1',
    ...options.env,
  });
  const reportFile = join(dir, 'report.json');
  const junitFile = join(dir, 'junit.xml');
  const args = [
    BIN,
    'watch',
    '--report',
    reportFile,
    '--junit',
    junitFile,
    ...flags,
    '--',
    ...command,
  ];
  return new Promise((resolve, reject) => {
    const child = options.terminal
      ? spawn('script', ['-qec', shellLine([process.execPath, ...args]), '/dev/null'], {
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
        })
      : spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const lineWaiters: { match: RegExp; resolve: () => void }[] = [];
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      for (const w of lineWaiters.splice(0)) {
        if (w.match.test(stdout)) w.resolve();
        else lineWaiters.push(w);
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`watch still running after ${RUN_TIMEOUT_MS} ms; stderr:\n${stderr}`));
    }, RUN_TIMEOUT_MS);
    options.started?.(
      child,
      (match) =>
        new Promise<void>((ok) => {
          if (match.test(stdout)) ok();
          else lineWaiters.push({ match, resolve: ok });
        }),
    );
    // 'close', not 'exit': the last of its output may still be in the pipes at exit.
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      child.stdin?.end();
      resolve({
        status,
        signal,
        stdout,
        stderr,
        dir,
        ...(existsSync(reportFile)
          ? { report: JSON.parse(readFileSync(reportFile, 'utf8')) as WatchReport }
          : {}),
        ...(existsSync(junitFile) ? { junit: readFileSync(junitFile, 'utf8') } : {}),
      });
    });
  });
}

/** Every finding of a report as `rule:severity[:allowed]`, in session order. */
export function findingsOf(report: WatchReport | undefined): string[] {
  return (report?.sessions ?? []).flatMap((s) =>
    s.findings.map((f) => `${f.rule}:${f.severity}${f.allowed ? ':allowed' : ''}`),
  );
}

/** The `type` of every JUnit <failure> (the rule name), in document order. */
export function junitFailures(xml: string | undefined): string[] {
  return [...(xml ?? '').matchAll(/<failure\b[^>]*\btype="([^"]*)"/g)].map((m) => m[1]!);
}
