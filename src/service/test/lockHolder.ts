// A separate process that owns a data directory (dataDirLock.test.ts): takes the lock on argv[2], prints
// one JSON line with what it got, and holds the lock until SIGTERM (released on exit) or SIGKILL (left stale).
import { acquireDataDirLock } from '../dataDirLock.js';

const lock = acquireDataDirLock(process.argv[2]!, { kind: 'serve' });
process.on('SIGTERM', () => process.exit(0));
process.stdout.write(`${JSON.stringify({ owner: lock.owner, tookOver: lock.tookOver ?? null })}\n`);
// Stay alive on the open stdin pipe; no timer needed.
process.stdin.resume();
