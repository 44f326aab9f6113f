// The header's identity: the account and the principal's short name with the full ARN as its tooltip, a
// failure in words, nothing while STS has not answered, and a late answer pushed as backendChanged.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type BackendInfo } from '../../../protocol/messages.js';
import {
  createInMemoryClient,
  memoryStore,
  renderWithProviders,
  waitFor,
  type Rendered,
} from '../../testSupport.js';
import { Header } from './Header.js';
import { principalName } from './principalName.js';

const aws: BackendInfo = { kind: 'aws', region: 'eu-west-1', canListResources: true };
const ROLE_ARN = 'arn:aws:sts::123456789012:assumed-role/Developer/alice@example.com';

let view: Rendered | undefined;
afterEach(() => view?.unmount());

async function mount(backend: BackendInfo) {
  const remote = createInMemoryClient({
    hello: () => ({ protocolVersion: PROTOCOL_VERSION, backend }),
    listAwsProfiles: () => ({
      configFile: '/tmp/config',
      credentialsFile: '/tmp/credentials',
      configFound: false,
      credentialsFound: false,
      profiles: [],
    }),
  });
  view = await renderWithProviders(<Header />, remote.client, memoryStore());
  await waitFor(() => expect(view!.container.querySelector('.backend-badge')).not.toBeNull());
  return { c: view.container, remote };
}

const identity = (c: HTMLElement) => c.querySelector<HTMLElement>('.backend-identity');

describe('BackendBadge identity', () => {
  it('shows the account and short principal, the full ARN in the tooltip', async () => {
    const { c } = await mount({ ...aws, identity: { account: '123456789012', arn: ROLE_ARN } });
    const el = identity(c)!;
    expect(el.textContent).toBe('123456789012 Developer/alice@example.com');
    expect(el.title).toBe(ROLE_ARN);
    expect(el.getAttribute('aria-label')).toBe(
      'Signed in as Developer/alice@example.com in account 123456789012',
    );
  });

  it('says in words why the identity is unknown', async () => {
    const { c } = await mount({
      ...aws,
      identityError: 'No AWS credentials were found (environment, shared files, SSO or process).',
    });
    expect(identity(c)?.textContent).toBe(
      'Identity unknown: No AWS credentials were found (environment, shared files, SSO or process).',
    );
  });

  it('shows nothing until STS answers, then the pushed identity', async () => {
    const { c, remote } = await mount(aws);
    expect(identity(c)).toBeNull();
    const arn = 'arn:aws:iam::000000000000:user/emulator';
    await act(async () =>
      remote.emit({
        type: 'backendChanged',
        backend: { ...aws, identity: { account: '000000000000', arn } },
      }),
    );
    await waitFor(() => expect(identity(c)?.textContent).toBe('000000000000 emulator'));
  });
});

describe('principalName', () => {
  it.each([
    ['arn:aws:iam::1:user/emulator', 'emulator'],
    ['arn:aws:iam::1:user/team/dev/bob', 'bob'],
    ['arn:aws:sts::1:assumed-role/Admin/session-1', 'Admin/session-1'],
    ['arn:aws:iam::1:root', 'root'],
    ['arn:aws:sts::1:federated-user/carol', 'carol'],
    ['not-an-arn', 'not-an-arn'],
  ])('%s → %s', (arn, name) => expect(principalName(arn)).toBe(name));
});
