// Emulator bench: GetLatestConfiguration from 1,000 concurrent sessions (one keep-alive connection each)
// against the emulator and against a bare node:http server answering the same headers and body, driven by
// the same load generator in its own process and alternated round by round in one run. Steady polls
// (unchanged, empty body) and full-content polls (token replay). Targets: ≥ 60% of the bare server's
// throughput, p99 ≤ 2× its p99, each judged by the median over rounds of the ratio between a bare round and
// the emulator round after it. Usage: npm run bench:emulator [-- --quick] [--seconds 3 --rounds 8]
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { LoadJob, LoadResult } from './load.js';
import {
  commonOptions,
  distribution,
  median,
  ms,
  pctOf,
  report,
  times,
  verdict,
  type Row,
} from '../lib/report.js';

const { values } = parseArgs({
  options: {
    ...commonOptions,
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    sessions: { type: 'string', default: '1000' },
  },
});
const seconds = Number(values.seconds ?? (values.quick ? 1 : 3));
const rounds = Number(values.rounds ?? (values.quick ? 1 : 8));
const sessionCount = Number(values.sessions);
const THROUGHPUT_TARGET = 0.6;
const P99_TARGET = 2;

interface Server {
  child: ChildProcess;
  port: number;
  /** CPU milliseconds the server process has used so far. */
  cpu(): Promise<number>;
}

async function spawnServer(args: string[]): Promise<Server> {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") lets you profile the servers under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'bench/emulator/server.ts', ...args],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => waiting.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiting.push(resolve));
  const { port } = JSON.parse(await next()) as { port: number };
  return {
    child,
    port,
    cpu: async () => {
      const answer = next();
      child.stdin!.write('cpu\n');
      return (JSON.parse(await answer) as { cpuMs: number }).cpuMs;
    },
  };
}

function startGenerator() {
  const child = fork('bench/emulator/load.ts', [], { execArgv: ['--import', 'tsx'] });
  return {
    run: (job: LoadJob) =>
      new Promise<LoadResult>((resolve, reject) => {
        const exited = (code: number | null) =>
          reject(new Error(`load generator exited (${code})`));
        child.once('message', (r: LoadResult & { latencies: number[] }) => {
          // One exit listener per job, gone with it: they piled up past Node's warning limit of 10.
          child.off('exit', exited);
          resolve({ ...r, latencies: Float64Array.from(r.latencies) });
        });
        child.once('exit', exited);
        child.send(job);
      }),
    stop: () => child.kill('SIGTERM'),
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 32 });
const startBody = JSON.stringify({
  ApplicationIdentifier: 'demo-app',
  EnvironmentIdentifier: 'dev',
  ConfigurationProfileIdentifier: 'app-config',
});

function startSession(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/configurationsessions',
        agent,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 201) reject(new Error(`StartConfigurationSession → ${text}`));
          else
            resolve(
              (JSON.parse(text) as { InitialConfigurationToken: string }).InitialConfigurationToken,
            );
        });
      },
    );
    req.on('error', reject);
    req.end(startBody);
  });
}

async function startSessions(port: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < sessionCount; i += 32)
    tokens.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(32, sessionCount - i) }, () => startSession(port)),
      )),
    );
  return tokens;
}

