// `npm run bench`: every bench part in its own process (emulator, service, UI, and the soak in its short
// mode), one table of their rows, written with the date, Node version and machine to docs/benchmarks.md.
// Usage: npm run bench [-- --quick] [--only emulator,service] [--no-write]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { machine, markdownTable, textTable, type Row } from './lib/report.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});

const parts = [
  { name: 'emulator', script: 'bench/emulator/run.ts', gc: false, args: [] as string[] },
  { name: 'service', script: 'bench/service/run.ts', gc: true, args: [] },
  // 1,000 fleet members for 20 emulated minutes (~70 s); `bench:fleet -- --minutes 60` runs the hour.
  { name: 'fleet', script: 'bench/fleet/run.ts', gc: true, args: [] },
  // The UI part expects a fresh build: the npm script builds before this runs.
  { name: 'ui', script: 'bench/ui/run.ts', gc: false, args: [] },
  // The full soak takes minutes on its own (npm run bench:soak); here it runs short, as a smoke check.
  { name: 'soak', script: 'bench/soak/run.ts', gc: true, args: ['--quick'] },
];
const only = values.only?.split(',');
const dir = mkdtempSync(join(tmpdir(), 'aci-bench-'));
const rowsFile = join(dir, 'rows.jsonl');
writeFileSync(rowsFile, '');
const failures: string[] = [];
const started = performance.now();
for (const part of parts.filter((p) => !only || only.includes(p.name))) {
  console.log(`\n=== ${part.name} ===`);
  const args = [
    ...(part.gc ? ['--expose-gc'] : []),
    '--import',
    'tsx',
    part.script,
    '--rows',
    rowsFile,
    ...(values.quick && !part.args.includes('--quick') ? ['--quick'] : []),
    ...part.args,
  ];
  // Parts are bounded themselves; this is the backstop so `npm run bench` always ends.
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', timeout: 15 * 60_000 });
  if (r.status !== 0) failures.push(`${part.name} exited ${r.status ?? r.signal}`);
}
const rows = readFileSync(rowsFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Row);
rmSync(dir, { recursive: true, force: true });

const m = machine();
const about = `${m.date}, Node ${m.node}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.cpuModel}${values.quick ? ', quick mode' : ''}`;
console.log(
  `\n=== all benches (${about}; ${((performance.now() - started) / 1000).toFixed(0)} s) ===\n`,
);
console.log(textTable(rows));
for (const f of failures) console.log(`FAILED: ${f}`);

if (!values['no-write'] && !only) {
  writeFileSync('docs/benchmarks.md', document(rows, about));
  console.log('\nwritten to docs/benchmarks.md');
}
process.exitCode = failures.length ? 1 : 0;

function document(rows: Row[], about: string): string {
  return `# Benchmarks

Written by \`npm run bench\`; do not edit by hand. Last run: ${about}.
${failures.length ? `\n**Incomplete run:** ${failures.join('; ')}.\n` : ''}
${markdownTable(rows)}

## How to read

Every figure sits next to a baseline measured in the same run on the same machine, and the ratio is the
figure to trust: absolute numbers move with the machine and whatever else it is doing, ratios much less.
Emulator rows compare the emulator with a bare \`node:http\` server sending the same headers and body, driven
by the same load generator (its own process, raw keep-alive sockets, one per session), rounds alternated;
their ratios are "paired": the median, over rounds, of an emulator round against the bare round just before
it, which cancels the drift of a shared machine. "server CPU per poll" is the least noise-sensitive of them,
and the generator row shows the bare server, not the generator, was the limit. Service rows compare InspectorService (through its public \`request\`
API, fake clock, emulator in another process) with the bare AWS SDK polling the same sessions. Memory is
heap after forced GC, stated per session and per poll; "bounded" means the growth rate does not climb
(second half against first, last third against first). UI rows are Chromium through Playwright against the
real \`serve\`; latencies are medians (p50) unless marked p95/p99, startup rows give p50 and min–max over
fresh launches. A row marked miss is below its target; a row with no target is tracked, not judged.

## Commands

\`\`\`bash
npm run bench              # all of the below (soak short), this table, this file; -- --quick for a smoke run
npm run bench:emulator     # GetLatestConfiguration, 1,000 sessions: emulator vs bare node:http
npm run bench:service      # 1,000 sessions through the service vs the bare SDK; a 24-hour session's heap
npm run bench:fleet        # a 1,000-member fleet: service CPU (cores) and heap vs bare SDK pollers
npm run bench:ui           # timeline scroll, poll → row, 1 MB diff, initial JS, fleet chart fps, serve → first row
npm run bench:soak         # 1,000 sessions for an emulated hour; exits 1 if memory growth exceeds its bound
\`\`\`

Each part takes \`--quick\`. The soak (\`bench/soak/run.ts\`) is not part of \`npm test\`: it polls 240,000
times (a few minutes on 2 cores), samples the heap every 5 emulated minutes and fails when growth exceeds
4 KiB a poll, 24 KiB a session at start, or when the last third of the run grows 1.5× faster than the
first. Profile the emulator under load with
\`BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:emulator\`.
`;
}
