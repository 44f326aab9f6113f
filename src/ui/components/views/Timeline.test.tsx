import { describe, expect, it } from 'vitest';
import { act, useState } from 'react';
import type { Anomaly } from '../../../core/anomalyTypes.js';
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

const reused: Anomaly = {
  id: 'tokenReused:3',
  rule: 'tokenReused',
  severity: 'warning',
  sessionId: 's1',
  seq: 3,
  title: 'Token reused',
  explanation: 'The token was already sent.',
  fix: 'Use each token once.',
};

function Harness({
  events,
  anomalies = [],
}: {
  events: ReturnType<typeof chain>;
  anomalies?: Anomaly[];
}) {
  const [selected, setSelected] = useState<number | undefined>(undefined);
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

const dataRows = (root: HTMLElement) =>
  Array.from(root.querySelectorAll<HTMLElement>('[role="row"][data-seq]'));

describe('Timeline', () => {
  it('renders only a window of rows for 10,000 polls, starting at the newest', async () => {
    const view = await render(<Harness events={chain(10_000)} />);
    const rows = dataRows(view.container);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows.map((r) => r.dataset.seq)).toContain('9999');
    expect(view.container.querySelector('[role="grid"]')?.getAttribute('aria-rowcount')).toBe(
      '10001',
    );
    await view.unmount();
  });

  it('shows outcome, asked/waited and flag chips on the row of their seq', async () => {
    const events = [
      ...chain(3),
      ev(3, {
        tokenIn: 't1',
        tokenOut: 't3',
        outcome: {
          type: 'content',
          versionLabel: 'v2',
          contentType: 'application/json',
          size: 2048,
          contentHash: 'h2',
        },
      }),
    ];
    const view = await render(<Harness events={events} anomalies={[reused]} />);
    const row = view.container.querySelector<HTMLElement>('[data-seq="3"]');
    expect(row?.textContent).toContain('New content');
    expect(row?.textContent).toContain('v2');
    expect(row?.textContent).toContain('2.0 KiB');
    expect(row?.textContent).toContain('15 s / 14.96 s');
    expect(row?.querySelector('.flag-chip')?.textContent).toBe('Token reused');
    expect(view.container.querySelector('[data-seq="2"] .flag-chip')).toBeNull();
    expect(view.container.querySelector('[data-seq="2"]')?.textContent).toContain('Unchanged');
    // The reused token shows the same chip (text and hue) as where it was issued.
    const reusedChip = row?.querySelector<HTMLElement>('.token-chip');
    const issuedChip = view.container.querySelectorAll<HTMLElement>(
      '[data-seq="1"] .token-chip',
    )[1];
    expect(reusedChip?.textContent).toBe(issuedChip?.textContent);
    expect(reusedChip?.style.getPropertyValue('--token-hue')).toBe(
      issuedChip?.style.getPropertyValue('--token-hue'),
    );
    await view.unmount();
  });

  it('marks a start that replaced a lost chain as a restart, with its reason', async () => {
    const events = [
      ...chain(3),
      ev(3, {
        kind: 'start',
        trigger: 'schedule',
        tokenOut: 't9',
        restartReason: 'token corrupted: start a new session',
        outcome: { type: 'started' },
      }),
    ];
    const view = await render(<Harness events={events} />);
    const call = view.container.querySelector<HTMLElement>('[data-seq="3"] .cell-call');
    expect(call?.textContent).toBe('restart');
    expect(call?.title).toBe('New session: token corrupted: start a new session');
    expect(view.container.querySelector('[data-seq="0"] .cell-call')?.textContent).toBe('start');
    await view.unmount();
  });

  it('selects a row on click and moves the selection with the arrow keys', async () => {
    const view = await render(<Harness events={chain(20)} />);
    const row = view.container.querySelector('[data-seq="17"]');
    expect(row?.getAttribute('aria-selected')).toBe('false');
    await click(row);
    expect(view.container.querySelector('[data-seq="17"]')?.getAttribute('aria-selected')).toBe(
      'true',
    );
    const grid = view.container.querySelector('[role="grid"]');
    await act(async () => {
      grid?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    });
    expect(view.container.querySelector('[data-seq="16"]')?.getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(view.container.querySelector('[data-seq="17"]')?.getAttribute('aria-selected')).toBe(
      'false',
    );
    expect(view.container.querySelectorAll('[aria-selected="true"]')).toHaveLength(1);
    await view.unmount();
  });

  it('keeps following new polls while at the bottom', async () => {
    const view = await render(<Harness events={chain(500)} />);
    expect(dataRows(view.container).map((r) => r.dataset.seq)).toContain('499');
    await view.rerender(<Harness events={chain(520)} />);
    expect(dataRows(view.container).map((r) => r.dataset.seq)).toContain('519');
    await view.unmount();
  });

  it('stops following once the user scrolls up to read history', async () => {
    const view = await render(<Harness events={chain(500)} />);
    const body = view.container.querySelector<HTMLElement>('.timeline-body');
    await act(async () => {
      if (body) body.scrollTop = 0;
      body?.dispatchEvent(new Event('scroll'));
    });
    await view.rerender(<Harness events={chain(520)} />);
    const seqs = dataRows(view.container).map((r) => r.dataset.seq);
    expect(seqs).toContain('0');
    expect(seqs).not.toContain('519');
    await view.unmount();
  });

  it('scrolls a row selected elsewhere (a flag, a lane column) into view', async () => {
    const events = chain(10_000);
    const props = { session, events, anomalies: [], onSelect: () => undefined };
    const view = await render(<Timeline {...props} selectedSeq={undefined} />);
    expect(view.container.querySelector('[role="row"][data-seq="42"]')).toBeNull();
    await view.rerender(<Timeline {...props} selectedSeq={42} />);
    expect(
      view.container.querySelector('[role="row"][data-seq="42"]')?.getAttribute('aria-selected'),
    ).toBe('true');
    await view.unmount();
  });

  it('draws the token lane for the visible window only', async () => {
    const view = await render(<Harness events={chain(10_000)} />);
    const columns = view.container.querySelectorAll('.timeline-lanes g[data-lane-seq]');
    expect(columns.length).toBeGreaterThan(5);
    expect(columns.length).toBeLessThan(100);
    await view.unmount();
  });
});
