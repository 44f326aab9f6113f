// Service bench, through InspectorService's public API only (request + onEvent, injected clock), against
// the emulator in its own process:
//  1. 1,000 sessions polling every 15 emulated seconds: service CPU per poll and heap per session / per poll,
//     against the bare AWS SDK polling the same number of sessions, alternated round by round in this run.
//  2. One session for 24 emulated hours (5,760 polls, 20 new 100 kB versions): heap growth per 1,000 polls in
//     the second half against the first half, so a leak shows as growth that does not level off.
// Usage: npm run bench:service [-- --quick] [--sessions 1000 --rounds 10]
import { parseArgs } from 'node:util';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { deployVersion } from '../../e2e/support/controlPlane.js';
import { commonOptions, kib, report, times, verdict, type Row } from '../lib/report.js';
import {
  BenchClock,
  DEMO,
  cpuMs,
  heap,
  startEmulatorProcess,
  startService,
  startSessions,
  type EmulatorProcess,
} from './harness.js';

const { values } = parseArgs({
  options: {
    ...commonOptions,
    sessions: { type: 'string' },
    rounds: { type: 'string' },
    polls: { type: 'string' },
  },
});
const sessions = Number(values.sessions ?? (values.quick ? 200 : 1000));
const rounds = Number(values.rounds ?? (values.quick ? 3 : 10));
const longPolls = Number(values.polls ?? (values.quick ? 1440 : 5760));
const INTERVAL_MS = 15_000;

