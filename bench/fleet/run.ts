// Fleet bench, through InspectorService's public API only (request + onEvent, injected clock), against the
// emulator in its own process (bench/service/harness.ts): one fleet of 1,000 members polling every 15
// emulated seconds (+ up to 2 s jitter). The first rounds alternate with as many bare AWS SDK pollers on the
// same timeline (the CPU baseline); the fleet then runs on alone. Reports the service's CPU as a fraction of
// one core at real time (CPU spent per emulated second), its heap (per member, per poll, after the run) and
// getFleet's cost (what the UI calls on each fleetChanged). An emulated hour is ~220,000 polls, minutes of
// wall time here; by default the run stops at 20 emulated minutes, past the point where every member's event
// window is full (so the heap has levelled off), and projects the hour from the last third's growth rate.
// Usage: npm run bench:fleet [-- --quick] [--members 1000 --minutes 20 --compared 8]  (--minutes 60: the hour)
import { parseArgs } from 'node:util';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { commonOptions, kib, mb, median, ms, report, times, verdict } from '../lib/report.js';
import type { Row } from '../lib/report.js';
import {
  BenchClock,
  DEMO,
  cpuMs,
  heap,
  startEmulatorProcess,
  startService,
} from '../service/harness.js';

const { values } = parseArgs({
  options: {
    ...commonOptions,
    members: { type: 'string' },
    minutes: { type: 'string' },
    compared: { type: 'string' },
  },
});
const members = Number(values.members ?? (values.quick ? 200 : 1000));
const minutes = Number(values.minutes ?? (values.quick ? 5 : 20));
/** Rounds alternated with the bare SDK pollers (the CPU baseline). */
const compared = Number(values.compared ?? (values.quick ? 4 : 8));
const HOUR_ROUNDS = 240;
const ROUND_MS = 15_000;
/** The service's clock moves in 1 s steps, so jittered polls are answered within a second of their time. */
const STEP_MS = 1_000;
const HEAP_TARGET = 256 * 2 ** 20;

const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));

/** The baseline: as many sessions polled by the SDK alone, holding nothing but each chain's token. */
async function sdkPollers(url: string, count: number) {
  const client = new AppConfigDataClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  });
  const start = () =>
    client.send(
      new StartConfigurationSessionCommand({
        ApplicationIdentifier: DEMO.applicationIdentifier,
        EnvironmentIdentifier: DEMO.environmentIdentifier,
        ConfigurationProfileIdentifier: DEMO.configurationProfileIdentifier,
        RequiredMinimumPollIntervalInSeconds: 15,
      }),
    );
  await start(); // untimed: the client's lazy set-up is not charged to the pollers
  const before = heap();
  const tokens: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, count - i) }, start));
    tokens.push(...batch.map((s) => s.InitialConfigurationToken!));
  }
  const round = () =>
    Promise.all(
      tokens.map(async (token, i) => {
        const r = await client.send(
          new GetLatestConfigurationCommand({ ConfigurationToken: token }),
        );
        tokens[i] = r.NextPollConfigurationToken!;
      }),
    );
  await round();
  return { round, perPoller: (heap() - before) / count, close: () => client.destroy() };
}

const emulator = await startEmulatorProcess();
const clock = new BenchClock();
const harness = startService(emulator.url, clock);
const service = harness.service;
let fleetEvents = 0;
service.onEvent((e) => {
  if (e.type === 'fleetChanged') fleetEvents++;
});
const summaryOf = async () => (await service.request('listFleets', {}))[0]!;

/** Moves both clocks on by `ms` in STEP_MS steps, each step's calls answered before the next. */
async function runService(total: number): Promise<void> {
  for (let done = 0; done < total; done += STEP_MS) {
    await emulator.advance(STEP_MS);
    clock.advance(STEP_MS);
    await sleep(0);
    while ((await summaryOf()).callsInFlight) await sleep(1);
  }
}

