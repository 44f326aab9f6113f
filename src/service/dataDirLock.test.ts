// The data directory lock with real processes: a live owner refuses a second one, SIGTERM releases, a
// SIGKILLed owner's lock is taken over (and said so), garbage and dead takeover guards don't block, another
// host's lock is honoured, and a release never removes a lock that is no longer ours.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acquireDataDirLock,
  DataDirInUseError,
  LOCK_FILE,
  parseOwner,
  processIdentity,
  type LockOwner,
} from './dataDirLock.js';

let dir: string;
let lockFile: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aci-lock-'));
  lockFile = join(dir, LOCK_FILE);
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts lockHolder.ts on `dir` and resolves with what it printed once it holds the lock. */
async function holder(): Promise<{
  child: ChildProcess;
  owner: LockOwner;
  tookOver: string | null;
}> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/service/test/lockHolder.ts', dir],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', resolve);
  });
  return { child, ...(JSON.parse(line) as { owner: LockOwner; tookOver: string | null }) };
}

/** A live process that holds no lock (for pids that are alive but not owners). */
async function idleProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'process.stdin.resume()'], { stdio: 'pipe' });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

const onDisk = () => parseOwner(readFileSync(lockFile, 'utf8'));

describe('acquireDataDirLock', () => {
  it('writes an owner-only lock naming this process, and removes it on release', () => {
    const lock = acquireDataDirLock(dir, { kind: 'vscode' });
    expect(onDisk()).toEqual({
      pid: process.pid,
      hostname: hostname(),
      startedAt: lock.owner.startedAt,
      kind: 'vscode',
      ...processIdentity(process.pid),
    });
    expect(statSync(lockFile).mode & 0o777).toBe(0o600);
    expect(lock.tookOver).toBeUndefined();
    lock.setUrl('http://127.0.0.1:1/?token=t');
    expect(onDisk()?.url).toBe('http://127.0.0.1:1/?token=t');
    lock.release();
    expect(existsSync(lockFile)).toBe(false);
    lock.release();
  });

  it('refuses a second owner while a live process holds it, naming that process', async () => {
    const { child, owner } = await holder();
    expect(owner.pid).toBe(child.pid);
    let refused: unknown;
    try {
      acquireDataDirLock(dir, { kind: 'serve' });
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as DataDirInUseError).owner).toEqual(owner);
    expect((refused as Error).message).toBe(
      `Data directory ${dir} is in use by appconfig-inspector serve (pid ${child.pid} on ${hostname()}, since ${new Date(owner.startedAt).toISOString()}).`,
    );
    // Refusing changed nothing.
    expect(onDisk()).toEqual(owner);
  });

  it('is released when its owner stops on SIGTERM', async () => {
    const { child } = await holder();
    child.kill('SIGTERM');
    await exited(child);
    expect(child.exitCode).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });

  it("takes over a SIGKILLed owner's lock and says whose it was", async () => {
    const { child, owner } = await holder();
    child.kill('SIGKILL');
    await exited(child);
    expect(onDisk()).toEqual(owner);
    const lock = acquireDataDirLock(dir, { kind: 'serve' });
    expect(lock.tookOver).toBe(
      `Took over the lock of ${dir}: appconfig-inspector serve (pid ${owner.pid} on ${hostname()}, since ${new Date(owner.startedAt).toISOString()}) is no longer running.`,
    );
    expect(onDisk()?.pid).toBe(process.pid);
    lock.release();
  });

  it('lets a new process take over from a dead one, which then refuses a third', async () => {
    const first = await holder();
    first.child.kill('SIGKILL');
    await exited(first.child);
    const second = await holder();
    expect(second.tookOver).toContain(`pid ${first.owner.pid} on`);
    expect(() => acquireDataDirLock(dir, { kind: 'serve' })).toThrow(
      `in use by appconfig-inspector serve (pid ${second.child.pid} on`,
    );
  });

  it.each([
    ['not JSON', 'garbage{'],
    ['no pid', JSON.stringify({ hostname: hostname(), startedAt: 1, kind: 'serve' })],
    [
      'a process-group pid',
      JSON.stringify({ pid: 0, hostname: hostname(), startedAt: 1, kind: 'serve' }),
    ],
    [
      'an unknown kind',
      JSON.stringify({ pid: process.pid, hostname: hostname(), startedAt: 1, kind: 'x' }),
    ],
    ['empty', ''],
  ])('takes over a lock file that is %s', (_, text) => {
    writeFileSync(lockFile, text);
    const lock = acquireDataDirLock(dir, { kind: 'serve' });
    expect(lock.tookOver).toBe(`Took over the lock of ${dir}: it held no readable owner.`);
    expect(onDisk()?.pid).toBe(process.pid);
    lock.release();
  });

  it("honours another host's lock (its pid cannot be checked) and says how to clear it", () => {
    const remote: LockOwner = {
      pid: 1,
      hostname: `not-${hostname()}`,
      startedAt: 0,
      kind: 'vscode',
    };
    writeFileSync(lockFile, JSON.stringify(remote));
    expect(() => acquireDataDirLock(dir, { kind: 'serve' })).toThrow(
      `Data directory ${dir} is in use by the AppConfig Inspector VS Code extension (pid 1 on not-${hostname()}, since 1970-01-01T00:00:00.000Z). If that process is gone, delete ${lockFile}.`,
    );
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual(remote);
  });

  it('clears a takeover guard left by a dead process, but not one a live process holds', async () => {
    const dead = await holder();
    dead.child.kill('SIGKILL');
    await exited(dead.child);
    // As if it died halfway through taking over: its guard is left next to a stale lock.
    writeFileSync(`${lockFile}.takeover`, readFileSync(lockFile, 'utf8'));
    const lock = acquireDataDirLock(dir, { kind: 'serve' });
    expect(existsSync(`${lockFile}.takeover`)).toBe(false);
    lock.release();

    writeFileSync(lockFile, 'garbage{');
    const other = await idleProcess();
    const taker: LockOwner = {
      pid: other.pid!,
      hostname: hostname(),
      startedAt: Date.now(),
      kind: 'vscode',
    };
    writeFileSync(`${lockFile}.takeover`, JSON.stringify(taker));
    let refused: unknown;
    try {
      acquireDataDirLock(dir, { kind: 'serve' });
    } catch (e) {
      refused = e;
    }
    expect(refused).toMatchObject({ takingOver: true, owner: taker });
    expect((refused as Error).message).toMatch(
      /^Data directory .* is being taken over by the AppConfig/,
    );
    expect(readFileSync(lockFile, 'utf8')).toBe('garbage{');
  });

  it('takes over a lock naming this very pid (reused after a crash), but not one this process holds', () => {
    const reused: LockOwner = {
      pid: process.pid,
      hostname: hostname(),
      startedAt: 1,
      kind: 'serve',
    };
    writeFileSync(lockFile, JSON.stringify(reused));
    const lock = acquireDataDirLock(dir, { kind: 'serve' });
    expect(lock.tookOver).toMatch(/is no longer running \(its pid is now this process\)\.$/);
    // Spelled differently, the same folder is still held here.
    expect(() => acquireDataDirLock(`${dir}/./`, { kind: 'vscode' })).toThrow(DataDirInUseError);
    lock.release();
  });

  it.runIf(process.platform === 'linux')(
    'takes over a lock whose pid now belongs to another process, and honours the one that wrote it',
    async () => {
      const other = await idleProcess();
      const identity = processIdentity(other.pid!)!;
      const base = { pid: other.pid!, hostname: hostname(), startedAt: Date.now(), kind: 'serve' };
      writeFileSync(
        lockFile,
        JSON.stringify({ ...base, ...identity, startTicks: identity.startTicks - 1 }),
      );
      const lock = acquireDataDirLock(dir, { kind: 'serve' });
      expect(lock.tookOver).toMatch(
        new RegExp(`\\(pid ${other.pid} now belongs to another process\\)\\.$`),
      );
      lock.release();
      writeFileSync(lockFile, JSON.stringify({ ...base, ...identity, bootId: 'an-earlier-boot' }));
      acquireDataDirLock(dir, { kind: 'serve' }).release();
      writeFileSync(lockFile, JSON.stringify({ ...base, ...identity }));
      expect(() => acquireDataDirLock(dir, { kind: 'serve' })).toThrow(DataDirInUseError);
    },
  );

  it('never removes a lock that another process has written since', () => {
    const lock = acquireDataDirLock(dir, { kind: 'serve' });
    const other = JSON.stringify({ pid: 1, hostname: 'elsewhere', startedAt: 0, kind: 'serve' });
    writeFileSync(lockFile, other);
    lock.release();
    expect(readFileSync(lockFile, 'utf8')).toBe(other);
  });
});
