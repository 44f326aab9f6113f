// Soak: 1,000 sessions polling every 15 s through InspectorService for one emulated hour (240 polls each)
// against the emulator in its own process, heap sampled every 5 emulated minutes. Prints heap growth per
// session and per poll and exits 1 when either exceeds its bound, or when the late growth rate outruns the
// early one (a leak that compounds). Not part of the test suite. Usage: npm run bench:soak [-- --quick]
import { parseArgs } from 'node:util';
import { commonOptions, kib, report, times, verdict, type Row } from '../lib/report.js';
import {
  BenchClock,
  heap,
  startEmulatorProcess,
  startService,
  startSessions,
} from '../service/harness.js';

/**
 * The bounds. Each poll appends one ledger event the session keeps (and records to disk), so heap grows
 * with polls by design; the bound says by how much. Measured 1.7 KiB a poll and 7.5 KiB a session (13.5
 * KiB in the 200-session quick run); the bounds leave about 2× headroom so only a real regression fails.
 */
const BOUND_PER_POLL = 4 * 1024;
const BOUND_PER_SESSION = 24 * 1024;
/** Growth per poll over the last third of the run may be at most this multiple of the first third's. */
const BOUND_LATE_RATE = 1.5;

const { values } = parseArgs({
  options: {
    ...commonOptions,
    sessions: { type: 'string' },
    minutes: { type: 'string' },
  },
});
const sessions = Number(values.sessions ?? (values.quick ? 200 : 1000));
const minutes = Number(values.minutes ?? (values.quick ? 15 : 60));
const INTERVAL_MS = 15_000;
const ROUNDS = (minutes * 60_000) / INTERVAL_MS;
const SAMPLE_EVERY = 20; // rounds: 5 emulated minutes

const emulator = await startEmulatorProcess();
const clock = new BenchClock();
const harness = startService(emulator.url, clock);
let failed = false;
try {
  // One session first, so the service's lazy set-up is not charged to the thousand.
  const [warm] = await startSessions(harness, 1);
  await harness.service.request('stopSession', { sessionId: warm! });
  const before = heap();
  const wall = performance.now();
  await startSessions(harness, sessions);
  const started = heap();
  console.log(`${sessions} sessions started (${kib(started - before, 0)} over baseline); polling…`);
  const samples: { round: number; polls: number; heap: number; rss: number }[] = [
    { round: 0, polls: 0, heap: started, rss: process.memoryUsage().rss },
  ];
  for (let round = 1; round <= ROUNDS; round++) {
    await emulator.advance(INTERVAL_MS);
    const target = harness.polls + sessions;
    clock.advance(INTERVAL_MS);
    await harness.pollsReached(target);
    if (round % SAMPLE_EVERY === 0 || round === ROUNDS) {
      const s = { round, polls: round * sessions, heap: heap(), rss: process.memoryUsage().rss };
      samples.push(s);
      // As it goes, so a long soak shows progress and a growing heap before it ends.
      console.log(
        `  minute ${String((s.round * INTERVAL_MS) / 60_000).padStart(3)}  ${String(s.polls).padStart(7)} polls  heap ${kib(s.heap - before, 0).padStart(11)} over baseline  rss ${(s.rss / 2 ** 20).toFixed(0)} MiB  (${((performance.now() - wall) / 1000).toFixed(0)} s)`,
      );
    }
  }
  const last = samples.at(-1)!;
  const perSession = (started - before) / sessions;
  const perPoll = (last.heap - started) / last.polls;
  const third = Math.max(1, Math.floor((samples.length - 1) / 3));
  const rate = (a: (typeof samples)[0], b: (typeof samples)[0]) =>
    (b.heap - a.heap) / (b.polls - a.polls);
  const early = rate(samples[0]!, samples[third]!);
  const late = rate(samples[samples.length - 1 - third]!, last);
  console.log(
    `${sessions} sessions × ${ROUNDS} polls (${minutes} emulated minutes, ${((performance.now() - wall) / 1000).toFixed(0)} s wall, ${harness.failures} failed)`,
  );
  const okPoll = perPoll <= BOUND_PER_POLL;
  const okSession = perSession <= BOUND_PER_SESSION;
  // Below 64 bytes a poll both rates are noise around zero.
  const okRate = late <= Math.max(early * BOUND_LATE_RATE, 64);
  const rows: Row[] = [
    {
      part: 'soak',
      figure: `heap growth per poll, ${sessions} sessions × ${minutes} min`,
      value: kib(perPoll, 2),
      baseline: `${kib(perSession)} a session at start`,
      ratio: `${((perPoll / perSession) * 100).toFixed(0)}% of a session`,
      target: `≤ ${kib(BOUND_PER_POLL, 0)}`,
      verdict: verdict(okPoll),
    },
    {
      part: 'soak',
      figure: 'heap per session at start',
      value: kib(perSession),
      baseline: `${kib(before, 0)} heap before`,
      ratio: `${((perSession / before) * 100).toFixed(2)}% of it`,
      target: `≤ ${kib(BOUND_PER_SESSION, 0)}`,
      verdict: verdict(okSession),
    },
    {
      part: 'soak',
      figure: 'growth per poll, last third of the run',
      value: `${late.toFixed(0)} B`,
      baseline: `${early.toFixed(0)} B first third`,
      ratio: times(late / early),
      target: `≤ ${BOUND_LATE_RATE}×`,
      verdict: verdict(okRate),
    },
  ];
  report(rows, values.rows);
  failed = !okPoll || !okSession || !okRate || harness.failures > 0;
  if (failed) console.error('soak: memory growth exceeded its bound');
} finally {
  harness.close();
  await emulator.close();
}
process.exitCode = failed ? 1 : 0;