try {
  // A first fleet of one, stopped and deleted, so the service's lazy set-up is not charged to the fleet.
  const warm = await service.request('startFleet', { ...DEMO, size: 1 });
  await service.request('stopFleet', { fleetId: warm.id });
  await service.request('deleteFleet', { fleetId: warm.id });
  const sdk = await sdkPollers(emulator.url, members);
  const h0 = heap();
  const started = performance.now();
  const fleet = await service.request('startFleet', {
    ...DEMO,
    requiredMinimumPollIntervalInSeconds: 15,
    size: members,
    jitterSeconds: 2,
  });
  await runService(ROUND_MS); // every member started, spread over the first interval
  const h1 = heap();
  const polls0 = (await summaryOf()).pollCount;
  const rounds = Math.round((minutes * 60_000) / ROUND_MS);
  let sdkCpu = 0;
  let serviceCpu = 0;
  const samples: { polls: number; heap: number }[] = [{ polls: polls0, heap: h1 }];
  for (let r = 0; r < rounds; r++) {
    let t = cpuMs();
    if (r < compared) {
      await sdk.round();
      sdkCpu += cpuMs() - t;
      // Its tokens are all that is left of it: gone before the fleet's own heap is read.
      if (r === compared - 1) sdk.close();
    }
    t = cpuMs();
    await runService(ROUND_MS);
    serviceCpu += cpuMs() - t;
    if ((r + 1) % Math.max(1, Math.floor(rounds / 9)) === 0)
      samples.push({ polls: (await summaryOf()).pollCount, heap: heap() });
  }
  if (compared >= rounds) sdk.close();
  const end = await summaryOf();
  const h2 = heap();
  const getFleetMs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await service.request('getFleet', { fleetId: fleet.id });
    getFleetMs.push(performance.now() - t);
  }
  const snapshot = await service.request('getFleet', { fleetId: fleet.id });
  const wall = (performance.now() - started) / 1000;

  const emulatedS = (rounds * ROUND_MS) / 1000;
  const polls = end.pollCount - polls0;
  const sdkPolls = Math.min(compared, rounds) * members;
  const serviceCores = serviceCpu / 1000 / emulatedS;
  const sdkCores = sdkCpu / 1000 / ((Math.min(compared, rounds) * ROUND_MS) / 1000);
  const perMember = (h1 - h0) / members;
  const perPoll = (h2 - h1) / polls;
  // Growth in the last third against the first: a member's window fills, then memory should level off.
  const third = Math.max(1, Math.floor(samples.length / 3));
  const rate = (a: (typeof samples)[0], b: (typeof samples)[0]) =>
    (b.heap - a.heap) / Math.max(1, b.polls - a.polls);
  const early = rate(samples[0]!, samples[third]!);
  const late = rate(samples[samples.length - 1 - third]!, samples.at(-1)!);
  const failed = end.memberStates.failed ?? 0;
  // The hour, projected from the last third's growth per poll at this run's polls per round.
  const hourPolls = (polls / rounds) * Math.max(0, HOUR_ROUNDS - rounds);
  const hourHeap = h2 + Math.max(0, late) * hourPolls;
  const measuredHour = rounds >= HOUR_ROUNDS;
  console.log(
    `${members} members × ${minutes} emulated minutes at 15 s + ≤2 s jitter: ${polls} polls (bare SDK ${sdkPolls}), ${failed} members failed, ${wall.toFixed(1)} s wall`,
  );
  console.log(
    `  CPU   service ${(serviceCpu / polls).toFixed(3)} ms/poll = ${serviceCores.toFixed(3)} core   bare SDK ${(sdkCpu / sdkPolls).toFixed(3)} ms/poll = ${sdkCores.toFixed(3)} core`,
  );
  console.log(
    `  heap  before fleet ${mb(h0)}, after start ${mb(h1)}, after run ${mb(h2)}; per member ${kib(perMember)} (bare SDK ${kib(sdk.perPoller)}); ${kib(perPoll, 3)} a poll`,
  );
  if (!measuredHour) console.log(`  heap after 1 h projected: ${mb(hourHeap)}`);
  console.log(`  heap by polls: ${samples.map((s) => `${s.polls}: ${mb(s.heap)}`).join('  ')}`);
  console.log(
    `  getFleet p50 ${ms(median(getFleetMs))} (${snapshot.series.length} points, ${snapshot.members.length} members); fleetChanged ${fleetEvents} over ${(emulatedS + 15).toFixed(0)} emulated s`,
  );
  const label = `${members} fleet members, ${minutes} min at 15 s`;
  const rows: Row[] = [
    {
      part: 'fleet',
      figure: `service CPU, ${label}`,
      value: `${serviceCores.toFixed(3)} core`,
      baseline: `${sdkCores.toFixed(3)} core bare SDK (${compared} rounds)`,
      ratio: times(serviceCores / sdkCores),
      target: '< 1 core',
      verdict: verdict(serviceCores < 1 && failed === 0),
    },
    {
      part: 'fleet',
      figure: `service heap after ${label}`,
      value: mb(h2),
      baseline: `${mb(h0)} before the fleet`,
      ratio: times(h2 / h0),
      target: measuredHour ? '< 256 MB' : '',
      verdict: measuredHour ? verdict(h2 < HEAP_TARGET) : '',
    },
    ...(measuredHour
      ? []
      : [
          {
            part: 'fleet',
            figure: `service heap after 1 h, ${members} members (projected from ${minutes} min)`,
            value: mb(hourHeap),
            baseline: `${mb(h0)} before the fleet`,
            ratio: times(hourHeap / h0),
            target: '< 256 MB',
            verdict: verdict(hourHeap < HEAP_TARGET),
          } satisfies Row,
        ]),
    {
      part: 'fleet',
      figure: `heap per fleet member at start, ${members} members`,
      value: kib(perMember),
      baseline: `${kib(sdk.perPoller)} bare SDK poller`,
      ratio: times(perMember / sdk.perPoller),
      target: '',
      verdict: '',
    },
    {
      part: 'fleet',
      figure: `heap growth per poll, ${label} (last third)`,
      value: kib(late, 3),
      baseline: `${kib(early, 3)} first third`,
      ratio: times(late / early),
      target: 'levels off',
      verdict: verdict(late <= Math.max(early, 64)),
    },
    {
      part: 'fleet',
      figure: `getFleet, ${members} members, ${snapshot.series.length} points`,
      value: ms(median(getFleetMs)),
      baseline: `${ms(serviceCpu / polls, 3)} a poll`,
      ratio: times(median(getFleetMs) / (serviceCpu / polls)),
      target: '',
      verdict: '',
    },
  ];
  report(rows, values.rows);
} finally {
  harness.close();
  await emulator.close();
}
