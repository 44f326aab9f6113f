// UI bench part: the fleet chart's frame time while it updates (issue 8: "the UI's frame time while the chart
// updates", target 60 fps). Its own serve stack, emulated time 100,000× so deployments and bake take no wall
// time: a 1,000-member fleet started through the API and watched in Chromium through two rollouts, members
// moving to the new version over one poll interval while fleetChanged comes once a second. Frame times are
// requestAnimationFrame deltas in three windows of the same run: a rollout with the chart not on screen (the
// load the fleet puts on this machine), a rollout with the chart shown (getFleet refetched on every
// fleetChanged), and the same view idle once the fleet is stopped. Each redraw's cost comes from the page's own
// timings: a getFleet answer's responseEnd (Resource Timing) to the chart's next DOM change, and Chrome's
// main-thread time per refetch (CDP Performance metrics). Called by run.ts.
import type { Browser, Page } from 'playwright';
import { deployVersion } from '../../e2e/support/controlPlane.js';
import { startStack, type Stack } from '../../e2e/support/stack.js';
import { pctOf, times, verdict, type Row } from '../lib/report.js';
import { api, ms, pct, uiRow } from './support.js';

const MEMBERS = 1000;
/** 60 fps: every frame within one refresh interval. */
const FRAME_BUDGET_MS = 1000 / 60;

const METRICS = {
  task: 'TaskDuration',
  script: 'ScriptDuration',
  style: 'RecalcStyleDuration',
  layout: 'LayoutDuration',
} as const;
type MainThread = Record<keyof typeof METRICS, number>;

interface Watched {
  /** rAF deltas, oldest first. */
  frames: number[];
  /** Frames in which the chart's DOM changed (a redraw landed in that frame). */
  updateFrames: number[];
  /** getFleet answer → the chart's next DOM change, per refetch. */
  answerToRedraw: number[];
  refetches: number;
  longTasks: number;
  /** Chrome's main-thread time over the window, ms: all of it (task) and its script, style and layout. */
  mainThread: MainThread;
}

/**
 * Watches the page for `durationMs`: every frame's delta, which frames carried a change to the `watched`
 * element (the chart, or the list when the chart is not shown), and how long each getFleet answer took to
 * reach it.
 */
async function watch(page: Page, durationMs: number, watched: string): Promise<Watched> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async (): Promise<MainThread> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const seconds = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    const [task, script, style, layout] = Object.values(METRICS).map((n) => seconds(n) * 1000);
    return { task: task!, script: script!, style: style!, layout: layout! };
  };
  const before = await read();
  const seen = await page.evaluate(
    ({ durationMs, watched }) =>
      new Promise<Omit<Watched, 'mainThread'>>((resolve) => {
        performance.setResourceTimingBufferSize(10_000);
        performance.clearResourceTimings();
        const chart = document.querySelector(watched)!;
        const redraws: number[] = [];
        // Callbacks run right after the commit that changed the chart, in the same task.
        const observer = new MutationObserver(() => redraws.push(performance.now()));
        observer.observe(chart, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
        let longTasks = 0;
        const long = new PerformanceObserver((list) => (longTasks += list.getEntries().length));
        long.observe({ type: 'longtask' });
        const frames: number[] = [];
        const frameEnds: number[] = [];
        const t0 = performance.now();
        let last = t0;
        const step = (now: number) => {
          frames.push(now - last);
          frameEnds.push(now);
          last = now;
          if (now - t0 < durationMs) return void requestAnimationFrame(step);
          observer.disconnect();
          long.disconnect();
          const answers = performance
            .getEntriesByType('resource')
            .filter((e) => e.name.endsWith('/api/getFleet'))
            .map((e) => (e as PerformanceResourceTiming).responseEnd);
          const answerToRedraw = answers.flatMap((at) => {
            const drawn = redraws.find((r) => r >= at);
            return drawn === undefined ? [] : [drawn - at];
          });
          // A redraw belongs to the frame whose rAF comes next after it.
          const updateFrames = frames.filter((_, i) =>
            redraws.some((r) => r > (frameEnds[i - 1] ?? t0) && r <= frameEnds[i]!),
          );
          // The first two deltas include the evaluate call's own start-up.
          resolve({
            frames: frames.slice(2),
            updateFrames,
            answerToRedraw,
            refetches: answers.length,
            longTasks,
          });
        };
        requestAnimationFrame(step);
      }),
    { durationMs, watched },
  );
  const after = await read();
  const mainThread = {
    task: after.task - before.task,
    script: after.script - before.script,
    style: after.style - before.style,
    layout: after.layout - before.layout,
  };
  await cdp.detach();
  return { ...seen, mainThread };
}

async function startFleet(stack: Stack): Promise<string> {
  const fleet = (await api(stack, 'startFleet', {
    applicationIdentifier: 'demo-app',
    environmentIdentifier: 'dev',
    configurationProfileIdentifier: 'app-config',
    requiredMinimumPollIntervalInSeconds: 15,
    size: MEMBERS,
  })) as { id: string };
  return fleet.id;
}

