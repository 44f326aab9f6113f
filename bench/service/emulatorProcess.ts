// The emulator for the service benches, in its own process so neither its heap nor its CPU is counted as
// the service's. Its clock is wall time plus an offset the parent moves forward over IPC (`advance`) in
// step with the service's fake clock, so poll intervals and deployments see the same emulated time.
import { startEmulator } from '../../src/emulator/index.js';

let offset = 0;
const emulator = await startEmulator({
  port: 0,
  seed: 'demo',
  clock: { now: () => Date.now() + offset },
  // AllAtOnce bakes 10 minutes before the next deployment may start: seconds of wall time at this scale.
  timeScale: 10_000,
});
process.send!({ url: emulator.url });
process.on('message', (m: { advance?: number; cpu?: true; close?: true }) => {
  if (m.advance !== undefined) {
    offset += m.advance;
    process.send!({ advanced: offset });
  } else if (m.cpu) {
    const { user, system } = process.cpuUsage();
    process.send!({ cpuMs: (user + system) / 1000 });
  } else if (m.close) void emulator.close().then(() => process.exit(0));
});
