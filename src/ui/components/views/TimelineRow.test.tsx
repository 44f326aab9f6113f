import { describe, expect, it } from 'vitest';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import { formatClock, formatDateTime } from './format.js';
import { TimelineRow } from './TimelineRow.js';
import { chain, T0 } from './testEvents.js';
import { render } from './testRender.js';
import { buildRow } from './timelineRows.js';

const flag = (rule: Anomaly['rule'], title: string, severity: Anomaly['severity']): Anomaly => ({
  id: `${rule}:2`,
  rule,
  severity,
  sessionId: 's1',
  seq: 2,
  title,
  explanation: 'Why.',
  fix: 'How.',
});

async function renderRow(timeOrigin?: number, flags: Anomaly[] = []) {
  const events = chain(3);
  const model = buildRow(events, 2, new Map([[2, flags]]))!;
  return render(
    <div role="grid">
      <TimelineRow
        id="r2"
        row={model}
        rowIndex={3}
        selected={false}
        onSelect={() => undefined}
        timeOrigin={timeOrigin}
      />
    </div>,
  );
}

describe('TimelineRow', () => {
  it('shows Sent relative to the session start when given one, with the clock time in its title', async () => {
    const view = await renderRow(T0);
    const sent = view.container.querySelector<HTMLElement>('.cell-time')!;
    expect(sent.textContent).toBe('+0:30.000');
    expect(sent.title).toBe(`+0:30.000 after the session started (${formatDateTime(T0 + 30_000)})`);
    await view.unmount();
  });

  it('shows Sent as a clock time without one', async () => {
    const view = await renderRow(undefined);
    expect(view.container.querySelector('.cell-time')?.textContent).toBe(formatClock(T0 + 30_000));
    await view.unmount();
  });

  it('abbreviates the content type and keeps the full one in the title', async () => {
    const view = await renderRow();
    const type = view.container.querySelector<HTMLElement>('.cell-type')!;
    expect(type.textContent).toBe('json');
    expect(type.title).toBe('application/json');
    await view.unmount();
  });

  it('shows the most severe flag as a chip and names the others behind "+n"', async () => {
    const view = await renderRow(undefined, [
      flag('tokenReused', 'Token reused', 'error'),
      flag('polledTooEarly', 'Polled too early', 'warning'),
      flag('staleToken', 'Stale token', 'warning'),
    ]);
    const chips = view.container.querySelectorAll('.flag-chip');
    expect(Array.from(chips, (c) => c.textContent)).toEqual(['Token reused']);
    const more = view.container.querySelector<HTMLElement>('.flag-more')!;
    expect(more.textContent).toBe('+2 more: Polled too early, Stale token');
    expect(more.title).toBe('Polled too early\nStale token');
    await view.unmount();
  });

  it('labels the cells for the stacked card layout', async () => {
    const view = await renderRow();
    const labels = Array.from(
      view.container.querySelectorAll<HTMLElement>('[data-label]'),
      (c) => c.dataset.label,
    );
    expect(labels).toEqual(['Sent', 'Call', 'Token', 'Asked / waited', 'Type', 'Size', 'Latency']);
    await view.unmount();
  });
});
