// UI bench part: a fresh `serve` → first poll row on screen, against a bare `node` start and a script-less
// load of the same page in the same run (what `npm start` costs a user, less the build). Called by run.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright';
import { distribution, ms as fmtMs, times, type Row } from '../lib/report.js';
import { uiRow } from './support.js';

/** Spawns a process and resolves with the ms until a stdout line matches `ready`, and the process. */
function spawnUntil(args: string[], ready: RegExp) {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = new Promise<{ ms: number; match: RegExpExecArray }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${ready} in 30 s:\n${stderr}`)), 30_000);
    createInterface({ input: child.stdout }).on('line', (l) => {
      const match = ready.exec(l);
      if (match) {
        clearTimeout(timer);
        resolve({ ms: performance.now() - t0, match });
      }
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { t0, line, stop: () => (child.kill('SIGTERM'), exited) };
}

/**
 * `npm start` without the build: a fresh `serve` on a new data dir, its printed URL opened in a new browser
 * context, a demo session started, until the first poll's row is on screen. Baselines from the same run:
 * a bare `node` process printing a line, and the same page loaded with scripts off (HTML only).
 */
export async function startupBench(browser: Browser, startupRuns: number): Promise<Row[]> {
  const ready: number[] = [];
  const firstRow: number[] = [];
  const bareNode: number[] = [];
  const barePage: number[] = [];
  const interactive: number[] = [];
  const clickToRow: number[] = [];
  for (let run = 0; run < startupRuns; run++) {
    const node = spawnUntil(['-e', 'console.log("ready")'], /^ready$/);
    bareNode.push((await node.line).ms);
    await node.stop();
    const dir = mkdtempSync(join(tmpdir(), 'aci-bench-start-'));
    // --port 0 instead of the default, so the bench never collides with a running inspector.
    const serve = spawnUntil(
      [
        'bin/appconfig-inspector.js',
        'serve',
        '--no-open',
        '--port',
        '0',
        '--data-dir',
        dir,
        '--emulator-port',
        '0',
      ],
      /AppConfig Inspector: (\S+)/,
    );
    try {
      const { ms: readyMs, match } = await serve.line;
      ready.push(readyMs);
      const url = match[1]!;
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(url);
      const start = page.getByRole('button', { name: 'Start session' });
      await start.waitFor();
      interactive.push(performance.now() - serve.t0);
      await page.getByLabel('Application').fill('demo-app');
      await page.getByLabel('Environment').fill('dev');
      await page.getByLabel('Configuration profile').fill('app-config');
      const clicked = performance.now();
      await start.click();
      await page.locator('[role="row"][data-seq="1"]').waitFor();
      firstRow.push(performance.now() - serve.t0);
      clickToRow.push(performance.now() - clicked);
      await context.close();
      const bare = await browser.newContext({ javaScriptEnabled: false });
      const barePageTab = await bare.newPage();
      const t0 = performance.now();
      await barePageTab.goto(url);
      barePage.push(performance.now() - t0);
      await bare.close();
    } finally {
      await serve.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const d = (xs: number[]) => distribution(xs);
  const span = (xs: number[]) =>
    `p50 ${fmtMs(d(xs).p50, 0)} (${fmtMs(Math.min(...xs), 0)}–${fmtMs(d(xs).max, 0)})`;
  console.log(`Fresh serve → first poll row (${startupRuns} runs, min–max in brackets):`);
  console.log(`  bare node process prints a line  ${span(bareNode)}`);
  console.log(`  serve prints its URL             ${span(ready)}`);
  console.log(`  page without scripts loaded      ${span(barePage)}`);
  console.log(`  app interactive (Start session)  ${span(interactive)}  (from spawning serve)`);
  console.log(`  first poll row on screen         ${span(firstRow)}  (from spawning serve)`);
  console.log(`  of which click → first row       ${span(clickToRow)}`);
  return [
    uiRow(
      `serve spawned → URL printed (${startupRuns} runs)`,
      span(ready),
      `${fmtMs(d(bareNode).p50, 0)} bare node start`,
      times(d(ready).p50 / d(bareNode).p50),
    ),
    uiRow(
      `serve spawned → first poll row on screen (${startupRuns} runs)`,
      span(firstRow),
      `${fmtMs(d(ready).p50 + d(barePage).p50, 0)} URL printed + script-less page load`,
      times(d(firstRow).p50 / (d(ready).p50 + d(barePage).p50)),
    ),
  ];
}
