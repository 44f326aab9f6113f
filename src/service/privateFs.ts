// Owner-only folders (0700) and files (0600) for everything under the data directory, whatever the umask:
// recordings hold configuration contents and resumable tokens. Imported by service code and the VS Code host.
import {
  appendFileSync,
  chmodSync,
  closeSync,
  fchmodSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** POSIX modes only; on Windows chmod cannot express them and the profile folder's ACL is what protects. */
const posix = process.platform !== 'win32';

/**
 * Makes `dir` exist as an owner-only folder. Parents outside it are created with the usual mode (they are
 * not ours, e.g. ~/.local/share). An existing `dir` that is too open is tightened only when `tighten` says
 * it is certainly ours (a folder we name inside the data directory); returns whether it was.
 */
export function ensurePrivateDir(dir: string, tighten: boolean): boolean {
  let existing: Stats | undefined;
  try {
    existing = statSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (existing) {
    if (!existing.isDirectory()) throw new Error(`${dir} exists and is not a folder.`);
    if (!posix || !tighten || (existing.mode & 0o077) === 0) return false;
    if (typeof process.getuid === 'function' && existing.uid !== process.getuid()) return false;
    chmodPrivate(dir, PRIVATE_DIR_MODE);
    return true;
  }
  mkdirSync(dirname(dir), { recursive: true });
  try {
    mkdirSync(dir, { mode: PRIVATE_DIR_MODE });
  } catch (e) {
    // Another process (a second window starting at the same moment) made it first: fine, it made it private.
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  }
  // mkdir's mode is masked by the umask, which could leave us unable to write (umask 0277), so set it exactly.
  chmodPrivate(dir, PRIVATE_DIR_MODE);
  return false;
}

function chmodPrivate(path: string, mode: number): void {
  if (posix) chmodSync(path, mode);
}

/** Creates or truncates `file` as owner-only and writes `data`; an existing looser file is tightened too. */
export function writePrivateFile(file: string, data: string | Uint8Array, flag = 'w'): void {
  const fd = openSync(file, flag, PRIVATE_FILE_MODE);
  try {
    if (posix) fchmodSync(fd, PRIVATE_FILE_MODE);
    const buffer = typeof data === 'string' ? Buffer.from(data) : data;
    let written = 0;
    while (written < buffer.length)
      written += writeSync(fd, buffer, written, buffer.length - written);
  } finally {
    closeSync(fd);
  }
}

/** Writes via a temporary file and a rename, so a reader never sees half a file. */
export function replacePrivateFile(file: string, data: string | Uint8Array): void {
  const temp = `${file}.${process.pid}.tmp`;
  writePrivateFile(temp, data);
  renameSync(temp, file);
}

/** Appends a line; if the file has to be created, it is created owner-only (appendFile's default is 0666). */
export function appendPrivateFile(file: string, data: string): void {
  appendFileSync(file, data, { mode: PRIVATE_FILE_MODE });
}