/** The baseline: the same sessions polled by the SDK alone, holding nothing but each chain's token. */
async function sdkSessions(emulatorUrl: string, count: number) {
  const client = new AppConfigDataClient({
    endpoint: emulatorUrl,
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
  // One untimed call first, so the client's lazy set-up is not charged to the sessions.
  await start();
  const h0 = heap();
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
  await round(); // the first poll, as the service's sessions make on start
  return { round, heapBefore: h0, close: () => client.destroy() };
}

async function manySessions(emulator: EmulatorProcess): Promise<Row[]> {
  const clock = new BenchClock();
  const harness = startService(emulator.url, clock);
  try {
    const sdk = await sdkSessions(emulator.url, sessions);
    const h0 = sdk.heapBefore;
    const hSdk = heap();
    // A first session, stopped once it has polled, so the service's lazy set-up is not charged either.
    const [warm] = await startSessions(harness, 1);
    await harness.service.request('stopSession', { sessionId: warm! });
    const h1 = heap();
    await startSessions(harness, sessions);
    const h2 = heap();
    let sdkCpu = 0;
    let serviceCpu = 0;
    // Alternating rounds on one emulated timeline: each side polls every session once per 15 s.
    for (let r = 0; r < rounds; r++) {
      await emulator.advance(INTERVAL_MS);
      let t = cpuMs();
      await sdk.round();
      sdkCpu += cpuMs() - t;
      t = cpuMs();
      const target = harness.polls + sessions;
      clock.advance(INTERVAL_MS);
      await harness.pollsReached(target);
      serviceCpu += cpuMs() - t;
    }
    const h3 = heap();
    sdk.close();
    const polls = sessions * rounds;
    const perSdkSession = (hSdk - h0) / sessions;
    const perSession = (h2 - h1) / sessions;
    const perPoll = (h3 - h2) / polls;
    console.log(
      `${sessions} sessions × ${rounds} rounds at 15 s (${polls} polls each side, ${harness.failures} failed)`,
    );
    console.log(
      `  CPU per poll   service ${(serviceCpu / polls).toFixed(3)} ms   bare SDK ${(sdkCpu / polls).toFixed(3)} ms`,
    );
    console.log(
      `  heap/session   service ${kib(perSession)}   bare SDK ${kib(perSdkSession)}; service growth ${kib(perPoll, 2)} a poll`,
    );
    return [
      {
        part: 'service',
        figure: `CPU per poll, ${sessions} sessions`,
        value: `${(serviceCpu / polls).toFixed(3)} ms`,
        baseline: `${(sdkCpu / polls).toFixed(3)} ms bare SDK`,
        ratio: times(serviceCpu / sdkCpu),
        target: '',
        verdict: harness.failures === 0 ? '' : 'miss',
      },
      {
        part: 'service',
        figure: `heap per session, ${sessions} sessions`,
        value: kib(perSession),
        baseline: `${kib(perSdkSession)} bare SDK`,
        ratio: times(perSession / perSdkSession),
        target: '',
        verdict: '',
      },
      {
        part: 'service',
        figure: `heap growth per poll, ${sessions} sessions`,
        value: kib(perPoll, 2),
        baseline: `${kib(perSession)} a session at start`,
        ratio: `${((perPoll / perSession) * 100).toFixed(1)}% of a session`,
        target: '',
        verdict: '',
      },
    ];
  } finally {
    harness.close();
  }
}

async function longSession(emulator: EmulatorProcess): Promise<Row[]> {
  const clock = new BenchClock();
  const harness = startService(emulator.url, clock);
  const versions = Math.max(1, Math.round((longPolls / 5760) * 20));
  const deployEvery = Math.floor(longPolls / versions);
  try {
    const [warm] = await startSessions(harness, 1);
    await harness.service.request('stopSession', { sessionId: warm! });
    await harness.service.request('deleteSession', { sessionId: warm! });
    const before = heap();
    await startSessions(harness, 1);
    const started = performance.now();
    const samples: { poll: number; heap: number }[] = [{ poll: 1, heap: heap() }];
    const sampleEvery = Math.max(1, Math.floor(longPolls / 10));
    for (let i = 1; i < longPolls; i++) {
      if (i % deployEvery === 0) {
        const n = i / deployEvery;
        const body = JSON.stringify({ version: n, padding: 'x'.repeat(100_000) });
        await deployVersion(emulator.url, body, `v-${n}`);
      }
      await emulator.advance(INTERVAL_MS);
      const target = harness.polls + 1;
      clock.advance(INTERVAL_MS);
      await harness.pollsReached(target);
      if ((i + 1) % sampleEvery === 0) samples.push({ poll: i + 1, heap: heap() });
    }
    const elapsed = (performance.now() - started) / 1000;
    const mid = samples[Math.floor(samples.length / 2)]!;
    const last = samples.at(-1)!;
    const first = samples[0]!;
    const perK = (a: typeof first, b: typeof first) =>
      ((b.heap - a.heap) / (b.poll - a.poll)) * 1000;
    const firstHalf = perK(first, mid);
    const secondHalf = perK(mid, last);
    const hours = (longPolls * 15) / 3600;
    console.log(
      `One session, ${longPolls} polls at 15 s (${hours} emulated hours, ${versions} versions of 100 kB, ${elapsed.toFixed(1)} s wall, ${harness.failures} failed)`,
    );
    console.log(`  heap before ${kib(before, 0)}; after poll → heap:`);
    console.log(`  ${samples.map((s) => `${s.poll}: ${kib(s.heap, 0)}`).join('  ')}`);
    // Below one KiB a thousand polls the halves are noise around zero, and bounded either way.
    const bounded = secondHalf <= Math.max(firstHalf * 1.1, 1024);
    return [
      {
        part: 'service',
        figure: `heap growth per 1,000 polls, 1 session ${hours} h (2nd half)`,
        value: kib(secondHalf),
        baseline: `${kib(firstHalf)} 1st half`,
        ratio: times(secondHalf / firstHalf),
        target: '2nd ≤ 1st half',
        verdict: verdict(bounded && harness.failures === 0),
      },
      {
        part: 'service',
        figure: `heap held after ${longPolls} polls, 1 session`,
        value: kib(last.heap - before, 0),
        baseline: `${kib(before, 0)} heap before`,
        ratio: times(last.heap / before),
        target: '',
        verdict: '',
      },
    ];
  } finally {
    harness.close();
  }
}

const emulator = await startEmulatorProcess();
try {
  const rows = [...(await manySessions(emulator)), ...(await longSession(emulator))];
  report(rows, values.rows);
} finally {
  await emulator.close();
}
