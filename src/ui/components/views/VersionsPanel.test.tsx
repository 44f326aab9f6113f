import { describe, expect, it, vi } from 'vitest';
import { useState } from 'react';
import type { PollEvent } from '../../../core/ledger.js';
import { VersionsPanel } from './VersionsPanel.js';
import { ev } from './testEvents.js';
import { click, render } from './testRender.js';

const content = (
  seq: number,
  hash: string,
  label: string,
  trigger: PollEvent['trigger'] = 'schedule',
) =>
  ev(seq, {
    trigger,
    outcome: {
      type: 'content',
      contentHash: hash,
      versionLabel: label,
      contentType: 'application/json',
      size: 100 + seq,
    },
  });

const events: PollEvent[] = [
  ev(0, { outcome: { type: 'started' } }),
  content(1, 'h1', 'v1'),
  ev(2),
  content(3, 'h2', 'v2'),
  content(4, 'h3', 'v3'),
  // A rollback serves v1 again: still three versions, and v1 is current.
  content(5, 'h1', 'v1'),
];

function Harness({ onCompare }: { onCompare: () => void }) {
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <VersionsPanel
      events={events}
      selected={selected}
      onSelectedChange={setSelected}
      onCompare={onCompare}
    />
  );
}

const box = (root: HTMLElement, label: string) =>
  root.querySelector<HTMLInputElement>(`input[aria-label="Compare ${label}"]`);
const compareButton = (root: HTMLElement) =>
  Array.from(root.querySelectorAll('button')).find(
    (b) => b.textContent === 'Compare',
  ) as HTMLButtonElement;

describe('VersionsPanel', () => {
  it('lists each distinct version once, in first-seen order, marking the current one', async () => {
    const view = await render(<Harness onCompare={() => undefined} />);
    const rows = Array.from(view.container.querySelectorAll('tbody tr'));
    expect(rows.map((r) => r.querySelector('td:nth-child(2)')?.textContent)).toEqual([
      'v1current',
      'v2',
      'v3',
    ]);
    expect(rows[1]?.textContent).toContain('poll #3');
    expect(rows[1]?.textContent).toContain('103 B');
    expect(rows[1]?.textContent).toContain('application/json');
    await view.unmount();
  });

  it('enables Compare only with two chosen, and a third choice replaces the oldest', async () => {
    const onCompare = vi.fn();
    const view = await render(<Harness onCompare={onCompare} />);
    const root = view.container;
    expect(compareButton(root).disabled).toBe(true);
    await click(box(root, 'v1'));
    expect(compareButton(root).disabled).toBe(true);
    await click(box(root, 'v2'));
    expect(compareButton(root).disabled).toBe(false);
    await click(box(root, 'v3'));
    expect([box(root, 'v1')?.checked, box(root, 'v2')?.checked, box(root, 'v3')?.checked]).toEqual([
      false,
      true,
      true,
    ]);
    await click(compareButton(root));
    expect(onCompare).toHaveBeenCalledTimes(1);
    await click(box(root, 'v3'));
    expect(compareButton(root).disabled).toBe(true);
    await view.unmount();
  });

  it('says so when no configuration has arrived', async () => {
    const view = await render(
      <VersionsPanel
        events={[ev(0, { outcome: { type: 'started' } })]}
        selected={[]}
        onSelectedChange={() => undefined}
        onCompare={() => undefined}
      />,
    );
    expect(view.container.textContent).toContain('No configuration received yet.');
    expect(view.container.querySelector('table')).toBeNull();
    await view.unmount();
  });
});
