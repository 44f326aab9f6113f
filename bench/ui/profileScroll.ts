// Where a scrolled timeline frame goes, for working on the scroll bench (run.ts --only scroll): the 10,000-poll
// recording scrolled 120 px a frame under a Chromium trace and CPU profile, printed as main-thread time per
// trace event (script, style, layout, paint) and the functions with the most self time. Not part of
// `npm run bench`. With --ui <dir> (a build made with `vite build --minify false --outDir <dir>`) the page's
// scripts come from that build, so the functions have their source names.
// Usage: npm run build && node --import tsx bench/ui/profileScroll.ts [--ui /tmp/ui-unminified] [--frames 120]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { startStack } from '../../e2e/support/stack.js';
import { syntheticRecording } from './recording.js';
import { api, chromiumArgs, executablePath } from './support.js';

const { values } = parseArgs({
  options: {
    ui: { type: 'string' },
    frames: { type: 'string' },
    px: { type: 'string' },
    /** CSS added to the page before scrolling, to see what a part costs (e.g. '.timeline-lanes{display:none}'). */
    css: { type: 'string' },
  },
});
const frames = Number(values.frames ?? 120);
const px = Number(values.px ?? 120);

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  /** Thread (CPU) time: steadier than wall time on a shared, loaded machine. */
  tdur?: number;
  tid: number;
  pid: number;
  args?: { name?: string };
}
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

const stack = await startStack();
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // tsx (esbuild keepNames) wraps named functions in __name(); functions shipped into the page need it too.
  await page.addInitScript('globalThis.__name = (f) => f');
  await api(stack, 'importRecording', { recording: syntheticRecording(10_000) });
  await page.goto(stack.pageUrl);
  if (values.ui) {
    const dir = values.ui;
    // The launch token became a cookie on the first load; from now on the page and its scripts are the other build's.
    await page.route(`${stack.baseUrl}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/' || path === '/index.html')
        return route.fulfill({ path: join(dir, 'index.html'), contentType: 'text/html' });
      if (path.startsWith('/assets/')) return route.fulfill({ path: join(dir, path) });
      return route.continue();
    });
    await page.goto(stack.baseUrl);
  }
  await page.locator(`[role="option"]`, { hasText: 'bench-app' }).first().click();
  await page.locator('[role="row"][data-seq="10000"]').waitFor({ timeout: 30_000 });

  if (values.css) await page.addStyleTag({ content: values.css });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const traceEvents: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => traceEvents.push(...(e.value as unknown as TraceEvent[])));
  const traced = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  );
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.start');
  const times = await page.evaluate(
    ({ frames, px }) =>
      new Promise<number[]>((resolve) => {
        const body = document.querySelector<HTMLElement>('.timeline-body')!;
        const out: number[] = [];
        let last = performance.now();
        const step = (now: number) => {
          out.push(now - last);
          last = now;
          body.scrollTop = (body.scrollTop + px) % (body.scrollHeight - body.clientHeight);
          if (out.length < frames) requestAnimationFrame(step);
          else resolve(out.slice(2));
        };
        requestAnimationFrame(step);
      }),
    { frames, px },
  );
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  await cdp.send('Tracing.end');
  await traced;

  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.floor(sorted.length * p)]!.toFixed(1);
  console.log(
    `${times.length} frames scrolling ${px} px each: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`,
  );

  // The renderer's main thread: the one with the most timeline events.
  const byThread = new Map<string, number>();
  for (const e of traceEvents)
    if (e.ph === 'X')
      byThread.set(`${e.pid}:${e.tid}`, (byThread.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...byThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  const perName = new Map<string, number>();
  for (const e of traceEvents)
    if (e.ph === 'X' && `${e.pid}:${e.tid}` === main && (e.tdur ?? e.dur))
      perName.set(e.name, (perName.get(e.name) ?? 0) + (e.tdur ?? e.dur)! / 1000);
  console.log('\nMain-thread CPU time per trace event (nested events overlap), per frame:');
  for (const [name, total] of [...perName].sort((a, b) => b[1] - a[1]).slice(0, 14))
    console.log(`  ${(total / times.length).toFixed(2).padStart(7)} ms  ${name}`);

  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const perFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    perFunction.set(key, (perFunction.get(key) ?? 0) + (self.get(node.id) ?? 0) / 1000);
  }
  console.log('\nSelf time per function, per frame:');
  for (const [name, total] of [...perFunction].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${(total / times.length).toFixed(2).padStart(7)} ms  ${name}`);
} finally {
  await browser.close();
  await stack.stop();
}
