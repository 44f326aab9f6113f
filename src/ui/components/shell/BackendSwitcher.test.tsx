// The header's backend switcher against an in-memory client answered through the real request validation:
// profiles listed with kind, region and SSO login advice, Apply sends switchBackend and the header follows,
// a refusal is shown in words, a pushed backendChanged alone updates the page, and sessions still on an
// earlier profile or region say so in the list.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  PROTOCOL_VERSION,
  ProtocolError,
  type AwsProfileList,
  type BackendInfo,
} from '../../../protocol/messages.js';
import {
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
import { Header } from './Header.js';
import { SessionList } from './SessionList.js';

const endpoint: BackendInfo = {
  kind: 'endpoint',
  endpoint: 'http://127.0.0.1:4567',
  region: 'us-west-2',
  profile: 'first',
  canListResources: true,
};

const profiles: AwsProfileList = {
  configFile: '/tmp/config',
  credentialsFile: '/tmp/credentials',
  configFound: true,
  credentialsFound: true,
  profiles: [
    { name: 'first', kind: 'static', files: ['config', 'credentials'], region: 'us-west-2' },
    { name: 'second', kind: 'static', files: ['credentials'], region: 'ap-south-1' },
    { name: 'corp', kind: 'sso', files: ['config'], ssoLogin: 'expired', ssoSession: 'corp' },
  ],
};

let view: Rendered | undefined;
afterEach(() => view?.unmount());

async function mount(backend: BackendInfo, handlers: Handlers = {}) {
  const remote = createInMemoryClient({
    hello: () => ({ protocolVersion: PROTOCOL_VERSION, backend }),
    listAwsProfiles: () => profiles,
    listSessions: () => [],
    listFleets: () => [],
    ...handlers,
  });
  view = await renderWithProviders(
    <>
      <Header />
      <SessionList />
    </>,
    remote.client,
    memoryStore(),
  );
  return { c: view.container, remote };
}

const badge = (c: HTMLElement) => c.querySelector('.backend-badge')?.getAttribute('aria-label');

async function choose(select: HTMLSelectElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function openSwitcher(c: HTMLElement) {
  await waitFor(() => byRole(c, 'button', 'Switch…'));
  await click(byRole(c, 'button', 'Switch…'));
  return waitFor(() => {
    const select = c.querySelector('select')!;
    expect(select.options.length).toBe(4);
    return select;
  });
}

describe('BackendSwitcher', () => {
  it('is not offered against the emulator', async () => {
    const { c } = await mount({ kind: 'emulator', region: 'us-east-1', canListResources: true });
    await waitFor(() => expect(badge(c)).toBe('Backend: Emulator, region us-east-1'));
    expect(c.textContent).not.toContain('Switch…');
  });

  it('lists profiles with kind, region and SSO advice, and offers their regions', async () => {
    const { c } = await mount(endpoint);
    const select = await openSwitcher(c);
    expect([...select.options].map((o) => o.textContent)).toEqual([
      '(default credential chain)',
      'first (static keys, us-west-2)',
      'second (static keys, ap-south-1)',
      'corp (SSO, SSO login expired: run aws sso login --profile corp)',
    ]);
    expect(select.value).toBe('first');
    const regions = [...c.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'));
    expect(regions).toContain('ap-south-1');
    expect(regions).toContain('eu-west-1');
    await choose(select, 'corp');
    expect(c.querySelector('[role="alert"]')?.textContent).toBe(
      'corp: SSO login expired: run aws sso login --profile corp.',
    );
  });

  it('applies a profile and region, then the header and older sessions say where they are', async () => {
    let current = endpoint;
    const older = summary({ id: 'a', profile: 'first', region: 'us-west-2', state: 'stopped' });
    const { c, remote } = await mount(endpoint, {
      switchBackend: (params) => {
        current = { ...current, profile: params.profile!, region: params.region ?? 'ap-south-1' };
        return current;
      },
      listSessions: () => [older],
      getSession: () => ({ session: older, events: [] }),
    });
    await waitFor(() => expect(c.querySelector('[role="option"]')).not.toBeNull());
    // Same profile and region as the backend: nothing to say yet.
    expect(c.querySelector('[role="option"]')?.textContent).not.toContain('started with');

    const select = await openSwitcher(c);
    await choose(select, 'second');
    const region = c.querySelector<HTMLInputElement>('input[list]')!;
    expect(region.placeholder).toBe('ap-south-1');
    await typeInto(region, 'eu-west-1');
    await click(byRole(c, 'button', 'Apply'));

    await waitFor(() =>
      expect(badge(c)).toBe('Backend: Endpoint, region eu-west-1, profile second'),
    );
    expect(remote.requests.filter((r) => r.method === 'switchBackend')).toEqual([
      { method: 'switchBackend', params: { profile: 'second', region: 'eu-west-1' } },
    ]);
    expect(c.querySelector('form')).toBeNull();
    expect(c.querySelector('[role="option"]')?.textContent).toContain(
      'started with profile first in us-west-2',
    );
  });

  it('shows a refusal in words and keeps the form open', async () => {
    const { c } = await mount(endpoint, {
      switchBackend: () => {
        throw new ProtocolError(
          'notFound',
          'No profile "gone" in /tmp/config or /tmp/credentials.',
        );
      },
    });
    await openSwitcher(c);
    await click(byRole(c, 'button', 'Apply'));
    await waitFor(() =>
      expect(c.querySelector('[role="alert"]')?.textContent).toBe(
        'Could not switch: No profile "gone" in /tmp/config or /tmp/credentials.',
      ),
    );
    expect(badge(c)).toBe('Backend: Endpoint, region us-west-2, profile first');
  });

  it('follows a backendChanged pushed by a switch made on another page', async () => {
    const { c, remote } = await mount(endpoint);
    await waitFor(() => expect(badge(c)).toContain('us-west-2'));
    await act(async () =>
      remote.emit({ type: 'backendChanged', backend: { ...endpoint, region: 'eu-north-1' } }),
    );
    await waitFor(() =>
      expect(badge(c)).toBe('Backend: Endpoint, region eu-north-1, profile first'),
    );
  });
});
