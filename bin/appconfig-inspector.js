#!/usr/bin/env node
// Entry for `npx appconfig-inspector`: runs the TypeScript CLI through tsx so a fresh `npm ci` is enough.
import { register } from 'tsx/esm/api';

// Loading the TypeScript takes about half a second. A signal in that time must not be lost (removing the last
// listener drops a signal libuv already queued) nor end the process unheard: it is kept for the command
// (`watch` still writes its report). Once a command runs, its own handlers decide; with none, it ends the
// process as Node's default would.
const early = [];
let started = false;
const keep = (signal) => {
  if (!started) early.push(signal);
  else if (process.listenerCount(signal) === 1) process.exit(signal === 'SIGINT' ? 130 : 143);
};
process.on('SIGINT', keep);
process.on('SIGTERM', keep);
register();
const { main } = await import('../src/cli/main.ts');
started = true;
process.exitCode = await main(process.argv.slice(2), early);
