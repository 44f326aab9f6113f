import { describe, expect, it } from 'vitest';
import { followPageTheme, pageTheme, themeFromMarkers } from './monacoTheme.js';

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

  it('follows a theme change on the page until told to stop', async () => {
    const seen: string[] = [];
    let witnessed: (theme: string) => void = () => undefined;
    const stop = followPageTheme((theme) => seen.push(theme));
    // A second follower that stays on proves each change was delivered before we look.
    const stopWitness = followPageTheme((theme) => witnessed(theme));
    const delivered = () => new Promise<string>((resolve) => (witnessed = resolve));
    let next = delivered();
    document.body.className = 'vscode-dark';
    expect(await next).toBe('vs-dark');
    expect(seen.at(-1)).toBe('vs-dark');
    stop();
    next = delivered();
    document.body.className = 'vscode-high-contrast';
    expect(await next).toBe('hc-black');
    expect(seen).toEqual(['vs-dark']);
    stopWitness();
    document.body.className = '';
  });
});
