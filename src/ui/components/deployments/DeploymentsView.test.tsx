import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '../../../protocol/messages.js';
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
import { choose, editorNamed, fakeAppConfig, selectByLabel, typeText } from './testDeployments.js';

// Monaco cannot load in happy-dom in test time (see testDeployments.tsx); the stand-ins show what the view
// hands to the editors. Everything else is the real component tree.
vi.mock('./CodeEditor.js', async () => ({
  default: (await import('./testDeployments.js')).StandInEditor,
}));
vi.mock('../views/DiffEditor.js', () => ({
  default: (props: { original: string; modified: string }) => (
    <div data-testid="diff-editor">
      <pre className="left">{props.original}</pre>
      <pre className="right">{props.modified}</pre>
    </div>
  ),
}));

describe('DeploymentsView: versions', () => {
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
    await waitFor(() => byRole(c, 'button', 'View 2'));
    return { c, remote, fake };
  }

  it('resolves the picked names to ids and lists the versions with label and content type', async () => {
    const { c, remote } = await setup();
    const rows = [...c.querySelectorAll('.hosted-versions tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent),
    );
    expect(rows).toEqual([
      ['2', 'v2', 'application/json'],
      ['1', 'v1', 'application/json'],
    ]);
    const listed = remote.requests.filter((r) => r.method === 'listHostedVersions');
    expect(listed.map((r) => r.params)).toEqual([
      { applicationId: 'app1', configurationProfileId: 'prof1' },
    ]);
  });

  it('waits for a listed name: a partly typed one is never sent as an id', async () => {
    const { c, remote } = await setup();
    await typeInto(byLabel(c, 'Configuration profile'), 'fla');
    expect(c.querySelector('[aria-label="Hosted versions"]')).toBeNull();
    await typeInto(byLabel(c, 'Configuration profile'), 'prof1');
    await waitFor(() => byRole(c, 'button', 'View 2'));
    const asked = remote.requests.filter((r) => r.method === 'listHostedVersions');
    expect(
      asked.every(
        (r) => (r.params as { configurationProfileId: string }).configurationProfileId === 'prof1',
      ),
    ).toBe(true);
  });

  it('takes free text as ids where listing is denied', async () => {
    const fake = fakeAppConfig();
    const remote = createInMemoryClient({
      ...fake.handlers,
      hello: () => ({
        protocolVersion: PROTOCOL_VERSION,
        backend: { kind: 'aws', region: 'eu-west-1', canListResources: false },
      }),
    });
    view = await renderWithProviders(
      <DeploymentsView initial={{ application: 'app1', environment: 'env1', profile: 'prof1' }} />,
      remote.client,
      memoryStore(),
    );
    await waitFor(() => byRole(view!.container, 'button', 'View 2'));
    expect(remote.requests.some((r) => r.method === 'listResources')).toBe(false);
  });

  it("shows one version's content, and diffs two ticked versions oldest first", async () => {
    const { c } = await setup();
    await click(byRole(c, 'button', 'View 1'));
    await waitFor(() => expect(editorNamed(c, 'Content of version 1').value).toBe('{"a":1}'));
    expect(editorNamed(c, 'Content of version 1').readOnly).toBe(true);

    const compare = byRole(c, 'button', 'Compare') as HTMLButtonElement;
    expect(compare.disabled).toBe(true);
    for (const n of [2, 1])
      await click(c.querySelector<HTMLElement>(`input[aria-label="Compare version ${n}"]`)!);
    expect(compare.disabled).toBe(false);
    await click(compare);
    const diff = await waitFor(() => {
      const d = c.querySelector('[data-testid="diff-editor"]');
      if (!d) throw new Error('no diff yet');
      return d;
    });
    expect(diff.querySelector('.left')?.textContent).toContain('"a": 1');
    expect(diff.querySelector('.right')?.textContent).toContain('"a": 2');
  });

  it('refuses an invalid feature-flag document with its line and reason, then uploads a valid one', async () => {
    const { c, remote } = await setup();
    const upload = byRole(c, 'button', 'Upload version') as HTMLButtonElement;
    await click(
      [...c.querySelectorAll('label')].find((l) =>
        l.textContent?.includes('Feature-flag profile'),
      )!,
    );
    const editor = editorNamed(c, 'New version content');
    expect(editor.dataset['language']).toBe('json');
    await typeText(editor, '{\n  "flags": {},\n  "values": {}\n}');
    const alert = await waitFor(() => {
      const a = c.querySelector('.new-version [role="alert"]');
      if (!a) throw new Error('no refusal yet');
      return a;
    });
    expect(alert.textContent).toMatch(/^Line 1, column 1: the document: .*version/);
    expect(editor.dataset['problemLine']).toBe('1');
    expect(upload.disabled).toBe(true);

    await typeText(
      editor,
      '{"version":"1","flags":{"dark":{"name":"Dark"}},"values":{"dark":{"enabled":true}}}',
    );
    await waitFor(() => expect(upload.disabled).toBe(false));
    await typeInto(byLabel(c, 'Version label'), '3');
    expect(c.querySelector('.new-version .field-error')?.textContent).toBe(
      'A version label may not be only digits (AWS rule).',
    );
    expect(upload.disabled).toBe(true);
    await typeInto(byLabel(c, 'Version label'), 'v3');
    await click(upload);
    await waitFor(() => byRole(c, 'button', 'View 3'));
    expect(remote.requests.find((r) => r.method === 'createHostedVersion')?.params).toEqual({
      applicationId: 'app1',
      configurationProfileId: 'prof1',
      content:
        '{"version":"1","flags":{"dark":{"name":"Dark"}},"values":{"dark":{"enabled":true}}}',
      format: 'json',
      versionLabel: 'v3',
    });
    expect(c.textContent).toContain('Created version 3 (v3).');
  });

  it('refuses a YAML syntax error at its line', async () => {
    const { c } = await setup();
    await choose(selectByLabel(c, 'Format'), 'yaml');
    expect(editorNamed(c, 'New version content').dataset['language']).toBe('yaml');
    await typeText(editorNamed(c, 'New version content'), 'a: 1\nb: [1,\n');
    await waitFor(() =>
      expect(c.querySelector('.new-version [role="alert"]')?.textContent).toMatch(/^Line \d/),
    );
    expect((byRole(c, 'button', 'Upload version') as HTMLButtonElement).disabled).toBe(true);
  });
});
