import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { FleetChart } from './FleetChart.js';
import { percentSteps } from './fleetChartModel.js';
import { DEPLOYMENT, fleetSnapshot, V1, V2 } from './testFleet.js';

const labels = { [V1]: 'v1', [V2]: 'v2' };
// Four members, two of which took v2 at the 50% step (testFleet.ts); series from core's rolloutSeries.
const samples = fleetSnapshot().series;
const percent = percentSteps(DEPLOYMENT.eventLog);

let root: Root | undefined;
let container: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
});

async function render(ui: React.ReactNode) {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root!.render(ui));
  return container;
}

describe('FleetChart', () => {
  it('is a picture named by the current split, with a stacked band per version and the percent line', async () => {
    const c = await render(
      <FleetChart samples={samples} labels={labels} percent={percent} size={4} />,
    );
    const svg = c.querySelector('svg[role="img"]')!;
    expect(svg.getAttribute('aria-label')).toBe(
      'Fleet of 4 members: 2 hold v2, 2 hold v1. The deployment is at 50%.',
    );
    expect([...c.querySelectorAll('path.fleet-band')].map((p) => p.getAttribute('class'))).toEqual([
      'fleet-band fleet-c0',
      'fleet-band fleet-c1',
      'fleet-band fleet-none',
    ]);
    expect(c.querySelector('path.fleet-percent')?.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+H/);
    // Time labels under the plot, member and percent scales beside it.
    const axis = [...c.querySelectorAll('text.fleet-axis')].map((t) => t.textContent);
    expect(axis).toContain('100%');
    expect(axis).toContain('4');
    expect(axis.some((t) => /^\d\d:\d\d(:\d\d)?$/.test(t ?? ''))).toBe(true);
  });

  it('has a legend naming each version with how many members hold it now', async () => {
    const c = await render(
      <FleetChart samples={samples} labels={labels} percent={percent} size={4} />,
    );
    const legend = [...c.querySelectorAll('.fleet-legend li')].map((li) => li.textContent);
    expect(legend).toEqual(['No configuration yet0 of 4', 'v12 of 4', 'v22 of 4', 'Deployment50%']);
  });

  it('shows exact counts and the percentage under the pointer, and hides them when it leaves', async () => {
    const c = await render(
      <FleetChart samples={samples} labels={labels} percent={percent} size={4} />,
    );
    const svg = c.querySelector('svg')!;
    // Unmeasured in happy-dom, the chart is 640 px wide: the plot runs from 40 to 596 over 180 s, so 100 s
    // into the fleet's life is x ≈ 349, nearest to the 105 s sample.
    await act(async () => {
      svg.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, clientX: 349 }));
    });
    const box = c.querySelector('.fleet-hover')!;
    expect([...box.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'No configuration yet: 0',
      'v1: 2',
      'v2: 2',
    ]);
    expect(box.textContent).toContain('Deployment: 50%');
    expect(c.querySelector('line.fleet-crosshair')).not.toBeNull();
    await act(async () => {
      svg.dispatchEvent(new PointerEvent('pointerout', { bubbles: true, clientX: 700 }));
    });
    expect(c.querySelector('.fleet-hover')).toBeNull();
  });

  it('walks the samples with the arrow keys', async () => {
    const c = await render(
      <FleetChart samples={samples} labels={labels} percent={percent} size={4} />,
    );
    const box = c.querySelector<HTMLElement>('.fleet-chart-box')!;
    const key = (k: string) =>
      act(async () => {
        box.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      });
    await key('Home');
    // At T0 nobody has polled: all four hold nothing, and the deployment has not started.
    expect(c.querySelector('.fleet-hover li')?.textContent).toBe('No configuration yet: 4');
    expect(c.querySelector('.fleet-hover')?.textContent).not.toContain('Deployment');
    // A refetch brings a longer series (the fleet ran on): the read-out stays on the moment chosen.
    const later = [...samples, { ...samples.at(-1)!, at: samples.at(-1)!.at + 15_000 }];
    await act(async () =>
      root!.render(<FleetChart samples={later} labels={labels} percent={percent} size={4} />),
    );
    expect(c.querySelector('.fleet-hover li')?.textContent).toBe('No configuration yet: 4');
    await key('End');
    expect(c.querySelector('.fleet-hover')?.textContent).toContain('v2: 2');
    await key('Escape');
    expect(c.querySelector('.fleet-hover')).toBeNull();
  });

  it('says so when no member has polled', async () => {
    const c = await render(<FleetChart samples={[]} labels={{}} percent={[]} />);
    expect(c.querySelector('svg')?.getAttribute('aria-label')).toBe(
      'Fleet chart: no members have polled yet.',
    );
    expect(c.querySelectorAll('path')).toHaveLength(0);
  });
});
