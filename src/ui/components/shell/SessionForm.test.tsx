import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, ProtocolError, type BackendInfo } from '../../../protocol/messages.js';
import { restoreUiState } from '../../uiState.js';
import {
  byLabel,
  byRole,
  click,
  createInMemoryClient,
  memoryStore,
  renderWithProviders,
  summary,
  typeInto,
  waitFor,
  type Handlers,
  type Rendered,
} from '../../testSupport.js';
import { SessionForm } from './SessionForm.js';

const backend = (canListResources: boolean): BackendInfo => ({
  kind: 'emulator',
  region: 'us-east-1',
  canListResources,
});

const LABELS = [
  'Application',
  'Environment',
  'Configuration profile',
  'Minimum poll interval (seconds)',
] as const;

describe('SessionForm', () => {
  let view: Rendered | undefined;
  afterEach(() => view?.unmount());

  async function setup(handlers: Handlers, canList = false) {
    const remote = createInMemoryClient({
      hello: () => ({ protocolVersion: PROTOCOL_VERSION, backend: backend(canList) }),
      ...handlers,
    });
    const store = memoryStore();
    view = await renderWithProviders(<SessionForm />, remote.client, store);
    const c = view.container;
    const fill = async (values: string[]) => {
      for (const [i, label] of LABELS.entries()) await typeInto(byLabel(c, label), values[i] ?? '');
    };
    const submit = () => click(byRole(c, 'button', 'Start session'));
    return { c, remote, store, fill, submit };
  }

  it('shows a message per invalid field, with AWS limits, and sends nothing', async () => {
    const { c, remote, fill, submit } = await setup({});
    await submit();
    expect(byLabel(c, 'Application').getAttribute('aria-invalid')).toBe('true');
    expect(c.textContent).toContain('Application is required.');
    expect(c.textContent).toContain('Configuration profile is required.');
    await fill(['shop', 'prod', 'x'.repeat(129), '10']);
    await submit();
    expect(c.textContent).toContain(
      'Configuration profile must be at most 128 characters (AWS limit); it has 129.',
    );
    expect(c.textContent).toContain(
      'Minimum poll interval must be between 15 and 86400 seconds (AWS limit).',
    );
    expect(remote.requests.filter((r) => r.method === 'startSession')).toEqual([]);
  });

  it('starts the session with trimmed identifiers and selects it', async () => {
    const { remote, store, fill, submit } = await setup({
      startSession: () => summary({ id: 'new-session' }),
    });
    await fill([' shop ', 'prod', 'flags', '30']);
    await submit();
    await waitFor(() => expect(restoreUiState(store.saved).selectedSessionId).toBe('new-session'));
    expect(remote.requests.find((r) => r.method === 'startSession')?.params).toEqual({
      applicationIdentifier: 'shop',
      environmentIdentifier: 'prod',
      configurationProfileIdentifier: 'flags',
      requiredMinimumPollIntervalInSeconds: 30,
    });
  });

  it('shows the server error inline with the AWS error name', async () => {
    const { c, fill, submit } = await setup({
      startSession: () => {
        throw new ProtocolError(
          'awsError',
          'Application shop does not exist.',
          'ResourceNotFoundException',
        );
      },
    });
    await fill(['shop', 'prod', 'flags']);
    await submit();
    const alert = await waitFor(
      () => c.querySelector('[role="alert"]') ?? expect.fail('no alert yet'),
    );
    expect(alert.textContent).toBe(
      'Could not start the session: ResourceNotFoundException: Application shop does not exist.',
    );
  });

  it('opens the session a refused start left behind, whose flags explain the refusal', async () => {
    const { c, store, fill, submit } = await setup({
      startSession: () => {
        throw new ProtocolError(
          'awsError',
          'User: x is not authorized',
          'AccessDeniedException',
          's-9',
        );
      },
    });
    await fill(['shop', 'prod', 'flags']);
    await submit();
    await waitFor(() => expect(restoreUiState(store.saved).selectedSessionId).toBe('s-9'));
    expect(c.querySelector('[role="alert"]')?.textContent).toBe(
      'Could not start the session: AccessDeniedException. Its flags (opened) say why and what to do.',
    );
  });

  it('suggests listed resources, and environments once the application matches by name', async () => {
    const { c, remote } = await setup(
      {
        listResources: (query) =>
          query.kind === 'applications'
            ? [{ id: 'app1234', name: 'shop' }]
            : query.kind === 'environments'
              ? [{ id: 'env1', name: `prod-of-${query.applicationId}` }]
              : [{ id: 'prof1', name: 'flags' }],
      },
      true,
    );
    const options = (label: string) => {
      // By attribute: happy-dom's HTMLInputElement.list does not return null without a list attribute.
      const id = byLabel(c, label).getAttribute('list');
      const list = id ? c.querySelector(`#${CSS.escape(id)}`) : null;
      return list ? [...list.querySelectorAll('option')].map((o) => o.value) : undefined;
    };
    await waitFor(() => expect(options('Application')).toEqual(['shop']));
    expect(options('Environment')).toBeUndefined();
    await typeInto(byLabel(c, 'Application'), 'shop');
    await waitFor(() => expect(options('Environment')).toEqual(['prod-of-app1234']));
    expect(options('Configuration profile')).toEqual(['flags']);
    // Free text stays allowed: the input keeps whatever was typed.
    await typeInto(byLabel(c, 'Environment'), 'staging-not-listed');
    expect(byLabel(c, 'Environment').value).toBe('staging-not-listed');
    expect(
      remote.requests.filter((r) => r.method === 'listResources').map((r) => r.params),
    ).toEqual([
      { kind: 'applications' },
      { kind: 'environments', applicationId: 'app1234' },
      { kind: 'configurationProfiles', applicationId: 'app1234' },
    ]);
  });
});
