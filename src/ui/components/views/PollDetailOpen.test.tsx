// How the timeline opens the poll detail pane: Enter on the grid opens the selected poll, a double-click
// opens the row clicked (Timeline's onOpen prop; the shell then renders PollDetail).
import { act, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { SessionSummary } from '../../../protocol/messages.js';
import { Timeline } from './Timeline.js';
import { chain } from './testEvents.js';
import { render } from './testRender.js';

const session: SessionSummary = {
  id: 's1',
  origin: 'inspector',
  applicationIdentifier: 'app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'flags',
  backend: 'emulator',
  startedAt: 0,
  state: 'polling',
  pollCount: 5,
};

function Harness({ onOpen }: { onOpen: (seq: number) => void }) {
  const [selected, setSelected] = useState<number | undefined>(undefined);
  return (
    <Timeline
      session={session}
      events={chain(5)}
      anomalies={[]}
      selectedSeq={selected}
      onSelect={setSelected}
      onOpen={onOpen}
    />
  );
}

const key = (el: Element, k: string) =>
  act(async () => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });

describe('opening a poll from the timeline', () => {
  it('opens the poll ↑/↓ selected when Enter is pressed on the grid, and nothing before a selection', async () => {
    const onOpen = vi.fn();
    const view = await render(<Harness onOpen={onOpen} />);
    const grid = view.container.querySelector('[role="grid"]')!;
    await key(grid, 'Enter');
    expect(onOpen).not.toHaveBeenCalled();
    await key(grid, 'ArrowUp');
    await key(grid, 'ArrowUp');
    await key(grid, 'Enter');
    expect(onOpen).toHaveBeenCalledExactlyOnceWith(3);
  });

  it('opens the row that is double-clicked', async () => {
    const onOpen = vi.fn();
    const view = await render(<Harness onOpen={onOpen} />);
    const cell = view.container.querySelector('[role="row"][data-seq="2"] [role="gridcell"]')!;
    await act(async () => {
      cell.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    });
    expect(onOpen).toHaveBeenCalledExactlyOnceWith(2);
  });
});
