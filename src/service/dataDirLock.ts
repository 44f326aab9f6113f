// One owner per data directory: `<dataDir>/lock` names the process whose service writes there, so two
// services never append to one recording or resume one token chain twice. Taken by `serve` and the VS Code
// service host before they construct the service; imported by src/cli and vscode-extension.
import { readFileSync, realpathSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ensurePrivateDir, replacePrivateFile, writePrivateFile } from './privateFs.js';

export const LOCK_FILE = 'lock';

export type LockKind = 'serve' | 'vscode';

/** Contents of `<dataDir>/lock`. */
export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: number;
  kind: LockKind;
  /** Where the owner can be reached: the page URL of `serve` (with its token: the file is owner-only). */
  url?: string;
  /** Linux: the boot and start time of `pid` (see processIdentity), so a reused pid is not taken for it. */
  bootId?: string;
  startTicks?: number;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
    /** True when the owner is only replacing a stale lock right now (a retry will name the new owner). */
    readonly takingOver = false,
  ) {
    super(
      `Data directory ${dataDir} is ${takingOver ? 'being taken over' : 'in use'} by ${describeOwner(owner)}.` +
        (owner.hostname !== hostname()
          ? ` If that process is gone, delete ${join(dataDir, LOCK_FILE)}.`
          : ''),
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  readonly dataDir: string;
  readonly owner: LockOwner;
  /** Set when a stale lock was replaced: what it said and why it no longer counted (for the log). */
  readonly tookOver?: string;
  /** Records where the owner can be reached, once it knows (serve learns its URL after listening). */
  setUrl(url: string): void;
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void;
}

export function describeOwner(owner: LockOwner): string {
  const who =
    owner.kind === 'serve'
      ? 'appconfig-inspector serve'
      : 'the AppConfig Inspector VS Code extension';
  const since = new Date(owner.startedAt).toISOString();
  return `${who} (pid ${owner.pid} on ${owner.hostname}, since ${since}${owner.url ? `, at ${owner.url}` : ''})`;
}

/** Whether a process with this pid runs on this host. EPERM means it runs under another user. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Parses a lock file's text; undefined for anything that is not a complete owner record. */
export function parseOwner(text: string): LockOwner | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const o = value as Record<string, unknown>;
  // pid 0 and negatives address process groups in kill(): never a valid owner.
  if (typeof o.pid !== 'number' || !Number.isSafeInteger(o.pid) || o.pid <= 0) return undefined;
  if (typeof o.hostname !== 'string' || o.hostname === '') return undefined;
  if (typeof o.startedAt !== 'number' || !Number.isFinite(o.startedAt)) return undefined;
  if (o.kind !== 'serve' && o.kind !== 'vscode') return undefined;
  if (o.url !== undefined && typeof o.url !== 'string') return undefined;
  const identified = typeof o.bootId === 'string' && Number.isSafeInteger(o.startTicks);
  return {
    pid: o.pid,
    hostname: o.hostname,
    startedAt: o.startedAt,
    kind: o.kind,
    ...(o.url !== undefined ? { url: o.url } : {}),
    ...(identified ? { bootId: o.bootId as string, startTicks: o.startTicks as number } : {}),
  };
}

type Judgement = { live: LockOwner } | { stale: string };

/** Lock files this process holds now, by real path (a second service in one process is refused too). */
const heldHere = new Set<string>();

/**
 * Who a pid is beyond its number, on Linux: which boot, and when in it the process started (clock ticks
 * since boot, field 22 of /proc/<pid>/stat). Immune to wall-clock changes. Undefined elsewhere.
 */
