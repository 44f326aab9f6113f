import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  PROTOCOL_VERSION,
  ProtocolError,
  type FleetSummary,
  type StartFleetParams,
} from '../../../protocol/messages.js';
import {
  byLabel,
  byRole,
  click,
  createInMemoryClient,
  memoryStore,
  renderWithProviders,
  T0,
  typeInto,
  waitFor,
  type Handlers,
  type Rendered,
} from '../../testSupport.js';
import { INITIAL_UI_STATE, serializeUiState, type UiState } from '../../uiState.js';
import { fakeAppConfig } from '../deployments/testDeployments.js';
import { SessionForm } from '../shell/SessionForm.js';
import { SessionList } from '../shell/SessionList.js';
import { SessionWorkspace } from '../shell/SessionWorkspace.js';
import { DEPLOYMENT, fleetSnapshot, fleetSummary, memberSnapshot, V2 } from './testFleet.js';

// Monaco takes seconds to load in happy-dom; the Deployments view's editors are stood in for (Playwright
// covers the real one).
vi.mock('../deployments/CodeEditor.js', async () => ({
  default: (await import('../deployments/testDeployments.js')).StandInEditor,
}));

const backend = { kind: 'emulator', region: 'eu-west-1', canListResources: false } as const;

let view: Rendered | undefined;
afterEach(() => view?.unmount());

/** The sidebar and main area against a stand-in service holding one running fleet of four. */
async function mount(stored?: UiState, handlers: Handlers = {}) {
  let fleets: FleetSummary[] = [fleetSummary()];
  const find = (fleetId: string) => fleets.find((f) => f.id === fleetId)!;
  const remote = createInMemoryClient({
    ...fakeAppConfig().handlers,
    hello: () => ({ protocolVersion: PROTOCOL_VERSION, backend }),
    listSessions: () => [],
    listFleets: () => fleets,
    getFleet: ({ fleetId }) => {
      if (!find(fleetId)) throw new ProtocolError('notFound', `No fleet ${fleetId}.`);
      return fleetSnapshot(find(fleetId));
    },
    getSession: ({ sessionId }) => {
      if (!sessionId.startsWith('m'))
        throw new ProtocolError('notFound', `No session ${sessionId}.`);
      return memberSnapshot(sessionId);
    },
    listDeployments: () => [DEPLOYMENT],
    getDeployment: () => DEPLOYMENT,
    startFleet: (p: StartFleetParams) => {
      const fleet = fleetSummary({ id: 'f2', size: p.size, startedAt: T0 + 1, state: 'starting' });
      fleets = [fleet, ...fleets];
      return fleet;
    },
    stopFleet: ({ fleetId }) => {
      fleets = fleets.map((f) => (f.id === fleetId ? { ...f, state: 'stopped' as const } : f));
      return find(fleetId);
    },
    deleteFleet: ({ fleetId }) => {
      fleets = fleets.filter((f) => f.id !== fleetId);
      return { deleted: true };
    },
    ...handlers,
  });
  view = await renderWithProviders(
    <>
      <SessionForm />
      <SessionList />
      <SessionWorkspace />
    </>,
    remote.client,
    memoryStore(stored && serializeUiState(stored)),
  );
  return { c: view.container, remote };
}

const row = (c: HTMLElement, id: string) =>
  c.querySelector<HTMLElement>(`[data-fleet-id="${id}"]`) ?? expect.fail(`no fleet row ${id}`);

