import { describe, expect, it } from 'vitest';
import { pageTheme, themeFromMarkers } from './monacoTheme.js';

describe('monaco theme', () => {
  it('follows VS Code webview body classes', () => {
    expect(themeFromMarkers(['vscode-light'], true)).toBe('vs');
    expect(themeFromMarkers(['vscode-dark'], false)).toBe('vs-dark');
    expect(themeFromMarkers(['vscode-high-contrast'], false)).toBe('hc-black');
    expect(themeFromMarkers(['vscode-high-contrast', 'vscode-high-contrast-light'], true)).toBe(
      'hc-light',
    );
  });

  it('falls back to the OS preference', () => {
    expect(themeFromMarkers([], true)).toBe('vs-dark');
    expect(themeFromMarkers(['app'], false)).toBe('vs');
  });

  it('reads classes and data-theme from the live document', () => {
    document.body.className = '';
    document.documentElement.dataset.theme = 'dark';
    expect(pageTheme()).toBe('vs-dark');
    delete document.documentElement.dataset.theme;
    document.body.classList.add('vscode-high-contrast');
    expect(pageTheme()).toBe('hc-black');
    document.body.className = '';
  });
});
