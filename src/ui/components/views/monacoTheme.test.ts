import { describe, expect, it } from 'vitest';
import { followPageTheme, MONACO_THEMES, pageTheme, themeFromMarkers } from './monacoTheme.js';

describe('monaco theme', () => {
  it('follows VS Code webview body classes', () => {
    expect(themeFromMarkers(['vscode-light'], true)).toBe('aci-light');
    expect(themeFromMarkers(['vscode-dark'], false)).toBe('aci-dark');
    expect(themeFromMarkers(['vscode-high-contrast'], false)).toBe('hc-black');
    expect(themeFromMarkers(['vscode-high-contrast', 'vscode-high-contrast-light'], true)).toBe(
      'hc-light',
    );
  });

  it('falls back to the OS preference', () => {
    expect(themeFromMarkers([], true)).toBe('aci-dark');
    expect(themeFromMarkers(['app'], false)).toBe('aci-light');
  });

  it('reads classes and data-theme from the live document', () => {
    document.body.className = '';
    document.documentElement.dataset.theme = 'dark';
    expect(pageTheme()).toBe('aci-dark');
    delete document.documentElement.dataset.theme;
    document.body.classList.add('vscode-high-contrast');
    expect(pageTheme()).toBe('hc-black');
    document.body.className = '';
  });

  it('follows a theme change on the page until told to stop', async () => {
    const seen: string[] = [];
    let witnessed: (theme: string) => void = () => undefined;
    const stop = followPageTheme((theme) => seen.push(theme));
    // A second follower that stays on proves each change was delivered before we look.
    const stopWitness = followPageTheme((theme) => witnessed(theme));
    const delivered = () => new Promise<string>((resolve) => (witnessed = resolve));
    let next = delivered();
    document.body.className = 'vscode-dark';
    expect(await next).toBe('aci-dark');
    expect(seen.at(-1)).toBe('aci-dark');
    stop();
    next = delivered();
    document.body.className = 'vscode-high-contrast';
    expect(await next).toBe('hc-black');
    expect(seen).toEqual(['aci-dark']);
    stopWitness();
    document.body.className = '';
  });
});

/** #rrggbb or #rrggbbaa → [r, g, b, a] with a in 0..1. */
const rgba = (hex: string) => {
  const h = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
  return [r, g, b, h.length === 8 ? parseInt(h.slice(6, 8), 16) / 255 : 1] as const;
};
/** A translucent colour painted over an opaque one, as the browser composites Monaco's decorations. */
const over = (base: readonly number[], hex: string) => {
  const [r, g, b, a] = rgba(hex);
  return [r, g, b].map((c, i) => base[i]! * (1 - a) + c * a);
};
const luminance = (rgb: readonly number[]) => {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: readonly number[], b: readonly number[]) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('our Monaco themes', () => {
  // Monaco's vs and vs-dark editor backgrounds, which our themes inherit.
  const editorBackground = { 'aci-light': '#fffffe', 'aci-dark': '#1e1e1e' } as const;

  for (const [name, theme] of Object.entries(MONACO_THEMES)) {
    it(`${name}: every token colour it sets is at least 4.5:1 on the editor and on every diff background`, () => {
      const base = over([0, 0, 0], editorBackground[name as keyof typeof editorBackground]);
      const c = theme.colors;
      const backgrounds = {
        editor: base,
        insertedLine: over(base, c['diffEditor.insertedLineBackground']!),
        insertedText: over(
          over(base, c['diffEditor.insertedLineBackground']!),
          c['diffEditor.insertedTextBackground']!,
        ),
        removedLine: over(base, c['diffEditor.removedLineBackground']!),
        removedText: over(
          over(base, c['diffEditor.removedLineBackground']!),
          c['diffEditor.removedTextBackground']!,
        ),
      };
      const failing = theme.rules.flatMap((rule) =>
        Object.entries(backgrounds)
          .map(([where, bg]) => ({ where, ratio: contrast(over(base, `#${rule.foreground}`), bg) }))
          .filter(({ ratio }) => ratio < 4.5)
          .map(({ where, ratio }) => `${rule.token} on ${where}: ${ratio.toFixed(2)}`),
      );
      expect(failing).toEqual([]);
    });
  }
});
