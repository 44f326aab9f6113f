import { act } from 'react';
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

/** The names a picker's list shows once it has focus ('name (recent)' for recent ones); [] when closed. */
function suggestions(c: HTMLElement, label: string): string[] {
  const input = byLabel(c, label);
  act(() => input.focus());
  const list = c.querySelector<HTMLElement>(`#${CSS.escape(input.getAttribute('aria-controls')!)}`);
  if (!list || list.hidden) return [];
  return [...list.querySelectorAll('[role="option"]')].map((o) => {
    const name = o.querySelector('.picker-name')!.textContent;
    return o.querySelector('.picker-tag') ? `${name} (recent)` : name;
  });
}

async function key(input: HTMLElement, name: string): Promise<void> {
  await act(async () => {
    input.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }));
  });
}

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

  it('lists resources under a focused picker, and environments once the application matches by name', async () => {
    const { c, remote } = await setup(
      {
        listResources: (query) =>
          query.kind === 'applications'
            ? [
                { id: 'app1234', name: 'shop' },
                { id: 'app5678', name: 'billing' },
              ]
            : query.kind === 'environments'
              ? [{ id: 'env1', name: `prod-of-${query.applicationId}` }]
              : [{ id: 'prof1', name: 'flags' }],
      },
      true,
    );
    await waitFor(() => expect(suggestions(c, 'Application')).toEqual(['shop', 'billing']));
    // As the user types, the list keeps the names that contain the text.
    await typeInto(byLabel(c, 'Application'), 'sh');
    expect(suggestions(c, 'Application')).toEqual(['shop']);
    expect(suggestions(c, 'Environment')).toEqual([]);
    await typeInto(byLabel(c, 'Application'), 'shop');
    await waitFor(() => expect(suggestions(c, 'Environment')).toEqual(['prod-of-app1234']));
    expect(suggestions(c, 'Configuration profile')).toEqual(['flags']);
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

  it('picks a suggestion with the arrow keys and Enter, without submitting the form', async () => {
    const { c, remote } = await setup(
      {
        listResources: () => [
          { id: 'a1', name: 'shop' },
          { id: 'a2', name: 'billing' },
        ],
      },
      true,
    );
    await waitFor(() => expect(suggestions(c, 'Application')).toEqual(['shop', 'billing']));
    const input = byLabel(c, 'Application');
    await key(input, 'ArrowDown');
    await key(input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBeTruthy();
    await key(input, 'Enter');
    expect(input.value).toBe('billing');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(remote.requests.filter((r) => r.method === 'startSession')).toEqual([]);
  });

  it('remembers a started triple: a Recent entry starts it again, and the pickers offer its names first', async () => {
    let n = 0;
    const { c, remote, fill, submit } = await setup(
      {
        startSession: () => summary({ id: `s-${++n}` }),
        listResources: () => [{ id: 'a2', name: 'billing' }],
      },
      true,
    );
    await fill(['shop', 'prod', 'flags']);
    await submit();
    const recent = await waitFor(() => byRole(c, 'button', 'shop / prod / flags'));
    await typeInto(byLabel(c, 'Application'), '');
    expect(suggestions(c, 'Application')).toEqual(['shop (recent)', 'billing']);
    await click(recent);
    await waitFor(() =>
      expect(remote.requests.filter((r) => r.method === 'startSession')).toHaveLength(2),
    );
    expect(remote.requests.filter((r) => r.method === 'startSession').at(-1)?.params).toEqual({
      applicationIdentifier: 'shop',
      environmentIdentifier: 'prod',
      configurationProfileIdentifier: 'flags',
    });
  });
});
