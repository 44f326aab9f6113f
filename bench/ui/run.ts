// UI bench (Playwright + Chromium against the real serve stack). Prints, each against a baseline measured in
// the same run: timeline scroll frame time with 10,000 polls (vs. an idle frame), time from a poll's answer
// to its row on screen (vs. the SSE event reaching the page), the lanes' zoom and pan frame time with 10,000
// polls (lanes.ts, vs. an idle frame), diff-ready time for two 1 MB JSON versions (vs.
// two 10 kB ones), the initial JS before Monaco (vs. the whole UI build), the fleet chart's frame time with
// 1,000 members mid-rollout (fleetChart.ts, vs. the same view idle), and a fresh `serve` → first poll row on
// screen (startup.ts, vs. a script-less load of the same page).
// Usage: npm run bench:ui [-- --quick] [--only fleet|scroll] (builds first)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright';
import { startStack, type Stack } from '../../e2e/support/stack.js';
import { deployVersion } from '../../e2e/support/controlPlane.js';
import { fleetChartBench } from './fleetChart.js';
import { lanesBench } from './lanes.js';
import { syntheticRecording } from './recording.js';
import { startupBench } from './startup.js';
import { api, chromiumArgs, executablePath, ms, pct, uiRow } from './support.js';
import { commonOptions, kib, pctOf, report, times, type Row } from '../lib/report.js';

const { values } = parseArgs({
  options: { ...commonOptions, 'startup-runs': { type: 'string' }, only: { type: 'string' } },
});
const quick = values.quick;
const startupRuns = Number(values['startup-runs'] ?? (quick ? 2 : 5));
const rows: Row[] = [];
const row = (figure: string, value: string, baseline: string, ratio: string) =>
  rows.push(uiRow(figure, value, baseline, ratio));
/** `--only fleet`: just the fleet chart part (its own stack), for working on the chart. */
const fleetOnly = values.only === 'fleet';
/** `--only scroll`: just the timeline scroll and lanes parts (its own stack), for working on the timeline. */
const scrollOnly = values.only === 'scroll';

/** Frame intervals while `work` runs each frame, sampled with requestAnimationFrame in the page. */
async function frameTimes(page: Page, frames: number, scrollPx: number): Promise<number[]> {
  return page.evaluate(
    ({ frames, scrollPx }) =>
      new Promise<number[]>((resolve) => {
        const body = document.querySelector<HTMLElement>('.timeline-body');
        const times: number[] = [];
        let last = performance.now();
        const step = (now: number) => {
          times.push(now - last);
          last = now;
          if (scrollPx && body)
            body.scrollTop = (body.scrollTop + scrollPx) % (body.scrollHeight - body.clientHeight);
          if (times.length < frames) requestAnimationFrame(step);
          else resolve(times.slice(2));
        };
        requestAnimationFrame(step);
      }),
    { frames, scrollPx },
  );
}

async function scrollBench(stack: Stack, page: Page) {
  const imported = (await api(stack, 'importRecording', {
    recording: syntheticRecording(10_000),
  })) as { id: string };
  await page.goto(stack.pageUrl);
  await page.locator(`[role="option"]`, { hasText: 'bench-app' }).first().click();
  // The timeline opens scrolled to the newest poll.
  await page.locator('[role="row"][data-seq="10000"]').waitFor();
  const frames = quick ? 60 : 240;
  const idle = await frameTimes(page, frames / 2, 0);
  // A wheel-like 120 px per frame, and a fling of ~1000 px per frame (every row on screen is new).
  const wheel = await frameTimes(page, frames, 120);
  const scrolled = await frameTimes(page, frames, 997);
  const rowsInDom = await page.locator('.timeline-body [role="row"]').count();
  console.log(`Timeline scroll, 10,000 polls (${rowsInDom} rows in the DOM):`);
  console.log(`  idle frame        p50 ${ms(pct(idle, 0.5))}  p95 ${ms(pct(idle, 0.95))}`);
  console.log(
    `  wheel 120 px/fr   p50 ${ms(pct(wheel, 0.5))}  p95 ${ms(pct(wheel, 0.95))}  ratio p95 ${(pct(wheel, 0.95) / pct(idle, 0.95)).toFixed(2)}× idle`,
  );
  console.log(
    `  fling 997 px/fr   p50 ${ms(pct(scrolled, 0.5))}  p95 ${ms(pct(scrolled, 0.95))}  ratio p95 ${(pct(scrolled, 0.95) / pct(idle, 0.95)).toFixed(2)}× idle`,
  );
  row(
    'scroll frame p95, 10,000 polls (wheel 120 px/frame)',
    ms(pct(wheel, 0.95)),
    `${ms(pct(idle, 0.95))} idle frame`,
    times(pct(wheel, 0.95) / pct(idle, 0.95)),
  );
  row(
    'scroll frame p95, 10,000 polls (fling 997 px/frame)',
    ms(pct(scrolled, 0.95)),
    `${ms(pct(idle, 0.95))} idle frame`,
    times(pct(scrolled, 0.95) / pct(idle, 0.95)),
  );
  rows.push(...(await lanesBench(page, frames)));
  await api(stack, 'deleteSession', { sessionId: imported.id });
}

