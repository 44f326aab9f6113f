// Service memory bench: one session polled every 15 s for 24 emulated hours (5,760 polls) against the real
// emulator (in a worker, so its heap is apart) through the real SDK, with a new 100 kB version deployed every
// hour, on one fake clock. Prints the
// heap the session holds per poll and how much of it the 24 distinct contents take, against a baseline of the
// same heap before the session started. Usage: npm run bench:service  (needs --expose-gc; the script sets it)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { InspectorService } from '../../src/service/inspectorService.js';
import { FakeClock } from '../../src/service/test/fakeClock.js';
import type { PollEvent } from '../../src/core/ledger.js';
import { deployVersion } from '../../e2e/support/controlPlane.js';

const POLLS = (24 * 3600) / 15;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:service does)');

const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const clock = new FakeClock(Date.now());
// The emulator runs in a worker (its own heap), on the same fake time through shared memory.
const sharedNow = new Float64Array(new SharedArrayBuffer(8));
const advance = (ms: number) => {
  sharedNow[0] = clock.now() + ms;
  clock.advance(ms);
};
sharedNow[0] = clock.now();
const worker = new Worker(new URL('./emulatorWorker.mjs', import.meta.url), {
  workerData: { clock: sharedNow.buffer },
});
const emulator = { url: await new Promise<string>((resolve) => worker.once('message', resolve)) };
const dataDir = mkdtempSync(join(tmpdir(), 'aci-bench-service-'));
const service = new InspectorService({
  backend: { kind: 'emulator', endpoint: emulator.url },
  dataDir,
  clock,
  observe: false,
});

let waiting: ((e: PollEvent) => void) | undefined;
service.onEvent((e) => {
  if ('event' in e && e.event.kind === 'poll') waiting?.(e.event);
});
const nextPoll = () => new Promise<PollEvent>((resolve) => (waiting = resolve));

const before = heap();
const firstPoll = nextPoll();
const session = await service.request('startSession', {
  applicationIdentifier: 'demo-app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'app-config',
  requiredMinimumPollIntervalInSeconds: 15,
});
await firstPoll;
const started = performance.now();
let contents = 0;
let afterOneHour = 0;
for (let i = 1; i < POLLS; i++) {
  if (i % 240 === 0) {
    const body = JSON.stringify({ hour: i / 240, padding: 'x'.repeat(100_000) });
    await deployVersion(emulator.url, body, `hour-${i / 240}`);
    contents += body.length;
  }
  const poll = nextPoll();
  advance(15_000);
  await poll;
  if (i === 240) afterOneHour = heap();
}
const after = heap();
const snapshot = await service.request('getSession', { sessionId: session.id });
const elapsed = (performance.now() - started) / 1000;
const perPoll = (after - before) / POLLS;
console.log(
  `One session, ${POLLS} polls at 15 s (24 emulated hours, ${elapsed.toFixed(1)} s wall), ${snapshot.events.length} ledger events`,
);
console.log(`  heap before the session   ${(before / 1e6).toFixed(1)} MB (baseline)`);
console.log(`  heap after 1 hour         ${(afterOneHour / 1e6).toFixed(1)} MB`);
console.log(
  `  heap after 24 hours       ${(after / 1e6).toFixed(1)} MB  (+${((after - before) / 1e6).toFixed(1)} MB, ${(perPoll / 1024).toFixed(2)} KiB a poll)`,
);
console.log(
  `  distinct contents served  ${(contents / 1e6).toFixed(1)} MB in 24 versions, stored once each (memory LRU 32 MiB, rest on disk)`,
);
console.log(`  growth ratio              ${(after / before).toFixed(2)}× baseline heap`);

service.close();
worker.postMessage('close');
await new Promise((resolve) => worker.once('exit', resolve));
rmSync(dataDir, { recursive: true, force: true });