/** The emulator's answer head as headers for the bare server (minus what node:http adds itself). */
function headersOf(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    if (!/^(date|connection|keep-alive|content-length|transfer-encoding)$/i.test(name))
      headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

interface Round {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU per answered poll, ms. */
  serverCpu: number;
  /** Fractions of one core over the round. */
  serverBusy: number;
  generatorBusy: number;
  tokens: string[];
}

async function measure(
  server: Server,
  generator: ReturnType<typeof startGenerator>,
  job: LoadJob,
): Promise<Round> {
  const cpu0 = await server.cpu();
  const r = await generator.run(job);
  const serverMs = (await server.cpu()) - cpu0;
  const d = distribution(r.latencies);
  return {
    rps: (r.count / r.wallMs) * 1000,
    p50: d.p50,
    p99: d.p99,
    errors: r.errors,
    serverCpu: serverMs / r.count,
    serverBusy: serverMs / r.wallMs,
    generatorBusy: r.cpuMs / r.wallMs,
    tokens: r.tokens,
  };
}

async function scenario(name: string, replay: boolean): Promise<Row[]> {
  const generator = startGenerator();
  const emu = await spawnServer(['emulator']);
  let bare: Server | undefined;
  try {
    let tokens = await startSessions(emu.port);
    // Steady: two polls each, so every chain holds the content and the sample is an "unchanged" answer.
    // Replay: the initial tokens are spent once; resending them is answered with full content every time.
    const warm = await generator.run({
      port: emu.port,
      tokens,
      replay,
      seconds: 60,
      pollsPerSession: replay ? 1 : 2,
    });
    if (!replay) tokens = warm.tokens;
    const sample = warm.sample!;
    const body = Buffer.from(sample.body, 'base64');
    bare = await spawnServer([
      'bare',
      JSON.stringify({ headers: headersOf(sample.head), body: sample.body }),
    ]);
    // A bare server's answers carry a fixed token, so only the emulator's rounds move the chains on.
    const job = (port: number, s: number): LoadJob => ({ port, tokens, replay, seconds: s });
    const onEmulator = async (s: number) => {
      const r = await measure(emu, generator, job(emu.port, s));
      if (!replay) tokens = r.tokens;
      return r;
    };
    // Untimed warm-up of both, so neither first round pays for JIT compilation.
    await measure(bare, generator, job(bare.port, 0.5));
    await onEmulator(0.5);
    // Alternating rounds, so background load on a shared machine hits both sides alike. Each emulator round is
    // compared with the bare round just before it: on this 2-core VM the bare server's rate drifts by a
    // third from round to round, and a ratio of medians taken apart swings with that drift.
    const bareRuns: Round[] = [];
    const emuRuns: Round[] = [];
    console.log(
      `\n${name}: ${sessionCount} sessions, ${rounds} alternating round(s) of ${seconds} s`,
    );
    for (let round = 0; round < rounds; round++) {
      const b = await measure(bare, generator, job(bare.port, seconds));
      const e = await onEmulator(seconds);
      bareRuns.push(b);
      emuRuns.push(e);
      console.log(
        `  round ${round + 1}: bare ${b.rps.toFixed(0)}/s, emulator ${e.rps.toFixed(0)}/s (${pctOf(e.rps / b.rps)}); ` +
          `p99 ${ms(b.p99, 1)} vs ${ms(e.p99, 1)}`,
      );
    }
    const paired = (k: 'rps' | 'p99') => median(emuRuns.map((e, i) => e[k] / bareRuns[i]![k]));
    const m = (runs: Round[], k: Exclude<keyof Round, 'tokens'>) => median(runs.map((r) => r[k]));
    const b = { rps: m(bareRuns, 'rps'), p99: m(bareRuns, 'p99'), p50: m(bareRuns, 'p50') };
    const e = { rps: m(emuRuns, 'rps'), p99: m(emuRuns, 'p99'), p50: m(emuRuns, 'p50') };
    const errors = [...bareRuns, ...emuRuns].reduce((n, r) => n + r.errors, 0);
    console.log(`  medians, body ${body.length} B:`);
    for (const [label, runs] of [
      ['bare node:http', bareRuns],
      ['emulator      ', emuRuns],
    ] as const) {
      console.log(
        `  ${label}  ${m(runs, 'rps').toFixed(0).padStart(6)} req/s  p50 ${ms(m(runs, 'p50'), 2)}  p99 ${ms(m(runs, 'p99'), 2)}` +
          `  server CPU ${(m(runs, 'serverCpu') * 1000).toFixed(0)} µs/poll (busy ${pctOf(m(runs, 'serverBusy'))} of a core)` +
          `  generator busy ${pctOf(m(runs, 'generatorBusy'))}`,
      );
    }
    if (errors) console.log(`  non-200 answers: ${errors}`);
    const tag = replay ? 'full content' : 'steady';
    const throughput = paired('rps');
    const p99 = paired('p99');
    return [
      {
        part: 'emulator',
        figure: `${tag} polls/s, ${sessionCount} sessions`,
        value: `${e.rps.toFixed(0)}/s`,
        baseline: `${b.rps.toFixed(0)}/s bare node:http`,
        ratio: `${pctOf(throughput)} of bare (paired)`,
        target: `≥ ${pctOf(THROUGHPUT_TARGET)}`,
        verdict: verdict(throughput >= THROUGHPUT_TARGET && errors === 0),
      },
      {
        part: 'emulator',
        figure: `${tag} poll p99 latency`,
        value: ms(e.p99),
        baseline: `${ms(b.p99)} bare`,
        ratio: `${times(p99)} (paired)`,
        target: `≤ ${P99_TARGET}×`,
        verdict: verdict(p99 <= P99_TARGET),
      },
      {
        part: 'emulator',
        figure: `${tag} server CPU per poll`,
        value: `${(m(emuRuns, 'serverCpu') * 1000).toFixed(0)} µs`,
        baseline: `${(m(bareRuns, 'serverCpu') * 1000).toFixed(0)} µs bare`,
        ratio: times(m(emuRuns, 'serverCpu') / m(bareRuns, 'serverCpu')),
        target: '',
        verdict: '',
      },
      {
        // Evidence the generator was not the limit: the bare server had its core, the generator had slack.
        part: 'emulator',
        figure: `${tag}: load generator CPU (bare rounds)`,
        value: `${pctOf(m(bareRuns, 'generatorBusy'))} of a core`,
        baseline: `bare server ${pctOf(m(bareRuns, 'serverBusy'))} of a core`,
        ratio: times(m(bareRuns, 'generatorBusy') / m(bareRuns, 'serverBusy')),
        target: '< 1× and bare ≥ 90% busy',
        // A bare server that did not get its whole core (something else ran) makes every ratio flattering.
        verdict: verdict(
          m(bareRuns, 'generatorBusy') < m(bareRuns, 'serverBusy') &&
            m(bareRuns, 'serverBusy') >= 0.9,
        ),
      },
    ];
  } finally {
    bare?.child.kill('SIGTERM');
    emu.child.kill('SIGTERM');
    generator.stop();
  }
}

const rows = [
  ...(await scenario('Steady polling (unchanged: empty body, next token)', false)),
  ...(await scenario('Full content (token replay: the whole body every poll)', true)),
];
agent.destroy();
report(rows, values.rows);
