// A deployment row's time follows the timeline's time display, as the poll rows' Sent column does.
import { describe, expect, it } from 'vitest';
import type { DeploymentMarker } from '../../../core/deploymentMarkers.js';
import { DeploymentRow } from './DeploymentRow.js';
import { formatClock } from './format.js';
import { render } from './testRender.js';

const marker: DeploymentMarker = {
  at: Date.UTC(2026, 11, 1, 12, 0, 14, 963),
  deploymentNumber: 3,
  kind: 'started',
  label: 'Deployment #3 of v2 started',
};

describe('DeploymentRow', () => {
  it('shows the clock time, or the time since the session started with the clock time as its tooltip', async () => {
    const absolute = await render(<DeploymentRow marker={marker} rowIndex={2} columns={11} />);
    const clock = absolute.container.querySelector('.deployment-time');
    expect(clock?.textContent).toBe(formatClock(marker.at));
    expect(clock?.hasAttribute('title')).toBe(false);
    absolute.unmount();

    const origin = Date.UTC(2026, 11, 1, 12, 0, 0, 0);
    const relative = await render(
      <DeploymentRow marker={marker} rowIndex={2} columns={11} timeOrigin={origin} />,
    );
    const since = relative.container.querySelector('.deployment-time');
    expect(since?.textContent).toBe('+0:14.963');
    expect(since?.getAttribute('title')).toBe(formatClock(marker.at));
    relative.unmount();
  });
});