export function processIdentity(pid: number): { bootId: string; startTicks: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; the fields after it do not.
    const startTicks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return Number.isSafeInteger(startTicks) && bootId ? { bootId, startTicks } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A lock counts while its pid runs on this host as the process that wrote it. Another host's pid cannot be
 * checked, so its lock counts. Pids are reused after a crash or reboot (in a container the same small pid
 * comes back): a pid that is this process, which does not hold the lock, or whose boot and start time differ
 * from the ones the lock recorded, is not the owner.
 */
function judge(text: string, heldKey: string): Judgement {
  const owner = parseOwner(text);
  if (!owner) return { stale: 'it held no readable owner' };
  if (owner.hostname !== hostname()) return { live: owner };
  const gone = `${describeOwner(owner)} is no longer running`;
  if (owner.pid === process.pid)
    return heldHere.has(heldKey)
      ? { live: owner }
      : { stale: `${gone} (its pid is now this process)` };
  if (!processAlive(owner.pid)) return { stale: gone };
  const now = owner.startTicks === undefined ? undefined : processIdentity(owner.pid);
  if (now && (now.bootId !== owner.bootId || now.startTicks !== owner.startTicks))
    return { stale: `${gone} (pid ${owner.pid} now belongs to another process)` };
  return { live: owner };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function createExclusive(file: string, text: string): boolean {
  try {
    writePrivateFile(file, text, 'wx');
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/**
 * Takes the lock or throws DataDirInUseError naming the owner. A stale lock is replaced under a short-lived
 * `lock.takeover` guard, so two processes that both find it stale (VS Code reopening several windows after a
 * crash) cannot both remove it: the second re-reads it under the guard and finds the first one's lock.
 */
export function acquireDataDirLock(
  dataDir: string,
  request: { kind: LockKind; url?: string },
): DataDirLock {
  ensurePrivateDir(dataDir, false);
  const file = join(dataDir, LOCK_FILE);
  const guard = `${file}.takeover`;
  // However the caller spells the folder (relative, through a symlink), one folder is one key.
  const heldKey = join(realpathSync(dataDir), LOCK_FILE);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: Date.now(),
    kind: request.kind,
    ...(request.url !== undefined ? { url: request.url } : {}),
    ...processIdentity(process.pid),
  };
  const text = `${JSON.stringify(owner)}\n`;
  let tookOver: string | undefined;
  // Each round takes the lock, meets a live owner, or clears one stale lock or guard; four cover a race.
  for (let round = 0; round < 4; round++) {
    if (createExclusive(file, text))
      return new HeldLock(dataDir, file, heldKey, owner, text, tookOver);
    const found = readText(file);
    if (found === undefined) continue;
    const verdict = judge(found, heldKey);
    if ('live' in verdict) throw new DataDirInUseError(dataDir, verdict.live);
    if (!createExclusive(guard, text)) {
      const guardText = readText(guard);
      const guardVerdict =
        guardText === undefined ? undefined : judge(guardText, `${heldKey}.takeover`);
      if (guardVerdict && 'live' in guardVerdict)
        throw new DataDirInUseError(dataDir, guardVerdict.live, true);
      // A guard left by a process that died mid-takeover.
      unlinkIfSame(guard, guardText);
      continue;
    }
    try {
      if (readText(file) === found) {
        unlinkSync(file);
        tookOver = `Took over the lock of ${dataDir}: ${verdict.stale}.`;
      }
    } finally {
      unlinkIfSame(guard, text);
    }
  }
  throw new Error(`Could not take the lock ${file}: it kept changing; try again.`);
}

class HeldLock implements DataDirLock {
  private released = false;
  readonly tookOver?: string;

  constructor(
    readonly dataDir: string,
    private readonly file: string,
    private readonly heldKey: string,
    public owner: LockOwner,
    private text: string,
    tookOver: string | undefined,
  ) {
    if (tookOver) this.tookOver = tookOver;
    heldHere.add(heldKey);
    // Covers process.exit() and a drained event loop; serve and the host also release on shutdown.
    process.on('exit', this.release);
  }

  setUrl(url: string): void {
    if (this.released) return;
    const next: LockOwner = { ...this.owner, url };
    const nextText = `${JSON.stringify(next)}\n`;
    replacePrivateFile(this.file, nextText);
    this.owner = next;
    this.text = nextText;
  }

  readonly release = (): void => {
    if (this.released) return;
    this.released = true;
    process.off('exit', this.release);
    heldHere.delete(this.heldKey);
    unlinkIfSame(this.file, this.text);
  };
}

/** Removes `file` only if it still says `expected`: never someone else's lock. */
function unlinkIfSame(file: string, expected: string | undefined): void {
  try {
    if (expected !== undefined && readFileSync(file, 'utf8') === expected) unlinkSync(file);
  } catch {
    // Gone already, or unreadable: nothing of ours to remove.
  }
}
