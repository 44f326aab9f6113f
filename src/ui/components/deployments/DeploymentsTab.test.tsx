import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  byLabel,
  byRole,
  click,
  createInMemoryClient,
  memoryStore,
  renderWithProviders,
  summary,
  waitFor,
  type Rendered,
} from '../../testSupport.js';
import { SessionList } from '../shell/SessionList.js';
import { SessionWorkspace } from '../shell/SessionWorkspace.js';
import { fakeAppConfig } from './testDeployments.js';

vi.mock('./CodeEditor.js', async () => ({
  default: (await import('./testDeployments.js')).StandInEditor,
}));

describe('Deployments tab', () => {
  let view: Rendered | undefined;
  afterEach(() => view?.unmount());

  it("sits next to the session's other tabs and opens on the session's application, environment and profile", async () => {
    const session = summary({ state: 'stopped' });
    const remote = createInMemoryClient({
      ...fakeAppConfig().handlers,
      listSessions: () => [session],
      getSession: () => ({ session, events: [] }),
    });
    view = await renderWithProviders(
      <>
        <SessionList />
        <SessionWorkspace />
      </>,
      remote.client,
      memoryStore(),
    );
    const c = view.container;
    const row = await waitFor(() => {
      const found = c.querySelector<HTMLElement>('[role="option"]');
      if (!found) throw new Error('no session row yet');
      return found;
    });
    await click(row);
    const tabs = await waitFor(() => {
      const found = [...c.querySelectorAll('[role="tab"]')].map((t) => t.textContent);
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    expect(tabs).toEqual(['Timeline', 'Versions & diff', 'Raw', 'Deployments']);
    await click(byRole(c, 'tab', 'Deployments'));
    // The view is loaded on first use (React.lazy), so it appears a moment after the click.
    await waitFor(() => byLabel(c, 'Application'));
    expect(byLabel(c, 'Application').value).toBe('shop');
    expect(byLabel(c, 'Environment').value).toBe('prod');
    expect(byLabel(c, 'Configuration profile').value).toBe('flags');
    await waitFor(() => byRole(c, 'button', 'View 2'));
  });
});