async function pollToRowBench(stack: Stack, page: Page) {
  await page.goto(stack.pageUrl);
  await page.getByLabel('Application').fill('demo-app');
  await page.getByLabel('Environment').fill('dev');
  await page.getByLabel('Configuration profile').fill('app-config');
  await page.getByRole('button', { name: 'Start session' }).click();
  await page
    .locator('[role="row"][data-seq="1"]')
    .waitFor()
    .catch(async (e: unknown) => {
      await page.screenshot({ path: 'test-results/bench-ui-failure.png' });
      throw e;
    });
  // In the page: when each row appears (MutationObserver) and when its SSE event arrived (own EventSource).
  await page.evaluate(() => {
    const w = window as unknown as {
      rowSeen: Record<string, number>;
      eventSeen: Record<string, number>;
    };
    w.rowSeen = {};
    w.eventSeen = {};
    new MutationObserver(() => {
      for (const el of document.querySelectorAll<HTMLElement>('[role="row"][data-seq]'))
        w.rowSeen[el.dataset.seq!] ??= Date.now();
    }).observe(document.body, { childList: true, subtree: true });
    new EventSource('/api/events').onmessage = (m) => {
      const e = JSON.parse(m.data as string) as { event?: { seq: number } };
      if (e.event) w.eventSeen[String(e.event.seq)] ??= Date.now();
    };
  });
  await page.waitForTimeout(300);
  const sessions = (await api(stack, 'listSessions', {})) as { id: string }[];
  const sessionId = sessions[0]!.id;
  const toRow: number[] = [];
  const toEvent: number[] = [];
  for (let i = 0; i < (quick ? 8 : 20); i++) {
    const event = (await api(stack, 'pollNow', { sessionId })) as {
      seq: number;
      answeredAt: number;
    };
    await page.locator(`[role="row"][data-seq="${event.seq}"]`).waitFor();
    const seen = await page.evaluate((seq) => {
      const w = window as unknown as {
        rowSeen: Record<string, number>;
        eventSeen: Record<string, number>;
      };
      return { row: w.rowSeen[seq], event: w.eventSeen[seq] };
    }, String(event.seq));
    if (seen.row !== undefined) toRow.push(seen.row - event.answeredAt);
    if (seen.event !== undefined) toEvent.push(seen.event - event.answeredAt);
  }
  console.log(`Poll answered → row on screen (${toRow.length} polls):`);
  console.log(`  SSE event in page p50 ${ms(pct(toEvent, 0.5))}  p95 ${ms(pct(toEvent, 0.95))}`);
  console.log(
    `  row in the DOM    p50 ${ms(pct(toRow, 0.5))}  p95 ${ms(pct(toRow, 0.95))}  (+${ms(pct(toRow, 0.5) - pct(toEvent, 0.5))} for React)`,
  );
  row(
    `poll answered → row on screen p50 (${toRow.length} polls)`,
    ms(pct(toRow, 0.5)),
    `${ms(pct(toEvent, 0.5))} SSE event in page`,
    times(pct(toRow, 0.5) / pct(toEvent, 0.5)),
  );
  return sessionId;
}

/** ~`bytes` of JSON; `seed` changes one entry in a hundred (a realistic revision) or, with `everything`, all. */
function bigJson(bytes: number, seed: number, everything = false): string {
  const entries: Record<string, unknown> = {};
  // The compact length, kept as it grows: re-stringifying the whole object per entry took minutes at 1 MB.
  for (let i = 0, length = 2; length < bytes; i++) {
    const touched = everything || i % 100 === 0;
    const key = `key${String(i).padStart(6, '0')}`;
    const value = {
      enabled: i % 7 !== 0,
      limit: touched ? i * (seed + 1) + seed : i,
      note: `entry ${i}`,
    };
    entries[key] = value;
    length += (i > 0 ? 1 : 0) + JSON.stringify(key).length + 1 + JSON.stringify(value).length;
  }
  return JSON.stringify(entries, null, 2);
}

