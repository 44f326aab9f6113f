import { describe, expect, it } from 'vitest';
import { act, useState } from 'react';
import type { PollEvent } from '../../../core/ledger.js';
import { TimelineLanes } from './TimelineLanes.js';
import { formatClock } from './format.js';
import { laneTooltipLines } from './laneTooltip.js';
import { chain, ev } from './testEvents.js';
import { click, render } from './testRender.js';

const NO_FLAGS = new Map();

function Harness({ events, start, end }: { events: PollEvent[]; start: number; end: number }) {
  const [selected, setSelected] = useState<number | undefined>(undefined);
  return (
    <TimelineLanes
      events={events}
      flagsBySeq={NO_FLAGS}
      visibleStart={start}
      visibleEnd={end}
      selectedSeq={selected}
      onSelect={setSelected}
    />
  );
}

const step = (root: HTMLElement) =>
  Number(root.querySelector<SVGGElement>('.lane-axis')?.dataset.tickStep);
const labels = (root: HTMLElement) =>
  [...root.querySelectorAll('.lane-tick-label')].map((t) => t.textContent);
const button = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === name);
const marks = (root: HTMLElement) => root.querySelectorAll<SVGGElement>('g[data-lane-seq]');

describe('TimelineLanes', () => {
  it('draws a labelled time axis over the polls the grid shows', async () => {
    // 20 polls 15 s apart (~5 min): ticks a minute or two apart, labelled HH:MM.
    const view = await render(<Harness events={chain(20)} start={0} end={20} />);
    expect(step(view.container)).toBeGreaterThanOrEqual(60_000);
    expect(labels(view.container).length).toBeGreaterThan(1);
    for (const label of labels(view.container)) expect(label).toMatch(/^\d\d:\d\d$/);
    expect(marks(view.container)).toHaveLength(20);
    await view.unmount();
  });

  it('zooms in with the button to finer ticks, and Fit restores the view that follows the grid', async () => {
    const view = await render(<Harness events={chain(20)} start={0} end={20} />);
    const fitted = step(view.container);
    const fittedLabels = labels(view.container);
    await click(button(view.container, 'Zoom in'));
    await click(button(view.container, 'Zoom in'));
    expect(step(view.container)).toBeLessThan(fitted);
    expect(view.container.querySelector('.lane-mode')?.textContent).toContain('Own window');
    await click(button(view.container, 'Zoom out'));
    await click(button(view.container, 'Fit'));
    expect(step(view.container)).toBe(fitted);
    expect(labels(view.container)).toEqual(fittedLabels);
    await view.unmount();
  });

  it('zooms in on a wheel turn over the lanes', async () => {
    const view = await render(<Harness events={chain(20)} start={0} end={20} />);
    const fitted = step(view.container);
    const svg = view.container.querySelector('svg')!;
    await act(async () => {
      svg.dispatchEvent(
        new WheelEvent('wheel', { deltaY: -400, clientX: 300, bubbles: true, cancelable: true }),
      );
    });
    expect(step(view.container)).toBeLessThan(fitted);
    await view.unmount();
  });

  it('shows a hover card with the exact send time, and selects and highlights a clicked mark', async () => {
    const events = chain(6);
    const view = await render(<Harness events={events} start={0} end={6} />);
    const mark = view.container.querySelector('g[data-lane-seq="3"] .lane-hit')!;
    await act(async () => {
      mark.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 10 }));
    });
    const card = view.container.querySelector('[role="tooltip"]');
    expect(card?.textContent).toContain(`sent ${formatClock(events[3]!.sentAt)}`);
    expect(view.container.querySelector('[data-lane-selected]')).toBeNull();
    await act(async () => {
      mark.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(
      view.container.querySelector<SVGRectElement>('[data-lane-selected]')?.dataset.laneSelected,
    ).toBe('3');
    await view.unmount();
  });

  it('reads token links and waits from the whole ledger when the drawn polls are filtered', async () => {
    const ledger = chain(6);
    const shown = [ledger[0]!, ledger[3]!];
    const view = await render(
      <TimelineLanes
        events={shown}
        ledger={ledger}
        flagsBySeq={NO_FLAGS}
        visibleStart={0}
        visibleEnd={2}
        selectedSeq={undefined}
        onSelect={() => undefined}
      />,
    );
    expect(marks(view.container)).toHaveLength(2);
    const mark = view.container.querySelector('g[data-lane-seq="3"]')!;
    // #3 sent the token #2 issued: a chain link from #2's answer, though #2 is filtered out.
    const chainPath = view.container.querySelector('.lane-marks path.link-chain');
    expect(chainPath?.getAttribute('d')).toMatch(/^M [\d.]+ 32 H [\d.]+$/);
    expect(view.container.querySelector('.link-unknown')).toBeNull();
    await act(async () => {
      mark.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
    });
    expect(view.container.querySelector('[role="tooltip"]')?.textContent).toContain(
      'asked to wait 15 s · waited 14.96 s',
    );
    await view.unmount();
  });

  it('draws at most one mark per pixel for 10,000 polls zoomed out', async () => {
    const view = await render(<Harness events={chain(10_000)} start={9_980} end={10_000} />);
    // The 20 polls in view, and the one before them whose link crosses the window's edge.
    expect(marks(view.container).length).toBeLessThanOrEqual(21);
    // One big wheel turn zooms out as far as the lanes go: twice the ledger's time, so it fills half the plot.
    const svg = view.container.querySelector('svg')!;
    await act(async () => {
      svg.dispatchEvent(
        new WheelEvent('wheel', { deltaY: 5_000, bubbles: true, cancelable: true }),
      );
    });
    const count = marks(view.container).length;
    // The fallback width is 800 px, of which 716 are plot: the ledger spans about 358 of them.
    expect(count).toBeGreaterThan(300);
    expect(count).toBeLessThanOrEqual(360);
    await view.unmount();
  });
});

describe('lane hover card text', () => {
  it('gives exact times, the interval asked and waited, outcome and token link', () => {
    const events = [
      ...chain(3),
      ev(3, { tokenIn: 't1', tokenOut: 't3', sentAt: chain(4)[3]!.sentAt - 5_000 }),
    ];
    const lines = laneTooltipLines(
      events,
      { index: 3, first: 2, last: 3 },
      events,
      3,
      NO_FLAGS,
      'stale',
      undefined,
    );
    const e = events[3]!;
    expect(lines[0]).toBe('#3 poll · Unchanged');
    expect(lines[1]).toBe(
      `sent ${formatClock(e.sentAt)} · answered ${formatClock(e.answeredAt)} (40 ms)`,
    );
    expect(lines[2]).toBe('asked to wait 15 s · waited 9.96 s (early)');
    expect(lines[3]).toBe('token t1 → t3 · a newer token had been issued (stale token)');
    expect(lines[4]).toBe('2 polls (#2–#3) share this pixel: zoom in to tell them apart');
  });
});
