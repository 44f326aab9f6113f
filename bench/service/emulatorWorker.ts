// The emulator for the service memory bench, in its own worker thread so its heap (token cache, observation
// log) is not counted as the service's; its clock reads the main thread's fake time from shared memory.
import { parentPort, workerData } from 'node:worker_threads';
import { startEmulator } from '../../src/emulator/index.js';

const now = new Float64Array(workerData.clock as SharedArrayBuffer);
const emulator = await startEmulator({
  port: 0,
  seed: 'demo',
  clock: { now: () => now[0]! },
  timeScale: 10_000,
});
parentPort!.postMessage(emulator.url);
parentPort!.on('message', () => void emulator.close().then(() => process.exit(0)));