async function diffBench(
  stack: Stack,
  page: Page,
  sessionId: string,
  bytes: number,
  everything = false,
): Promise<number> {
  const tag = `${Math.round(bytes / 1000)}k${everything ? 'all' : ''}`;
  for (const seed of [1, 2]) {
    await deployVersion(stack.emulatorUrl, bigJson(bytes, seed, everything), `${tag}-${seed}`);
    await api(stack, 'pollNow', { sessionId });
  }
  await page.getByRole('tab', { name: /Versions/ }).click();
  for (const seed of [1, 2])
    await page.getByRole('checkbox', { name: new RegExp(`Compare ${tag}-${seed}`) }).check();
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Compare' }).click();
  await page
    .getByTestId('diff-editor')
    .locator('.editor.modified .line-insert')
    .first()
    .waitFor({ timeout: 120_000 });
  const elapsed = Date.now() - t0;
  for (const seed of [1, 2])
    await page.getByRole('checkbox', { name: new RegExp(`Compare ${tag}-${seed}`) }).uncheck();
  await page.getByRole('tab', { name: 'Timeline' }).click();
  return elapsed;
}

function bundleSizes() {
  const dir = 'dist/ui';
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const size = (files: string[]) =>
    files.reduce(
      (acc, f) => {
        const data = readFileSync(join(dir, f));
        return { raw: acc.raw + data.length, gzip: acc.gzip + gzipSync(data).length };
      },
      { raw: 0, gzip: 0 },
    );
  const all = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const a = size(initial);
  const b = size(all);
  console.log(
    `Initial JS before Monaco: ${(a.raw / 1024).toFixed(0)} KiB (${(a.gzip / 1024).toFixed(0)} KiB gzip) in ${initial.length} file(s)`,
  );
  console.log(
    `  whole UI build JS     ${(b.raw / 1024).toFixed(0)} KiB (${(b.gzip / 1024).toFixed(0)} KiB gzip); initial is ${((a.raw / b.raw) * 100).toFixed(1)}%`,
  );
  row(
    'initial JS before Monaco (gzip)',
    `${kib(a.raw, 0)} (${kib(a.gzip, 0)})`,
    `${kib(b.raw, 0)} (${kib(b.gzip, 0)}) whole UI build`,
    `${pctOf(a.raw / b.raw)} of the build`,
  );
}

/** The parts that share one serve stack (and one page). */
async function stackBenches(browser: Browser) {
  // AllAtOnce still bakes for 10 minutes before another deployment may start: run emulated time fast.
  const stack = await startStack(['--time-scale', '100000']);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // tsx (esbuild keepNames) wraps named functions in __name(); functions shipped into the page need it too.
    await page.addInitScript('globalThis.__name = (f) => f');
    bundleSizes();
    await scrollBench(stack, page);
    const sessionId = await pollToRowBench(stack, page);
    await diffBench(stack, page, sessionId, 5_000); // loads the Monaco chunk, so the timings below don't
    const small = await diffBench(stack, page, sessionId, 10_000);
    const large = await diffBench(stack, page, sessionId, 1_000_000);
    // The worst case takes Monaco's 5 s cap; quick runs leave it out.
    const worst = quick ? NaN : await diffBench(stack, page, sessionId, 1_000_000, true);
    console.log(`Diff ready (click Compare → inserted lines drawn; Monaco already loaded):`);
    console.log(`  two 10 kB JSON, 1% of entries changed   ${ms(small)}`);
    console.log(
      `  two 1 MB JSON, 1% of entries changed    ${ms(large)}  ratio ${(large / small).toFixed(1)}× the 10 kB diff`,
    );
    console.log(
      `  two 1 MB JSON, every entry changed      ${ms(worst)}  (Monaco caps diff computation at 5 s)`,
    );
    row(
      'diff ready, two 1 MB JSON (1% changed)',
      ms(large),
      `${ms(small)} two 10 kB`,
      times(large / small),
    );
    if (!quick)
      row(
        'diff ready, two 1 MB JSON (all changed)',
        ms(worst),
        `${ms(small)} two 10 kB`,
        times(worst / small),
      );
  } finally {
    await stack.stop();
  }
}

/** The scroll and lanes parts alone, on a stack of their own. */
async function scrollOnlyBench(browser: Browser) {
  const stack = await startStack();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript('globalThis.__name = (f) => f');
    await scrollBench(stack, page);
  } finally {
    await stack.stop();
  }
}

const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  if (scrollOnly) await scrollOnlyBench(browser);
  else {
    if (!fleetOnly) await stackBenches(browser);
    // Its own stack, once the one above is stopped: 1,000 members polling would weigh on every figure above.
    rows.push(...(await fleetChartBench(browser, quick)));
    if (!fleetOnly) rows.push(...(await startupBench(browser, startupRuns)));
  }
  report(rows, values.rows);
} finally {
  await browser.close();
}
