// `serve` as a user runs it, twice on one data directory: the second is refused with the owner and three
// ways forward and changes nothing; --read-only shows the recordings without the lock and writes nothing;
// SIGTERM releases the lock; a SIGKILLed owner's lock is taken over by the next serve, which says so.
// The backend is an unreachable endpoint: nothing here needs AWS or the emulator.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionSummary } from '../protocol/messages.js';
import { LOCK_FILE, parseOwner } from '../service/dataDirLock.js';
import { Recorder } from '../service/recorder.js';

const BIN = 'bin/appconfig-inspector.js';
let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aci-serve-dir-'));
  new Recorder(dir).create({
    id: 's-recorded',
    origin: 'inspector',
    applicationIdentifier: 'demo-app',
    environmentIdentifier: 'dev',
    configurationProfileIdentifier: 'app-config',
    backend: 'http://127.0.0.1:9',
    startedAt: 1,
    state: 'paused',
  });
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function within<T>(promise: Promise<T>, what: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Serve {
  child: ChildProcess;
  stdout: string[];
  stderr: () => string;
  /** Settles once the process has exited and its output is all read. */
  exit: Promise<number | null>;
  /** Resolves once `test` holds for what was printed so far (checked on every chunk). */
  printed: (what: string, test: () => boolean) => Promise<void>;
}

function serve(...extra: string[]): Serve {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--endpoint', 'http://127.0.0.1:9', '--region', 'us-east-1', '--no-open'].concat(
      ['--data-dir', dir],
      extra,
    ),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  const stdout: string[] = [];
  let stderr = '';
  const waiters = new Set<() => void>();
  const changed = () => waiters.forEach((w) => w());
  createInterface({ input: child.stdout! }).on('line', (line) => {
    stdout.push(line);
    changed();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    changed();
  });
  const exit = new Promise<number | null>((resolve) =>
    child.once('close', (code) => resolve(code)),
  );
  const printed = (what: string, test: () => boolean) =>
    within(
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!test()) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        void exit.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
        check();
      }),
      what,
    );
  return { child, stdout, stderr: () => stderr, exit, printed };
}

const PAGE = 'AppConfig Inspector: ';

/** Resolves with the page URL once the serve prints it. */
async function pageUrl(s: Serve): Promise<string> {
  await s.printed('the page URL', () => s.stdout.some((l) => l.startsWith(PAGE)));
  return s.stdout.find((l) => l.startsWith(PAGE))!.slice(PAGE.length);
}

async function call(page: string, method: string, params: unknown): Promise<unknown> {
  const url = new URL(page);
  const response = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${url.searchParams.get('token')}`,
    },
    body: JSON.stringify(params),
  });
  return response.json();
}

function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string, name: string) => {
    if (statSync(path).isDirectory())
      for (const child of readdirSync(path).sort()) walk(join(path, child), `${name}/${child}`);
    else files[name] = readFileSync(path, 'base64');
  };
  walk(dir, '.');
  return files;
}

const lock = () => parseOwner(readFileSync(join(dir, LOCK_FILE), 'utf8'));

describe('serve and its data directory', () => {
  it('refuses a second serve, lets a --read-only one look, and releases the lock on SIGTERM', async () => {
    const first = serve();
    const url = await pageUrl(first);
    const owner = lock()!;
    expect(owner).toMatchObject({ pid: first.child.pid, kind: 'serve', url, hostname: hostname() });

    const before = snapshot();
    const second = serve();
    expect(await within(second.exit, 'the second serve to exit')).toBe(2);
    expect(second.stderr()).toBe(
      `appconfig-inspector serve: Data directory ${dir} is in use by appconfig-inspector serve ` +
        `(pid ${first.child.pid} on ${hostname()}, since ${new Date(owner.startedAt).toISOString()}, at ${url}). ` +
        `Open that page, or start another with --data-dir DIR, or view its recordings with --read-only.\n` +
        `Run "appconfig-inspector serve --help".\n`,
    );
    expect(snapshot()).toEqual(before);

    const viewer = serve('--read-only');
    const viewerUrl = await pageUrl(viewer);
    expect(viewer.stdout).toContain(`Recordings: ${dir} (read-only: nothing is written)`);
    const sessions = (await call(viewerUrl, 'listSessions', {})) as { result: SessionSummary[] };
    expect(sessions.result).toMatchObject([{ id: 's-recorded', readOnly: true, state: 'stopped' }]);
    const refused = await call(viewerUrl, 'startSession', {
      applicationIdentifier: 'a',
      environmentIdentifier: 'e',
      configurationProfileIdentifier: 'p',
    });
    expect(refused).toMatchObject({
      error: { code: 'conflict', message: expect.stringContaining('read-only') },
    });
    viewer.child.kill('SIGTERM');
    expect(await within(viewer.exit, 'the viewer to stop')).toBe(0);
    expect(snapshot()).toEqual(before);

    first.child.kill('SIGTERM');
    expect(await within(first.exit, 'the first serve to stop')).toBe(0);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("takes over a SIGKILLed serve's lock and says so", async () => {
    const killed = serve();
    await pageUrl(killed);
    const stale = lock()!;
    killed.child.kill('SIGKILL');
    await within(killed.exit, 'the killed serve to exit');
    expect(lock()).toEqual(stale);

    const next = serve();
    const url = await pageUrl(next);
    const said =
      `Took over the lock of ${dir}: appconfig-inspector serve (pid ${stale.pid} on ${hostname()}, ` +
      `since ${new Date(stale.startedAt).toISOString()}, at ${stale.url}) is no longer running.\n`;
    await next.printed('the takeover notice', () => next.stderr().includes(said));
    expect(lock()).toMatchObject({ pid: next.child.pid, url });
    next.child.kill('SIGTERM');
    expect(await within(next.exit, 'the serve to stop')).toBe(0);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });
});
