// The timeline with a deployment on it: markers and receipts come from the core functions over an event log
// shaped like the emulator's (the views' tests have no service; the shell test reads them through one).
import { describe, expect, it } from 'vitest';
import { act, useState } from 'react';
import { deploymentMarkers, type DeploymentInput } from '../../../core/deploymentMarkers.js';
import { deploymentReceipts } from '../../../core/deploymentReceipts.js';
import type { PollEvent } from '../../../core/ledger.js';
import type { SessionSummary } from '../../../protocol/messages.js';
import { Timeline } from './Timeline.js';
import { chain, ev, T0 } from './testEvents.js';
import { click, render } from './testRender.js';

const session: SessionSummary = {
  id: 's1',
  origin: 'observed',
  applicationIdentifier: 'shop',
  environmentIdentifier: 'prod',
  configurationProfileIdentifier: 'flags',
  backend: 'emulator',
  startedAt: T0,
  state: 'polling',
  pollCount: 7,
};

const at = (s: number) => T0 + s * 1000;
const content = (label: string) => ({
  type: 'content' as const,
  versionLabel: label,
  contentType: 'application/json',
  size: 8,
  contentHash: `h-${label}`,
});

/** Polls every 15 s: v1 at #1, v2 at #4 (60 s), after the deployment reached 50% at 50 s. */
const events: PollEvent[] = chain(8).map((e) =>
  e.seq === 1
    ? ev(1, { ...e, outcome: content('v1') })
    : e.seq === 4
      ? ev(4, { ...e, outcome: content('v2') })
      : e,
);

const deployment: DeploymentInput = {
  deploymentNumber: 3,
  state: 'COMPLETE',
  percentageComplete: 100,
  versionLabel: 'v2',
  deploymentStrategyId: 'AppConfig.Linear50PercentEvery30Seconds',
  startedAt: at(35),
  eventLog: [
    { eventType: 'DEPLOYMENT_STARTED', occurredAt: at(35) },
    {
      eventType: 'PERCENTAGE_UPDATED',
      description: 'Configuration available to 50.00% of clients',
      occurredAt: at(50),
    },
    {
      eventType: 'PERCENTAGE_UPDATED',
      description: 'Configuration available to 100.00% of clients',
      occurredAt: at(65),
    },
    { eventType: 'BAKE_TIME_STARTED', occurredAt: at(65) },
    { eventType: 'DEPLOYMENT_COMPLETED', occurredAt: at(95) },
  ],
};
/** The same deployment stopped at 70 s, after this session got v2 at #4; v1 comes back at #5 (75 s). */
const stopped: DeploymentInput = {
  ...deployment,
  state: 'ROLLED_BACK',
  percentageComplete: 50,
  eventLog: [
    ...deployment.eventLog.slice(0, 2),
    { eventType: 'ROLLBACK_STARTED', occurredAt: at(70) },
    { eventType: 'ROLLBACK_COMPLETED', occurredAt: at(70) },
  ],
};
const backAgain = events.map((e) => (e.seq === 5 ? ev(5, { ...e, outcome: content('v1') }) : e));

function Harness({
  d = deployment,
  ledger = events,
}: {
  d?: DeploymentInput;
  ledger?: PollEvent[];
}) {
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const markers = deploymentMarkers([d]);
  const receipts = deploymentReceipts(ledger, [d]);
  return (
    <Timeline
      session={session}
      events={ledger}
      anomalies={[]}
      selectedSeq={selected}
      onSelect={setSelected}
      markers={markers}
      receipts={receipts}
    />
  );
}

/** Each grid row as '#seq' or its deployment label, in DOM order. */
const gridRows = (root: HTMLElement) =>
  [...root.querySelectorAll<HTMLElement>('.timeline-body [role="row"]')].map((r) =>
    r.dataset.seq !== undefined
      ? `#${r.dataset.seq}`
      : (r.querySelector('.deployment-label')?.textContent ?? '?'),
  );