describe('the fleet in the session list and its view', () => {
  it('lists the fleet once with its size and split, and opens it with the chart and members', async () => {
    const { c } = await mount();
    const entry = await waitFor(() => {
      const r = row(c, 'f1');
      expect(r.textContent).toContain('2 × v1 · 2 × v2');
      return r;
    });
    expect(c.querySelectorAll('[role="option"]')).toHaveLength(1);
    expect(entry.textContent).toContain('fleet of 4');
    await click(entry);
    const chart = await waitFor(() => {
      const svg = c.querySelector('svg[role="img"]') ?? expect.fail('no chart');
      // The deployment's percentage is overlaid once its event log has been read.
      expect(svg.getAttribute('aria-label')).toContain('The deployment is at 50%.');
      return svg;
    });
    expect(chart.getAttribute('aria-label')).toMatch(
      /^Fleet of 4 members: 2 hold v\d, 2 hold v\d\./,
    );
    expect(entry.getAttribute('aria-selected')).toBe('true');
    expect(c.textContent).toContain('Deployment #1 of v2: DEPLOYING');
    // Lagging members (not on the deployment's v2) come first.
    const firstRows = [...c.querySelectorAll('.fleet-member-table tbody tr')].map((tr) =>
      tr.getAttribute('data-session-id'),
    );
    expect(firstRows).toEqual(['m3', 'm4', 'm1', 'm2']);
  });

  it('opens a member as a normal session and goes back to its fleet', async () => {
    const { c } = await mount();
    await click(await waitFor(() => row(c, 'f1')));
    await click(await waitFor(() => byRole(c, 'button', 'Open member 3')));
    const heading = await waitFor(
      () => c.querySelector('#session-title') ?? expect.fail('no session'),
    );
    expect(heading.textContent).toBe('shop / prod / flags');
    expect(row(c, 'f1').getAttribute('aria-selected')).toBe('false');
    await click(byRole(c, 'button', '← Back to its fleet'));
    await waitFor(() =>
      expect(c.querySelector('#fleet-title')?.textContent).toContain('Fleet of 4'),
    );
  });

  it('shows the split from the list’s summary, never fetching every member for it', async () => {
    const { c, remote } = await mount();
    await waitFor(() => expect(row(c, 'f1').textContent).toContain('2 × v1 · 2 × v2'));
    // The service's once-a-second fleetChanged moves the entry on, still without getFleet.
    const fleet = fleetSummary({ held: [{ contentHash: V2, versionLabel: 'v2', holders: 3 }] });
    await act(async () => remote.emit({ type: 'fleetChanged', fleet }));
    await waitFor(() => expect(row(c, 'f1').textContent).toContain('3 × v2 · 1 × none yet'));
    expect(remote.requests.map((r) => r.method)).toContain('listFleets');
    expect(remote.requests.map((r) => r.method)).not.toContain('getFleet');
  });

  it('offers a stopped member no Delete of its own, says why, and links back to the fleet', async () => {
    const stopped = (sessionId: string) => {
      const snap = memberSnapshot(sessionId);
      return { ...snap, session: { ...snap.session, state: 'stopped' as const } };
    };
    const { c, remote } = await mount(
      { ...INITIAL_UI_STATE, selectedSessionId: 'm2' },
      { getSession: ({ sessionId }) => stopped(sessionId) },
    );
    const remove = await waitFor(() => byRole(c, 'button', 'Delete') as HTMLButtonElement);
    expect(remove.disabled).toBe(true);
    const note = c.querySelector(`[id="${remove.getAttribute('aria-describedby')}"]`);
    expect(note?.textContent).toBe('Delete the fleet to delete its members.');
    await click(remove);
    expect(remote.requests.some((r) => r.method === 'deleteSession')).toBe(false);
    await click(byRole(c, 'button', '← Back to its fleet'));
    await waitFor(() =>
      expect(c.querySelector('#fleet-title')?.textContent).toContain('Fleet of 4'),
    );
  });

  it('folds the Deployments view for the fleet’s profile under the chart, loaded on first open', async () => {
    const { c } = await mount();
    await click(await waitFor(() => row(c, 'f1')));
    const details = await waitFor(
      () => c.querySelector<HTMLDetailsElement>('.fleet-deployments') ?? expect.fail('no section'),
    );
    expect(details.querySelector('fieldset')).toBeNull();
    await act(async () => {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    });
    const fields = await waitFor(() => {
      const inputs = [...details.querySelectorAll<HTMLInputElement>('fieldset input')];
      expect(inputs).toHaveLength(3);
      return inputs;
    });
    expect(fields.map((i) => i.value)).toEqual(['shop', 'prod', 'flags']);
  });

  it('stops the fleet after a confirmation, then deletes it', async () => {
    const { c, remote } = await mount();
    await click(await waitFor(() => row(c, 'f1')));
    await click(await waitFor(() => byRole(c, 'button', 'Stop fleet')));
    expect(c.textContent).toContain('Every one of the 4 members stops polling for good');
    await click(byRole(c, 'button', 'Confirm: Stop fleet'));
    await waitFor(() => byRole(c, 'button', 'Delete fleet'));
    expect(remote.requests.filter((r) => r.method === 'stopFleet')).toEqual([
      { method: 'stopFleet', params: { fleetId: 'f1' } },
    ]);
    await click(byRole(c, 'button', 'Delete fleet'));
    await click(byRole(c, 'button', 'Confirm: Delete fleet'));
    await waitFor(() => expect(c.querySelector('[data-fleet-id]')).toBeNull());
    expect(c.textContent).toContain('No session selected');
  });
});

describe('a remembered selection that has gone', () => {
  it('says a fleet no longer exists', async () => {
    const { c } = await mount({ ...INITIAL_UI_STATE, selectedFleetId: 'gone' });
    await waitFor(() => expect(c.textContent).toContain('That fleet no longer exists'));
  });

  it('opens an unlisted member, but says an unlisted session that getSession lacks is gone', async () => {
    const member = await mount({ ...INITIAL_UI_STATE, selectedSessionId: 'm2' });
    await waitFor(() => byRole(member.c, 'button', '← Back to its fleet'));
    view?.unmount();
    const { c } = await mount({ ...INITIAL_UI_STATE, selectedSessionId: 's-gone' });
    await waitFor(() => expect(c.textContent).toContain('That session no longer exists'));
  });
});

describe('Start fleet in the session form', () => {
  it('checks the size with the session fields, then starts the fleet and shows it', async () => {
    const { c, remote } = await mount();
    await click(byRole(c, 'button', 'Start fleet'));
    expect(c.textContent).toContain('Application is required.');
    expect(c.textContent).toContain('Fleet size is required to start a fleet.');
    await typeInto(byLabel(c, 'Application'), 'shop');
    await typeInto(byLabel(c, 'Environment'), 'prod');
    await typeInto(byLabel(c, 'Configuration profile'), 'flags');
    await typeInto(byLabel(c, 'Fleet size'), '1001');
    await click(byRole(c, 'button', 'Start fleet'));
    expect(byLabel(c, 'Fleet size').getAttribute('aria-invalid')).toBe('true');
    expect(remote.requests.some((r) => r.method === 'startFleet')).toBe(false);
    await typeInto(byLabel(c, 'Fleet size'), '100');
    await click(byRole(c, 'button', 'Start fleet'));
    await waitFor(() =>
      expect(c.querySelector('#fleet-title')?.textContent).toContain('Fleet of 100'),
    );
    expect(remote.requests.find((r) => r.method === 'startFleet')?.params).toEqual({
      applicationIdentifier: 'shop',
      environmentIdentifier: 'prod',
      configurationProfileIdentifier: 'flags',
      size: 100,
    });
    expect(row(c, 'f2').getAttribute('aria-selected')).toBe('true');
  });
});