export async function fleetChartBench(browser: Browser, quick: boolean): Promise<Row[]> {
  const windowMs = quick ? 4_000 : 10_000;
  const idleMs = quick ? 2_000 : 4_000;
  const stack = await startStack(['--time-scale', '100000']);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const deploy = (label: string) =>
    deployVersion(stack.emulatorUrl, JSON.stringify({ bench: 'fleet', label }), label);
  try {
    // tsx (esbuild keepNames) wraps named functions in __name(); functions shipped into the page need it too.
    await page.addInitScript('globalThis.__name = (f) => f');
    const fleetId = await startFleet(stack);
    await page.goto(stack.pageUrl);
    const entry = page.locator(`[data-fleet-id="${fleetId}"]`);
    // Members start spread over the first 15 s interval; each rollout starts once every one holds content.
    await entry
      .filter({ hasText: new RegExp(`(?<!\\d)${MEMBERS} × (?!none yet)`) })
      .waitFor({ timeout: 60_000 });
    const snapshotBytes = JSON.stringify(await api(stack, 'getFleet', { fleetId })).length;
    // The same rollout load with the chart not on screen (nothing selected; the list entry still updates):
    // what the fleet costs the machine (service, emulator, browser) without the chart.
    await deploy('fleet-v2');
    const hidden = await watch(page, windowMs, '.session-list');
    await entry.click();
    await page.locator('.fleet-chart svg[role="img"]').waitFor();
    // A 10-minute bake is 6 ms of wall time here, so the next deployment may start at once.
    await deploy('fleet-v3');
    const shown = await watch(page, windowMs, '.fleet-chart');
    await api(stack, 'stopFleet', { fleetId });
    // Stopped: the view offers Delete fleet, and nothing refetches any more.
    await page.getByRole('button', { name: 'Delete fleet' }).waitFor();
    const idle = await watch(page, idleMs, '.fleet-chart');
    await api(stack, 'deleteFleet', { fleetId });
    return rows({ hidden, shown, idle }, snapshotBytes);
  } finally {
    await page.close();
    await stack.stop();
  }
}

const seconds = (w: Watched) => w.frames.reduce((a, b) => a + b, 0) / 1000;
const fps = (w: Watched) => w.frames.length / seconds(w);
const over = (w: Watched) => w.frames.filter((f) => f > FRAME_BUDGET_MS * 1.5).length;

function print(name: string, w: Watched) {
  console.log(
    `  ${name.padEnd(22)} p50 ${ms(pct(w.frames, 0.5))}  p95 ${ms(pct(w.frames, 0.95))}  max ${ms(Math.max(...w.frames))}  ${fps(w).toFixed(1)} fps, ${over(w)} of ${w.frames.length} frames over 1.5× budget, ${w.longTasks} long tasks, ${w.refetches} getFleet`,
  );
}

function rows(w: { hidden: Watched; shown: Watched; idle: Watched }, snapshotBytes: number): Row[] {
  const { hidden, shown, idle } = w;
  const p95 = pct(shown.frames, 0.95);
  const hiddenP95 = pct(hidden.frames, 0.95);
  const refetches = Math.max(1, shown.refetches);
  const perRefetch = shown.mainThread.task / refetches;
  const hiddenPerSecond = hidden.mainThread.task / seconds(hidden);
  const { script, style, layout } = shown.mainThread;
  const redraw = pct(shown.answerToRedraw, 0.95);
  console.log(
    `Fleet chart, ${MEMBERS} members (getFleet answers ~${(snapshotBytes / 1024).toFixed(0)} KiB), frames over ${seconds(shown).toFixed(1)} s windows:`,
  );
  print('idle (fleet stopped)', idle);
  print('rollout, chart hidden', hidden);
  print('rollout, chart shown', shown);
  console.log(
    `  frames with a redraw   ${shown.updateFrames.length}: p50 ${ms(pct(shown.updateFrames, 0.5))}  worst ${ms(Math.max(...shown.updateFrames))}`,
  );
  console.log(
    `  getFleet answer → chart redrawn  p50 ${ms(pct(shown.answerToRedraw, 0.5))}  p95 ${ms(redraw)}`,
  );
  console.log(
    `  main thread (CDP metrics)  ${ms(perRefetch)} per getFleet refetch with the chart (script ${ms(script / refetches)}, style ${ms(style / refetches)}, layout ${ms(layout / refetches)}); ${ms(hiddenPerSecond)} per second hidden, ${ms(idle.mainThread.task / seconds(idle))} idle`,
  );
  return [
    uiRow(
      `fleet chart frame p95, ${MEMBERS} members mid-rollout (${fps(shown).toFixed(0)} fps)`,
      ms(p95),
      `${ms(hiddenP95)} chart hidden, ${ms(pct(idle.frames, 0.95))} idle`,
      times(p95 / hiddenP95),
      `p95 ≤ ${FRAME_BUDGET_MS.toFixed(1)} ms (60 fps)`,
      // rAF deltas jitter by a few tenths of a ms around the refresh interval even when idle.
      verdict(p95 <= FRAME_BUDGET_MS + 0.5),
    ),
    uiRow(
      'fleet chart: getFleet answer → chart redrawn p95',
      ms(redraw),
      `${ms(FRAME_BUDGET_MS)} frame budget`,
      pctOf(redraw / FRAME_BUDGET_MS),
    ),
    uiRow(
      'fleet chart: main-thread time per getFleet refetch',
      ms(perRefetch),
      `${ms(hiddenPerSecond)} per second, chart hidden`,
      times(perRefetch / hiddenPerSecond),
    ),
  ];
}
