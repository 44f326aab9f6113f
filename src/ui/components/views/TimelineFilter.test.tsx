import { describe, expect, it } from 'vitest';
import { act, useState } from 'react';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import type { PollEvent } from '../../../core/ledger.js';
import type { SessionSummary } from '../../../protocol/messages.js';
import { Timeline } from './Timeline.js';
import { chain, ev } from './testEvents.js';
import { click, render } from './testRender.js';

const session: SessionSummary = {
  id: 's1',
  origin: 'inspector',
  applicationIdentifier: 'app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'flags',
  backend: 'emulator',
  startedAt: 0,
  state: 'polling',
  pollCount: 0,
};

const early = (seq: number): Anomaly => ({
  id: `polledTooEarly:${seq}`,
  rule: 'polledTooEarly',
  severity: 'warning',
  sessionId: 's1',
  seq,
  title: 'Polled too early',
  explanation: 'Sent before the interval.',
  fix: 'Wait for the interval.',
});

/** 0 start, 1–5 unchanged polls (2 and 4 flagged early), 6 a throttled poll. */
const events: PollEvent[] = [
  ...chain(6),
  ev(6, {
    tokenIn: 't5',
    outcome: { type: 'error', errorName: 'ThrottlingException', message: 'Rate exceeded' },
  }),
];
const anomalies = [early(2), early(4)];

function Harness({ selectedAt }: { selectedAt?: number }) {
  const [selected, setSelected] = useState<number | undefined>(selectedAt);
  return (
    <Timeline
      session={session}
      events={events}
      anomalies={anomalies}
      selectedSeq={selected}
      onSelect={setSelected}
    />
  );
}

const rowSeqs = (root: HTMLElement) =>
  Array.from(root.querySelectorAll<HTMLElement>('[role="row"][data-seq]')).map((r) =>
    Number(r.dataset.seq),
  );
const laneSeqs = (root: HTMLElement) =>
  Array.from(root.querySelectorAll<SVGGElement>('[data-lane-seq]')).map((g) =>
    Number(g.dataset.laneSeq),
  );
const chip = (root: HTMLElement, name: RegExp) =>
  Array.from(root.querySelectorAll<HTMLButtonElement>('.filter-chip')).find((b) =>
    name.test(b.textContent ?? ''),
  );
const search = (root: HTMLElement) => root.querySelector<HTMLInputElement>('input[type="search"]')!;
const status = (root: HTMLElement) => root.querySelector('.filter-status')?.textContent;

/** Types into a React-controlled input: the native setter, then the input event React listens for. */
async function type(input: HTMLInputElement, text: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function press(target: EventTarget, key: string) {
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

describe('Timeline filter', () => {
  it('choosing a flag narrows the rows and the lanes to the flagged polls, with counts', async () => {
    const view = await render(<Harness />);
    expect(status(view.container)).toBe('7 of 7 polls');
    const flagChip = chip(view.container, /^Polled too early/);
    expect(flagChip?.textContent).toBe('Polled too early (2)');
    expect(chip(view.container, /^Error/)?.textContent).toBe('Error (1)');

    await click(flagChip);
    expect(flagChip?.getAttribute('aria-pressed')).toBe('true');
    expect(rowSeqs(view.container)).toEqual([2, 4]);
    expect(laneSeqs(view.container)).toEqual([2, 4]);
    expect(status(view.container)).toBe('2 of 7 polls');
    // Under the flag, outcome chips count only flagged polls.
    expect(chip(view.container, /^Unchanged/)?.textContent).toBe('Unchanged (2)');
    await view.unmount();
  });

  it('a shown row still compares its wait with the real previous call, not the previous shown one', async () => {
    const view = await render(<Harness />);
    await click(chip(view.container, /^Polled too early/));
    // Poll 4 follows poll 3 (hidden) by 15 s; against poll 2 it would read 30 s.
    expect(view.container.querySelector('[data-seq="4"]')?.textContent).toContain('15 s / 14.96 s');
    await view.unmount();
  });

  it('search by error name keeps the failed poll; no match says so; Clear filters restores all', async () => {
    const view = await render(<Harness />);
    await type(search(view.container), 'throttling');
    expect(rowSeqs(view.container)).toEqual([6]);
    expect(laneSeqs(view.container)).toEqual([6]);
    await type(search(view.container), 'nothing-like-this');
    expect(rowSeqs(view.container)).toEqual([]);
    expect(view.container.textContent).toContain('No polls match the filter.');
    expect(status(view.container)).toBe('0 of 7 polls');

    const clear = Array.from(view.container.querySelectorAll('button')).find(
      (b) => b.textContent === 'Clear filters',
    );
    await click(clear);
    expect(search(view.container).value).toBe('');
    expect(rowSeqs(view.container)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(clear?.disabled).toBe(true);
    await view.unmount();
  });

  it('"/" focuses the search box, but not while typing in another field', async () => {
    const view = await render(<Harness />);
    const other = document.createElement('input');
    document.body.append(other);
    other.focus();
    await press(other, '/');
    expect(document.activeElement).toBe(other);

    other.blur();
    await press(document.body, '/');
    expect(document.activeElement).toBe(search(view.container));
    other.remove();
    await view.unmount();
  });

  it('↑/↓ move through the shown polls only', async () => {
    const view = await render(<Harness selectedAt={2} />);
    await click(chip(view.container, /^Polled too early/));
    const grid = view.container.querySelector('[role="grid"]')!;
    await press(grid, 'ArrowDown');
    expect(view.container.querySelector('[role="row"].selected')?.getAttribute('data-seq')).toBe(
      '4',
    );
    await press(grid, 'ArrowUp');
    expect(view.container.querySelector('[role="row"].selected')?.getAttribute('data-seq')).toBe(
      '2',
    );
    await view.unmount();
  });
});
