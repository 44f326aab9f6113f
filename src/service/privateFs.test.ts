// Owner-only modes whatever the umask, checked by stat on real files: the helpers, and what the Recorder
// and ContentRepo leave on disk (sessions/*.jsonl, including files that an append creates, and contents).
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../core/ledger.js';
import { ContentRepo } from './contentRepo.js';
import {
  appendPrivateFile,
  ensurePrivateDir,
  replacePrivateFile,
  writePrivateFile,
} from './privateFs.js';
import { Recorder } from './recorder.js';

let root: string;
let savedUmask: number;
const mode = (path: string) => statSync(path).mode & 0o777;

/** Every folder and file under `dir`, with its permission bits. */
function modes(dir: string): Record<string, number> {
  const found: Record<string, number> = {};
  const walk = (path: string, name: string) => {
    found[name] = mode(path);
    if (statSync(path).isDirectory())
      for (const child of readdirSync(path)) walk(join(path, child), `${name}/${child}`);
  };
  walk(dir, '.');
  return found;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'aci-private-'));
  // The most permissive umask: anything not set explicitly would come out world-writable.
  savedUmask = process.umask(0);
});

afterEach(() => {
  process.umask(savedUmask);
  rmSync(root, { recursive: true, force: true });
});

const session: SessionInfo = {
  id: 's-1',
  origin: 'inspector',
  applicationIdentifier: 'a',
  environmentIdentifier: 'e',
  configurationProfileIdentifier: 'p',
  backend: 'emulator',
  startedAt: 0,
  state: 'polling',
};

describe('private files under umask 0', () => {
  it('creates folders 0700 (parents outside them as usual) and files 0600', () => {
    const dir = join(root, 'parent', 'data');
    ensurePrivateDir(dir, false);
    writePrivateFile(join(dir, 'a'), 'x');
    appendPrivateFile(join(dir, 'b'), 'line\n');
    replacePrivateFile(join(dir, 'c'), '{}');
    expect(modes(join(root, 'parent'))).toEqual({
      '.': 0o777,
      './data': 0o700,
      './data/a': 0o600,
      './data/b': 0o600,
      './data/c': 0o600,
    });
  });

  it('sets exact modes under a umask that would otherwise lock us out', () => {
    process.umask(0o277);
    const dir = join(root, 'data');
    ensurePrivateDir(dir, false);
    writePrivateFile(join(dir, 'a'), 'x');
    writePrivateFile(join(dir, 'a'), 'again');
    expect([mode(dir), mode(join(dir, 'a'))]).toEqual([0o700, 0o600]);
  });

  it('tightens an existing folder only when told it is ours, and an existing file on rewrite', () => {
    const theirs = join(root, 'chosen-by-user');
    const ours = join(theirs, 'sessions');
    mkdirSync(ours, { recursive: true, mode: 0o755 });
    chmodSync(theirs, 0o755);
    writeFileSync(join(ours, 'old'), 'x', { mode: 0o644 });
    expect(ensurePrivateDir(theirs, false)).toBe(false);
    expect(ensurePrivateDir(ours, true)).toBe(true);
    expect(ensurePrivateDir(ours, true)).toBe(false);
    writePrivateFile(join(ours, 'old'), 'y');
    expect(modes(theirs)).toEqual({ '.': 0o755, './sessions': 0o700, './sessions/old': 0o600 });
  });

  it('refuses a data directory path that is a file', () => {
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    expect(() => ensurePrivateDir(file, false)).toThrow(`${file} exists and is not a folder.`);
  });

  it('leaves the Recorder and ContentRepo files owner-only, including one an append creates', () => {
    const dataDir = join(root, 'data');
    const recorder = new Recorder(dataDir);
    recorder.create(session);
    recorder.append('s-1', { t: 'state', state: 'paused' });
    // An append for a session whose header was never written (e.g. removed by hand) creates the file.
    recorder.append('s-2', { t: 'state', state: 'paused' });
    const hash = new ContentRepo(dataDir).put(
      new TextEncoder().encode('{"a":1}'),
      'application/json',
    );
    expect(modes(dataDir)).toEqual({
      '.': 0o700,
      './sessions': 0o700,
      './sessions/s-1.jsonl': 0o600,
      './sessions/s-2.jsonl': 0o600,
      './contents': 0o700,
      [`./contents/${hash}`]: 0o600,
      [`./contents/${hash}.json`]: 0o600,
    });
  });

  it('tightens sessions/ and contents/ left too open by an older version', () => {
    const dataDir = join(root, 'data');
    mkdirSync(join(dataDir, 'sessions'), { recursive: true, mode: 0o755 });
    mkdirSync(join(dataDir, 'contents'), { mode: 0o755 });
    new Recorder(dataDir);
    new ContentRepo(dataDir);
    expect([mode(join(dataDir, 'sessions')), mode(join(dataDir, 'contents'))]).toEqual([
      0o700, 0o700,
    ]);
  });

  it('creates nothing at all when read-only, and refuses to write', () => {
    const dataDir = join(root, 'absent');
    const recorder = new Recorder(dataDir, { readOnly: true });
    const contents = new ContentRepo(dataDir, undefined, { readOnly: true });
    expect(recorder.restoreAll()).toEqual({ restored: [], problems: [] });
    expect(() => recorder.create(session)).toThrow(/read-only \(serve --read-only\)/);
    expect(() => recorder.append('s-1', { t: 'state', state: 'paused' })).toThrow(/read-only/);
    expect(() => recorder.delete('s-1')).toThrow(/read-only/);
    expect(() => contents.put(new Uint8Array([1]))).toThrow(/read-only/);
    expect(readdirSync(root)).toEqual([]);
  });
});