/** Renders scrolled to the top: the grid follows the newest row, and happy-dom has no layout to fit all 13. */
async function renderAtTop(ui = <Harness />) {
  const view = await render(ui);
  const body = view.container.querySelector<HTMLElement>('.timeline-body')!;
  await act(async () => {
    body.scrollTop = 0;
    body.dispatchEvent(new Event('scroll'));
  });
  return view;
}

describe('Timeline with a deployment', () => {
  it('shows each deployment event as a row between the polls it happened between', async () => {
    const view = await renderAtTop();
    expect(gridRows(view.container)).toEqual([
      '#0',
      '#1',
      '#2',
      'Deployment #3 of v2 started (AppConfig.Linear50PercentEvery30Seconds)',
      '#3',
      'Deployment #3 at 50%',
      '#4',
      'Deployment #3 at 100%',
      'Deployment #3 baking',
      '#5',
      '#6',
      'Deployment #3 complete',
      '#7',
    ]);
    const grid = view.container.querySelector('[role="grid"]');
    expect(grid?.getAttribute('aria-rowcount')).toBe(String(8 + 5 + 1));
    expect(view.container.querySelector('.deployment-complete')?.textContent).toContain(
      'Deployment #3 complete',
    );
    await view.unmount();
  });

  it('marks the poll that received the new version, on its row and on the lane', async () => {
    const view = await renderAtTop();
    const chip = view.container.querySelector('[data-seq="4"] .receipt-chip');
    // The version is the next column; the chip's tooltip names it with the deployment.
    expect(chip?.textContent).toBe('received here');
    expect(chip?.getAttribute('title')).toMatch(/^Received v2 here \(deployment #\d+\)$/);
    expect(view.container.querySelectorAll('.receipt-chip')).toHaveLength(1);
    const ring = view.container.querySelector('[data-lane-receipt="4"]');
    expect(ring?.querySelector('title')?.textContent).toBe('Received v2 here (deployment #3)');
    await view.unmount();
  });

  it('draws one lane mark per place between polls, naming every event there', async () => {
    const view = await renderAtTop();
    const marks = [...view.container.querySelectorAll<SVGGElement>('[data-lane-deployment]')].map(
      (g) => [g.dataset.laneDeployment, g.querySelector('title')?.textContent],
    );
    expect(marks).toEqual([
      ['3', 'Deployment #3 of v2 started (AppConfig.Linear50PercentEvery30Seconds)'],
      ['4', 'Deployment #3 at 50%'],
      ['5', 'Deployment #3 at 100%\nDeployment #3 baking'],
      ['7', 'Deployment #3 complete'],
    ]);
    await view.unmount();
  });

  it('moves the keyboard selection from poll to poll, past the deployment rows', async () => {
    const view = await renderAtTop();
    await click(view.container.querySelector('[data-seq="2"]'));
    await act(async () => {
      view.container
        .querySelector('[role="grid"]')
        ?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    });
    expect(view.container.querySelector('[data-seq="3"]')?.getAttribute('aria-selected')).toBe(
      'true',
    );
    expect(view.container.querySelectorAll('[aria-selected="true"]')).toHaveLength(1);
    await view.unmount();
  });

  it('shows a rollback, and the poll that got the old version back', async () => {
    const view = await renderAtTop(<Harness d={stopped} ledger={backAgain} />);
    expect(gridRows(view.container).slice(6)).toEqual([
      '#4',
      'Deployment #3 rolling back',
      'Deployment #3 rolled back',
      '#5',
      '#6',
      '#7',
    ]);
    expect(view.container.querySelector('.deployment-rolledBack')).not.toBeNull();
    const chips = [...view.container.querySelectorAll<HTMLElement>('.receipt-chip')];
    expect(
      chips.map((c) => [
        c.closest<HTMLElement>('[data-seq]')?.dataset.seq,
        c.textContent,
        c.getAttribute('title'),
      ]),
    ).toEqual([
      ['4', 'received here', 'Received v2 here (deployment #3)'],
      ['5', 'back here', 'Got v1 back here (deployment #3 rolled back)'],
    ]);
    expect(
      view.container.querySelector('[data-seq="5"] .cell-outcome')?.getAttribute('title'),
    ).toBe('New content · Got v1 back here (deployment #3 rolled back)');
    await view.unmount();
  });
});
