// Shared by every bench: distributions, the common flags (--quick, --rows) and the one results table.
// A part run alone prints its own table; under bench/run.ts it also appends its rows to the --rows file.
import { appendFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export interface Row {
  part: string;
  figure: string;
  value: string;
  baseline: string;
  /** value / baseline, as the reader should compare them (e.g. "62% of bare", "1.4×"). */
  ratio: string;
  target: string;
  /** 'pass' / 'miss' against the target; '' when the figure has no target. */
  verdict: 'pass' | 'miss' | '';
}

/** parseArgs options every part accepts. */
export const commonOptions = {
  quick: { type: 'boolean', default: false },
  rows: { type: 'string' },
} as const;

export interface Distribution {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(xs: ArrayLike<number>): Distribution {
  const sorted = Float64Array.from(xs).sort();
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
  let sum = 0;
  for (const x of sorted) sum += x;
  return {
    n: sorted.length,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sum / sorted.length,
  };
}

export const median = (xs: number[]): number => distribution(xs).p50;

export const ms = (x: number, digits = 1) => `${x.toFixed(digits)} ms`;
export const kib = (bytes: number, digits = 1) => `${(bytes / 1024).toFixed(digits)} KiB`;
export const mb = (bytes: number, digits = 1) => `${(bytes / 1e6).toFixed(digits)} MB`;
export const pctOf = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
export const times = (ratio: number) => `${ratio.toFixed(2)}×`;

export const verdict = (ok: boolean): Row['verdict'] => (ok ? 'pass' : 'miss');

export function machine() {
  const cpu = cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: process.version,
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
  };
}

export function markdownTable(rows: Row[]): string {
  const cells = (r: Row) => [r.part, r.figure, r.value, r.baseline, r.ratio, r.target, r.verdict];
  const head = ['part', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', ''];
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cells(r).map(esc).join(' | ')} |`),
  ].join('\n');
}

/** Plain-text table for the terminal: columns padded, no markdown. */
export function textTable(rows: Row[]): string {
  const head = ['part', 'figure', 'value', 'baseline (same run)', 'ratio', 'target', ''];
  const all = [
    head,
    ...rows.map((r) => [r.part, r.figure, r.value, r.baseline, r.ratio, r.target, r.verdict]),
  ];
  const widths = head.map((_, i) => Math.max(...all.map((cells) => cells[i]!.length)));
  return all
    .map((cells) =>
      cells
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Prints the part's table; under bench/run.ts also hands the rows over through the --rows file. */
export function report(rows: Row[], rowsFile: string | undefined): void {
  console.log(`\n${textTable(rows)}`);
  if (rowsFile) appendFileSync(rowsFile, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}
