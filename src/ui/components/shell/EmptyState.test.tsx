// EmptyState's demo offer (happy-dom, a real message client answered by handlers): offered on the embedded
// emulator only, for the demo profiles its control plane still lists, and one click starts and opens one.
import { afterEach, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  type BackendInfo,
  type ResourceQuery,
} from '../../../protocol/messages.js';
import { restoreUiState } from '../../uiState.js';
import {
  byRole,
  click,
  createInMemoryClient,
  memoryStore,
  renderWithProviders,
  summary,
  waitFor,
  type Rendered,
} from '../../testSupport.js';
import { EmptyState } from './EmptyState.js';

const DEMO_LISTS = (query: ResourceQuery) =>
  query.kind === 'applications'
    ? [{ id: 'app1', name: 'demo-app' }]
    : query.kind === 'environments'
      ? [{ id: 'env1', name: 'dev' }]
      : [
          { id: 'p1', name: 'app-config' },
          { id: 'p2', name: 'feature-flags' },
        ];

describe('EmptyState', () => {
  let view: Rendered | undefined;
  afterEach(() => view?.unmount());

  async function mount(kind: BackendInfo['kind'], lists = DEMO_LISTS) {
    const remote = createInMemoryClient({
      hello: () => ({
        protocolVersion: PROTOCOL_VERSION,
        backend: { kind, region: 'us-east-1', canListResources: true },
      }),
      listResources: lists,
      startSession: (params) =>
        summary({ id: 'demo-1', ...params, configurationProfileIdentifier: 'app-config' }),
    });
    const store = memoryStore();
    view = await renderWithProviders(<EmptyState />, remote.client, store);
    return { c: view.container, remote, store };
  }

  it('offers the demo on the emulator, and one click starts demo-app / dev / app-config and opens it', async () => {
    const { c, remote, store } = await mount('emulator');
    const demo = await waitFor(() => byRole(c, 'button', 'Start the demo session'));
    expect(byRole(c, 'button', 'Start the feature-flags demo')).toBeTruthy();
    await click(demo);
    await waitFor(() => expect(restoreUiState(store.saved).selectedSessionId).toBe('demo-1'));
    expect(remote.requests.find((r) => r.method === 'startSession')?.params).toEqual({
      applicationIdentifier: 'demo-app',
      environmentIdentifier: 'dev',
      configurationProfileIdentifier: 'app-config',
    });
  });

  it('offers no demo on AWS, even where an application is called demo-app', async () => {
    const { c, remote } = await mount('aws');
    await waitFor(() => expect(c.textContent).toContain('No session selected'));
    expect(c.querySelector('[aria-label="Demo"]')).toBeNull();
    expect(remote.requests.some((r) => r.method === 'listResources')).toBe(false);
  });

  it('offers no demo on an emulator whose seed has no demo-app', async () => {
    const { c, remote } = await mount('emulator', (q) =>
      q.kind === 'applications' ? [{ id: 'a9', name: 'shop' }] : [],
    );
    await waitFor(() =>
      expect(remote.requests.filter((r) => r.method === 'listResources')).toHaveLength(1),
    );
    expect(c.querySelector('[aria-label="Demo"]')).toBeNull();
  });
});
