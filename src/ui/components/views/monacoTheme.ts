// Which Monaco theme matches the page: VS Code webview body classes first, then the app's own theme class or
// data-theme (the header's toggle), then the OS preference; and the two themes of ours that light and dark map
// to. Plain data, kept apart from src/ui/monaco so tests need no Monaco: src/ui/monaco/setup.ts defines the
// themes, DiffEditor.tsx and CodeEditor.tsx follow the page with followPageTheme.

/** Ours for light and dark (built on Monaco's vs / vs-dark); Monaco's own for high contrast. */
export type MonacoTheme = 'aci-light' | 'aci-dark' | 'hc-black' | 'hc-light';

/** The shape monaco.editor.defineTheme takes (IStandaloneThemeData), without importing Monaco. */
export interface MonacoThemeData {
  base: 'vs' | 'vs-dark';
  inherit: true;
  rules: { token: string; foreground: string }[];
  colors: Record<string, string>;
}

/*
 * Monaco's vs and vs-dark, with the diff backgrounds made lighter and the token colours that fell under WCAG
 * AA's 4.5:1 on them moved just far enough (axe measured vs's number #098658 on removed text at 2.41:1). Each
 * colour below is at least 4.6:1 on the editor background and on inserted and removed lines and text, all
 * composited as Monaco paints them (line colour, then text colour, both translucent). Tokens not listed keep
 * Monaco's colours, which already pass on these backgrounds.
 */
export const MONACO_THEMES: Record<'aci-light' | 'aci-dark', MonacoThemeData> = {
  'aci-light': {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'number', foreground: '076341' },
      { token: 'type', foreground: '006161' },
      { token: 'comment', foreground: '006600' },
    ],
    colors: {
      'diffEditor.insertedLineBackground': '#9bb95526',
      'diffEditor.insertedTextBackground': '#9ccc2c33',
      'diffEditor.removedLineBackground': '#ff00001f',
      'diffEditor.removedTextBackground': '#ff000026',
    },
  },
  'aci-dark': {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'number.hex', foreground: '6dbca3' },
      { token: 'comment', foreground: '95b786' },
      { token: 'string', foreground: 'd5a28c' },
      { token: 'string.value.json', foreground: 'd5a28c' },
      { token: 'keyword', foreground: '7db3df' },
      { token: 'keyword.json', foreground: 'd5a28c' },
      { token: 'tag', foreground: '7db3df' },
    ],
    colors: {
      'diffEditor.insertedLineBackground': '#9bb9551f',
      'diffEditor.insertedTextBackground': '#9ccc2c1f',
      'diffEditor.removedLineBackground': '#ff000026',
      'diffEditor.removedTextBackground': '#ff000026',
    },
  },
};

export function themeFromMarkers(markers: Iterable<string>, prefersDark: boolean): MonacoTheme {
  const set = new Set(markers);
  // VS Code sets vscode-high-contrast alongside vscode-high-contrast-light, so test the light variant first.
  if (set.has('vscode-high-contrast-light')) return 'hc-light';
  if (set.has('vscode-high-contrast')) return 'hc-black';
  if (set.has('vscode-dark') || set.has('dark') || set.has('theme-dark')) return 'aci-dark';
  if (set.has('vscode-light') || set.has('light') || set.has('theme-light')) return 'aci-light';
  return prefersDark ? 'aci-dark' : 'aci-light';
}

/** Reads the current page; `data-theme="dark"` counts like a `theme-dark` class. */
export function pageTheme(doc: Document = document): MonacoTheme {
  const markers: string[] = [];
  for (const el of [doc.documentElement, doc.body]) {
    if (!el) continue;
    markers.push(...Array.from(el.classList));
    if (el.dataset.theme) markers.push(`theme-${el.dataset.theme}`);
  }
  const view = doc.defaultView;
  const prefersDark = view?.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  return themeFromMarkers(markers, prefersDark);
}

/**
 * Calls `apply` with the page's theme whenever it changes (VS Code swaps body classes, the app toggles its
 * theme, the OS flips dark mode); returns the function that stops following.
 */
export function followPageTheme(
  apply: (theme: MonacoTheme) => void,
  doc: Document = document,
): () => void {
  const update = () => apply(pageTheme(doc));
  const observer = new MutationObserver(update);
  for (const el of [doc.documentElement, doc.body])
    if (el) observer.observe(el, { attributes: true, attributeFilter: ['class', 'data-theme'] });
  const media = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener('change', update);
  return () => {
    observer.disconnect();
    media?.removeEventListener('change', update);
  };
}
