// `serve` takes its data directory's lock before anything else starts, and turns "in use" into advice the
// user can act on. Imported by serveCommand.ts only.
import { acquireDataDirLock, DataDirInUseError, type DataDirLock } from '../service/dataDirLock.js';
import { UsageError } from './args.js';

/** The lock for `dataDir`, or a UsageError that names the owner and three ways forward. */
export function claimDataDir(dataDir: string, log: (line: string) => void): DataDirLock {
  try {
    const lock = acquireDataDirLock(dataDir, { kind: 'serve' });
    if (lock.tookOver) log(lock.tookOver);
    return lock;
  } catch (e) {
    if (!(e instanceof DataDirInUseError)) throw e;
    const reach =
      e.owner.kind === 'vscode'
        ? 'Use its panel in VS Code'
        : e.owner.url
          ? 'Open that page'
          : 'Use that inspector';
    throw new UsageError(
      `${e.message} ${reach}, or start another with --data-dir DIR, or view its recordings with --read-only.`,
    );
  }
}
