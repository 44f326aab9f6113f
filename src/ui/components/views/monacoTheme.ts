// Which built-in Monaco theme matches the page: VS Code webview body classes first, then the app's own
// theme class or data-theme, then the OS preference. Kept apart from src/ui/monaco so tests need no Monaco.

export type MonacoTheme = 'vs' | 'vs-dark' | 'hc-black' | 'hc-light';

export function themeFromMarkers(markers: Iterable<string>, prefersDark: boolean): MonacoTheme {
  const set = new Set(markers);
  // VS Code sets vscode-high-contrast alongside vscode-high-contrast-light, so test the light variant first.
  if (set.has('vscode-high-contrast-light')) return 'hc-light';
  if (set.has('vscode-high-contrast')) return 'hc-black';
  if (set.has('vscode-dark') || set.has('dark') || set.has('theme-dark')) return 'vs-dark';
  if (set.has('vscode-light') || set.has('light') || set.has('theme-light')) return 'vs';
  return prefersDark ? 'vs-dark' : 'vs';
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
