import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  byLabel,
  byRole,
  click,
  createInMemoryClient,
  memoryStore,
  renderWithProviders,
  typeInto,
  waitFor,
  type Rendered,
} from '../../testSupport.js';
import { DeploymentsView } from './DeploymentsView.js';
import { choose, fakeAppConfig, selectByLabel } from './testDeployments.js';

// Monaco cannot load in happy-dom in test time (see testDeployments.tsx).
vi.mock('./CodeEditor.js', async () => ({
  default: (await import('./testDeployments.js')).StandInEditor,
}));

describe('DeploymentsView: deploy, watch, stop, revert', () => {
  let view: Rendered | undefined;
  afterEach(() => view?.unmount());

  async function setup() {
    const fake = fakeAppConfig();
    const remote = createInMemoryClient(fake.handlers);
    view = await renderWithProviders(
      <DeploymentsView initial={{ application: 'shop', environment: 'prod', profile: 'flags' }} />,
      remote.client,
      memoryStore(),
    );
    const c = view.container;
    await waitFor(() => expect(selectByLabel(c, 'Version to deploy').options.length).toBe(3));
    await waitFor(() => expect(selectByLabel(c, 'Deployment strategy').options.length).toBe(3));
    const deploy = async (version: string, strategy: string) => {
      await choose(selectByLabel(c, 'Version to deploy'), version);
      await choose(selectByLabel(c, 'Deployment strategy'), strategy);
      await click(byRole(c, 'button', 'Deploy'));
    };
    const progress = () => c.querySelector('[role="progressbar"]');
    return { c, remote, fake, deploy, progress };
  }

  it('lists predefined and own strategies with growth, factor, duration and bake', async () => {
    const { c } = await setup();
    const groups = [...selectByLabel(c, 'Deployment strategy').querySelectorAll('optgroup')].map(
      (g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.textContent)],
    );
    expect(groups).toEqual([
      [
        'Predefined (AppConfig.*)',
        ['AppConfig.Linear50PercentEvery30Seconds — LINEAR (+50% a step) · 1 min · bake 1 min'],
      ],
      ['This account', ['Slow — EXPONENTIAL (×2 from 10%) · 1 h · bake 30 min']],
    ]);
    expect((byRole(c, 'button', 'Deploy') as HTMLButtonElement).disabled).toBe(true);
  });

  it(
    'starts a deployment and follows it live until it is stopped',
    { timeout: 10_000 },
    async () => {
      const { c, remote, fake, deploy, progress } = await setup();
      await deploy('2', 'AppConfig.Linear50PercentEvery30Seconds');
      expect(remote.requests.find((r) => r.method === 'startDeployment')?.params).toEqual({
        applicationId: 'app1',
        environmentId: 'env1',
        configurationProfileId: 'prof1',
        versionNumber: 2,
        deploymentStrategyId: 'AppConfig.Linear50PercentEvery30Seconds',
      });
      await waitFor(() => expect(progress()?.getAttribute('aria-valuenow')).toBe('0'));
      expect(progress()?.getAttribute('aria-valuemin')).toBe('0');
      expect(progress()?.getAttribute('aria-valuemax')).toBe('100');
      expect(c.textContent).toContain('State: DEPLOYING');
      expect(c.querySelector('[role="alert"]')).toBeNull();
      expect(c.textContent).toMatch(/Next step \(to 50%\)1m 0\ds/);
      expect(c.textContent).toMatch(/End of bake(59m|1h 00m)/);
      expect(c.querySelector('[aria-label="Deployment event log"]')?.textContent).toContain(
        'DEPLOYMENT_STARTED by USER',
      );

      // The panel re-reads a running deployment on its own.
      Object.assign(fake.deployments[0]!, { percentageComplete: 50 });
      await waitFor(() => expect(progress()?.getAttribute('aria-valuenow')).toBe('50'), 5000);
      // A new state also refreshes the environment's list.
      Object.assign(fake.deployments[0]!, { state: 'BAKING', percentageComplete: 100 });
      await waitFor(() => byRole(c, 'button', '#2 · prof1 v2 · BAKING · 100%'), 5000);
      expect(c.textContent).toContain('State: BAKING');

      await click(byRole(c, 'button', 'Stop deployment'));
      const dialog = c.querySelector('[role="alertdialog"]');
      expect(dialog?.textContent).toContain(
        'Stop deployment 2? It rolls back: clients that already got version 2 get the previous version, version 1 (v1), again.',
      );
      await click(byRole(c, 'button', 'Cancel'));
      expect(c.querySelector('[role="alertdialog"]')).toBeNull();
      expect(remote.requests.some((r) => r.method === 'stopDeployment')).toBe(false);

      await click(byRole(c, 'button', 'Stop deployment'));
      await click(byRole(c, 'button', 'Confirm: Stop deployment'));
      await waitFor(() => expect(c.textContent).toContain('State: ROLLED_BACK'));
      expect(
        remote.requests.filter((r) => r.method === 'stopDeployment').map((r) => r.params),
      ).toEqual([{ applicationId: 'app1', environmentId: 'env1', deploymentNumber: 2 }]);
      expect(() => byRole(c, 'button', 'Stop deployment')).toThrow();
    },
  );

  it('reverts a completed deployment after saying what clients get', async () => {
    const { c, remote } = await setup();
    await waitFor(() => byRole(c, 'button', '#1 · prof1 v1 · COMPLETE · 100%'));
    await click(byRole(c, 'button', '#1 · prof1 v1 · COMPLETE · 100%'));
    await waitFor(() => byRole(c, 'button', 'Revert'));
    await click(byRole(c, 'button', 'Revert'));
    expect(c.querySelector('[role="alertdialog"]')?.textContent).toContain(
      'Every client gets the version before this deployment, the version deployed before it, instead of version 1 (v1).',
    );
    await click(byRole(c, 'button', 'Confirm: Revert'));
    await waitFor(() => expect(c.textContent).toContain('State: REVERTED'));
    expect(remote.requests.some((r) => r.method === 'revertDeployment')).toBe(true);
  });

  it("shows the service's conflict refusal in words", async () => {
    const { c, fake, deploy } = await setup();
    fake.refuseWith('Deployment 1 is still BAKING in environment env1; wait or stop it.');
    await deploy('2', 'own1');
    await waitFor(() =>
      expect(c.querySelector('.deploy [role="alert"]')?.textContent).toBe(
        'Could not deploy: Deployment 1 is still BAKING in environment env1; wait or stop it.',
      ),
    );
  });

  it('creates a custom strategy from the view and selects it', async () => {
    const { c, remote } = await setup();
    await click(byRole(c, 'button', 'New strategy'));
    await click(byRole(c, 'button', 'Create strategy'));
    expect(c.querySelector('.strategy-form')?.textContent).toContain('Name is required.');
    expect(remote.requests.some((r) => r.method === 'createDeploymentStrategy')).toBe(false);

    await typeInto(byLabel(c, 'Strategy name'), 'Canary');
    await typeInto(byLabel(c, 'Growth factor (%)'), '25');
    await click(byRole(c, 'button', 'Create strategy'));
    await waitFor(() => expect(selectByLabel(c, 'Deployment strategy').value).toBe('own2'));
    expect(remote.requests.find((r) => r.method === 'createDeploymentStrategy')?.params).toEqual({
      name: 'Canary',
      growthType: 'LINEAR',
      growthFactor: 25,
      deploymentDurationInMinutes: 10,
      finalBakeTimeInMinutes: 5,
      replicateTo: 'NONE',
    });
    expect(c.textContent).toContain('Growth LINEAR, factor 25%, duration 10 min, bake 5 min');
  });
});
