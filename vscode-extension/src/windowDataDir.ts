// Which data directory this VS Code window's service may own. Every window of one profile shares the global
// storage folder, but a data directory has one owner (src/service/dataDirLock.ts): the first window takes
// it, later ones take `<dataDir>/windows/<n>` (first free n) and say so. vscode-free; used by serviceHost.ts.
import { join } from 'node:path';
import {
  acquireDataDirLock,
  DataDirInUseError,
  type DataDirLock,
} from '../../src/service/dataDirLock.js';
import { ensurePrivateDir } from '../../src/service/privateFs.js';

export const WINDOWS_FOLDER = 'windows';
export const MAX_WINDOWS = 32;

export interface WindowDataDir {
  dataDir: string;
  lock: DataDirLock;
  /** Set when the configured directory was taken: which one this window uses instead, and why. */
  notice?: string;
}

/**
 * `previous`: the folder this window had before a restart (settings changed); tried first, so a window that
 * was given windows/<n> keeps its sessions in view rather than moving to a folder freed in the meantime.
 */
export function claimWindowDataDir(configured: string, previous?: string): WindowDataDir {
  if (previous !== undefined && previous !== configured) {
    try {
      const lock = acquireDataDirLock(previous, { kind: 'vscode' });
      return {
        dataDir: previous,
        lock,
        notice: `This window keeps using its own recordings folder ${previous}.`,
      };
    } catch (e) {
      if (!(e instanceof DataDirInUseError)) throw e;
    }
  }
  let inUse: DataDirInUseError;
  try {
    return { dataDir: configured, lock: acquireDataDirLock(configured, { kind: 'vscode' }) };
  } catch (e) {
    if (!(e instanceof DataDirInUseError)) throw e;
    inUse = e;
  }
  const folder = join(configured, WINDOWS_FOLDER);
  ensurePrivateDir(folder, true);
  for (let n = 1; n <= MAX_WINDOWS; n++) {
    const dataDir = join(folder, String(n));
    try {
      const lock = acquireDataDirLock(dataDir, { kind: 'vscode' });
      return {
        dataDir,
        lock,
        notice: `${inUse.message} This window keeps its own recordings in ${dataDir}.`,
      };
    } catch (e) {
      if (!(e instanceof DataDirInUseError)) throw e;
    }
  }
  throw new Error(
    `${inUse.message} So are all ${MAX_WINDOWS} window folders under ${folder}: close a window, or set ` +
      `appconfigInspector.dataDirectory to another folder.`,
  );
}
