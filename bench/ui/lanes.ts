// The timeline lanes' part of the UI bench, on the page scrollBench (run.ts) leaves open with 10,000 polls:
// frame time while the wheel zooms the lanes in and out every frame (the window sweeps from the polls the grid
// shows to the whole ledger), and while panning the whole ledger zoomed out (~one coalesced mark per pixel
// redrawn every frame), each against an idle frame measured just before on the same page.
import type { Page } from 'playwright';
import { ms, pct, uiRow } from './support.js';
import { times, type Row } from '../lib/report.js';

/** Frame intervals while `mode` sends one wheel event to the lanes each frame. */
async function laneFrames(page: Page, frames: number, mode: 'idle' | 'zoom' | 'pan') {
  return page.evaluate(
    ({ frames, mode }) =>
      new Promise<number[]>((resolve) => {
        const svg = document.querySelector<SVGSVGElement>('.timeline-lanes svg')!;
        const box = svg.getBoundingClientRect();
        const wheel = (init: WheelEventInit) =>
          svg.dispatchEvent(
            new WheelEvent('wheel', {
              clientX: box.left + box.width / 2,
              clientY: box.top + box.height / 2,
              bubbles: true,
              cancelable: true,
              ...init,
            }),
          );
        const out: number[] = [];
        let last = performance.now();
        const step = (now: number) => {
          out.push(now - last);
          last = now;
          const n = out.length;
          // Eight notches out, eight back in: from ~20 polls to the whole ledger and back.
          if (mode === 'zoom') wheel({ deltaY: n % 16 < 8 ? 120 : -120 });
          // Back and forth by 40 px a frame, so the window stays over the ledger.
          if (mode === 'pan') wheel({ deltaX: n % 40 < 20 ? 40 : -40 });
          if (n < frames) requestAnimationFrame(step);
          else resolve(out.slice(2));
        };
        requestAnimationFrame(step);
      }),
    { frames, mode },
  );
}

export async function lanesBench(page: Page, frames: number): Promise<Row[]> {
  const fit = page.getByRole('button', { name: 'Fit' });
  await fit.click();
  const idle = await laneFrames(page, frames / 2, 'idle');
  const zoom = await laneFrames(page, frames, 'zoom');
  // Zoomed out as far as the lanes go: all 10,000 polls on screen, coalesced.
  await page.locator('.timeline-lanes svg').dispatchEvent('wheel', { deltaY: 5_000 });
  const marks = await page.locator('.timeline-lanes g[data-lane-seq]').count();
  const pan = await laneFrames(page, frames, 'pan');
  await fit.click();
  const idle95 = pct(idle, 0.95);
  console.log(`Timeline lanes, 10,000 polls (${marks} marks drawn zoomed out):`);
  console.log(`  idle frame        p50 ${ms(pct(idle, 0.5))}  p95 ${ms(idle95)}`);
  console.log(
    `  wheel zoom/frame  p50 ${ms(pct(zoom, 0.5))}  p95 ${ms(pct(zoom, 0.95))}  ratio p95 ${(pct(zoom, 0.95) / idle95).toFixed(2)}× idle`,
  );
  console.log(
    `  pan, all polls    p50 ${ms(pct(pan, 0.5))}  p95 ${ms(pct(pan, 0.95))}  ratio p95 ${(pct(pan, 0.95) / idle95).toFixed(2)}× idle`,
  );
  return [
    uiRow(
      'lanes wheel-zoom frame p95, 10,000 polls (one notch/frame)',
      ms(pct(zoom, 0.95)),
      `${ms(idle95)} idle frame`,
      times(pct(zoom, 0.95) / idle95),
    ),
    uiRow(
      `lanes pan frame p95, 10,000 polls zoomed out (${marks} marks)`,
      ms(pct(pan, 0.95)),
      `${ms(idle95)} idle frame`,
      times(pct(pan, 0.95) / idle95),
    ),
  ];
}
