import { describe, expect, it, vi } from 'vitest';
import { ProtocolError, type ContentBlob } from '../../../protocol/messages.js';
import { DiffPanel } from './DiffPanel.js';
import { bytesToBase64, click, render, waitFor, withServer } from './testRender.js';

// Monaco takes ~10 s to load in happy-dom (docs/toolchain.md pitfall 13); the real editor is covered by
// Playwright. The stand-in shows exactly what the panel hands to the editor.
vi.mock('./DiffEditor.js', () => ({
  default: (props: {
    original: string;
    modified: string;
    language: string;
    sideBySide: boolean;
  }) => (
    <div
      data-testid="diff-editor"
      data-language={props.language}
      data-side-by-side={String(props.sideBySide)}
    >
      <pre className="left">{props.original}</pre>
      <pre className="right">{props.modified}</pre>
    </div>
  ),
}));

const blob = (hash: string, text: string, contentType = 'application/json'): ContentBlob => {
  const bytes = new TextEncoder().encode(text);
  return { contentHash: hash, contentType, size: bytes.length, base64: bytesToBase64(bytes) };
};

const contents: Record<string, ContentBlob> = {
  cfgA: blob('cfgA', '{"b":1,"a":{"x":true},"gone":0}'),
  cfgB: blob('cfgB', '{"a":{"x":false},"b":1,"added":"yes"}'),
  flagsA: blob('flagsA', '{"beta":{"enabled":false},"dark":{"enabled":true}}'),
  flagsB: blob(
    'flagsB',
    '{"beta":{"enabled":true,"limit":5},"dark":{"enabled":false},"newOne":{"enabled":false}}',
  ),
  textA: blob('textA', 'hello\r\nworld', 'text/plain'),
  textB: blob('textB', 'hello\nthere', 'text/plain'),
  badJson: blob('badJson', '{"a":1,\n"b":}'),
  huge: blob('huge', `[${'1234567,'.repeat(655_360)}0]`),
  notUtf8: {
    contentHash: 'notUtf8',
    contentType: 'application/json',
    size: 3,
    base64: bytesToBase64(new Uint8Array([0x7b, 0xc3, 0x7d])),
  },
};

const server = {
  getContent: ({ contentHash }: { contentHash: string }) => {
    const found = contents[contentHash];
    if (!found) throw new ProtocolError('notFound', `No content ${contentHash}.`);
    return found;
  },
};

async function renderPanel(originalHash: string, modifiedHash: string) {
  const view = await render(
    withServer(<DiffPanel originalHash={originalHash} modifiedHash={modifiedHash} />, server),
  );
  await waitFor(() => view.container.querySelector('.diff-panel, [role="alert"]') !== null);
  return view;
}

describe('DiffPanel', () => {
  it('summarises added, removed and changed keys and passes normalised JSON to the editor', async () => {
    const view = await renderPanel('cfgA', 'cfgB');
    const root = view.container;
    expect(root.querySelector('.diff-counts')?.textContent).toBe('1 added, 1 removed, 1 changed');
    expect(root.querySelector('.diff-paths.added')?.textContent).toContain('added');
    expect(root.querySelector('.diff-paths.removed')?.textContent).toContain('gone');
    expect(root.querySelector('.diff-paths.changed')?.textContent).toContain('a.x');
    expect(root.querySelector('.flag-changes')).toBeNull();
    const editor = root.querySelector<HTMLElement>('[data-testid="diff-editor"]');
    expect(editor?.dataset.language).toBe('json');
    expect(root.querySelector('.left')?.textContent).toBe(
      '{\n  "a": {\n    "x": true\n  },\n  "b": 1,\n  "gone": 0\n}\n',
    );
    await view.unmount();
  });

  it('toggles normalising off (raw text) and the inline layout', async () => {
    const view = await renderPanel('cfgA', 'cfgB');
    const root = view.container;
    const normalise = root.querySelector<HTMLInputElement>('.diff-toolbar input[type="checkbox"]');
    expect(normalise?.checked).toBe(true);
    await click(normalise);
    expect(root.querySelector('.left')?.textContent).toBe('{"b":1,"a":{"x":true},"gone":0}');
    const inline = Array.from(root.querySelectorAll('button')).find(
      (b) => b.textContent === 'Inline',
    );
    await click(inline);
    expect(root.querySelector<HTMLElement>('[data-testid="diff-editor"]')?.dataset.sideBySide).toBe(
      'false',
    );
    expect(inline?.getAttribute('aria-pressed')).toBe('true');
    await view.unmount();
  });

  it('recognises feature-flag documents by shape and lists flags turned on and off', async () => {
    const view = await renderPanel('flagsA', 'flagsB');
    const flags = view.container.querySelector('.flag-changes');
    expect(flags?.textContent).toContain('Turned on (1): beta');
    expect(flags?.textContent).toContain('Turned off (1): dark');
    expect(flags?.textContent).toContain('New flags (1): newOne');
    await view.unmount();
  });

  it('diffs text without a key summary and cannot normalise it', async () => {
    const view = await renderPanel('textA', 'textB');
    const root = view.container;
    expect(root.textContent).toContain('No key summary for text content');
    expect(
      root.querySelector<HTMLInputElement>('.diff-toolbar input[type="checkbox"]')?.disabled,
    ).toBe(true);
    expect(root.querySelector<HTMLElement>('[data-testid="diff-editor"]')?.dataset.language).toBe(
      'plaintext',
    );
    expect(root.querySelector('.left')?.textContent).toBe('hello\r\nworld');
    await view.unmount();
  });

  it('reports a version that cannot be fetched', async () => {
    const view = await renderPanel('cfgA', 'missing');
    expect(view.container.querySelector('[role="alert"]')?.textContent).toContain(
      'No content missing.',
    );
    await view.unmount();
  });

  it('flags invalid JSON and a 5 MB version, and still hands both whole texts to the editor', async () => {
    const view = await renderPanel('badJson', 'huge');
    const root = view.container;
    const warnings = Array.from(root.querySelectorAll('.view-warning'), (p) => p.textContent);
    expect(warnings).toEqual([
      expect.stringMatching(/^badJson: Invalid JSON at line 2, column 5: /),
      'huge: large document (5.0 MiB); the diff may take a few seconds.',
    ]);
    expect(root.querySelector('.left')?.textContent).toBe('{"a":1,\n"b":}');
    // Normalised: one array entry a line, so the editor gets more text than was served.
    expect(root.querySelector('.right')?.textContent?.length).toBeGreaterThan(contents.huge!.size);
    await view.unmount();
  });

  it('diffs a body declared JSON that is not UTF-8 as a hex dump, and says so', async () => {
    const view = await renderPanel('notUtf8', 'cfgA');
    const root = view.container;
    expect(Array.from(root.querySelectorAll('.view-warning'), (p) => p.textContent)).toEqual([
      'notUtf8: Declared application/json but the bytes are not valid UTF-8 (first bad byte at offset 1)',
    ]);
    expect(root.querySelector('.left')?.textContent).toContain('00000000  7b c3 7d');
    expect(root.querySelector<HTMLElement>('[data-testid="diff-editor"]')?.dataset.language).toBe(
      'plaintext',
    );
    await view.unmount();
  });
});
