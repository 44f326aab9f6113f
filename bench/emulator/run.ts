// Emulator throughput bench: GetLatestConfiguration with many concurrent sessions against the emulator and
// against a bare node:http server returning the same bytes, measured in the same run; prints the ratio.
// Target (issue 2): emulator ≥ 50% of the bare server's throughput. Usage: npm run bench:emulator [-- --seconds 3]
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    sessions: { type: 'string', default: '200' },
  },
});
const seconds = Number(values.seconds);
const sessionCount = Number(values.sessions);

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function call(port: number, method: string, path: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string>,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function spawnServer(args: string[]): Promise<{ child: ChildProcess; port: number }> {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") lets you profile the servers under load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'bench/emulator/server.ts', ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout! }).once('line', resolve),
  );
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

const startBody = JSON.stringify({
  ApplicationIdentifier: 'demo-app',
  EnvironmentIdentifier: 'dev',
  ConfigurationProfileIdentifier: 'app-config',
});

async function startSessions(port: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < sessionCount; i++) {
    const r = await call(port, 'POST', '/configurationsessions', startBody);
    if (r.status !== 201)
      throw new Error(`StartConfigurationSession → ${r.status} ${r.body.toString()}`);
    tokens.push(
      (JSON.parse(r.body.toString()) as { InitialConfigurationToken: string })
        .InitialConfigurationToken,
    );
  }
  return tokens;
}

/** Each session polls back to back, following its token chain (or replaying one token when `replay`). */
async function load(port: number, tokens: string[], replay: boolean) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let errors = 0;
  await Promise.all(
    tokens.map(async (first, i) => {
      let token = first;
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const r = await call(
          port,
          'GET',
          `/configuration?configuration_token=${encodeURIComponent(token)}`,
        );
        latencies.push(performance.now() - t0);
        if (r.status !== 200) errors++;
        else if (!replay) token = r.headers['next-poll-configuration-token'] ?? token;
      }
      // Keep the chain for the next round.
      tokens[i] = token;
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return { rps: latencies.length / seconds, p50: pct(0.5), p99: pct(0.99), errors };
}

const ROUNDS = 3;

async function scenario(name: string, replay: boolean) {
  const emu = await spawnServer(['emulator']);
  let bare: { child: ChildProcess; port: number } | undefined;
  try {
    const tokens = await startSessions(emu.port);
    // Warm the chains: the first poll of each session returns content; later ones are "unchanged".
    const first = await call(
      emu.port,
      'GET',
      `/configuration?configuration_token=${encodeURIComponent(tokens[0]!)}`,
    );
    if (!replay) {
      for (let i = 0; i < tokens.length; i++) {
        const r =
          i === 0
            ? first
            : await call(
                emu.port,
                'GET',
                `/configuration?configuration_token=${encodeURIComponent(tokens[i]!)}`,
              );
        tokens[i] = r.headers['next-poll-configuration-token']!;
      }
    }
    const sample = replay
      ? first
      : await call(
          emu.port,
          'GET',
          `/configuration?configuration_token=${encodeURIComponent(tokens[0]!)}`,
        );
    if (!replay) tokens[0] = sample.headers['next-poll-configuration-token']!;
    const headers: Record<string, string> = {};
    for (const h of [
      'content-type',
      'next-poll-configuration-token',
      'next-poll-interval-in-seconds',
      'version-label',
      'x-amzn-requestid',
    ]) {
      if (sample.headers[h]) headers[h] = sample.headers[h];
    }
    bare = await spawnServer([
      'bare',
      JSON.stringify({ headers, body: sample.body.toString('base64') }),
    ]);
    // Alternate rounds so background load on a shared machine hits both sides alike; report the medians.
    const emulatorRuns: Awaited<ReturnType<typeof load>>[] = [];
    const bareRuns: Awaited<ReturnType<typeof load>>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bareRuns.push(await load(bare.port, [...tokens], replay));
      emulatorRuns.push(await load(emu.port, tokens, replay));
    }
    const median = (runs: typeof bareRuns) =>
      [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;
    const baseline = median(bareRuns);
    const emulator = median(emulatorRuns);
    const fmt = (r: typeof emulator) =>
      `${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  errors ${r.errors}`;
    console.log(
      `\n${name} (${sessionCount} sessions, ${ROUNDS} alternating rounds of ${seconds}s, body ${sample.body.length} B; medians)`,
    );
    console.log(`  bare node:http  ${fmt(baseline)}`);
    console.log(`  emulator        ${fmt(emulator)}`);
    const ratio = emulator.rps / baseline.rps;
    console.log(
      `  ratio           ${(ratio * 100).toFixed(1)}% of bare throughput (target ≥ 50%) ${ratio >= 0.5 ? 'PASS' : 'BELOW TARGET'}`,
    );
    return ratio;
  } finally {
    bare?.child.kill('SIGTERM');
    emu.child.kill('SIGTERM');
  }
}

const ratios = [
  await scenario('Steady polling (unchanged: empty body, next token)', false),
  await scenario('Token replay (full content every poll)', true),
];
agent.destroy();
process.exitCode = ratios.every((r) => r >= 0.5) ? 0 : 1;
