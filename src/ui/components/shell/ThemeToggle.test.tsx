// The header's theme choice: three labelled radios, the choice pinned on <html> and persisted, a stored
// value from an older build ignored, and nothing at all inside VS Code, whose own theme the panel follows.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { INITIAL_UI_STATE, serializeUiState } from '../../uiState.js';
import {
  createInMemoryClient,
  memoryStore,
  renderWithProviders,
  type Rendered,
} from '../../testSupport.js';
import { ThemeToggle } from './ThemeToggle.js';

let view: Rendered | undefined;
afterEach(() => {
  view?.unmount();
  view = undefined;
  delete document.documentElement.dataset['theme'];
  delete document.documentElement.dataset['host'];
});

const withTheme = (theme: unknown) =>
  memoryStore(serializeUiState({ ...INITIAL_UI_STATE, preferences: { theme } }));

async function mount(store = memoryStore()) {
  view = await renderWithProviders(<ThemeToggle />, createInMemoryClient({}).client, store);
  return view.container;
}

const radio = (c: HTMLElement, label: string) =>
  Array.from(c.querySelectorAll<HTMLLabelElement>('label')).find((l) => l.textContent === label)
    ?.control as HTMLInputElement | undefined;

describe('ThemeToggle', () => {
  it('offers System, Light and Dark as one radio group named Theme, System checked at first', async () => {
    const c = await mount();
    expect(c.querySelector('fieldset legend')?.textContent).toBe('Theme');
    expect(
      Array.from(c.querySelectorAll('input[type="radio"]'), (r) => r.parentElement?.textContent),
    ).toEqual(['System', 'Light', 'Dark']);
    expect(radio(c, 'System')?.checked).toBe(true);
    expect(document.documentElement.dataset['theme']).toBeUndefined();
  });

  it('pins the chosen theme on <html> and persists it; System removes the pin', async () => {
    const store = memoryStore();
    const c = await mount(store);
    await act(async () => radio(c, 'Dark')!.click());
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(radio(c, 'Dark')?.checked).toBe(true);
    expect((store.saved as { preferences: Record<string, unknown> }).preferences['theme']).toBe(
      'dark',
    );
    await act(async () => radio(c, 'System')!.click());
    expect(document.documentElement.dataset['theme']).toBeUndefined();
  });

  it('restores a stored choice and ignores a value it does not know', async () => {
    const c = await mount(withTheme('light'));
    expect(radio(c, 'Light')?.checked).toBe(true);
    expect(document.documentElement.dataset['theme']).toBe('light');
    view!.unmount();
    delete document.documentElement.dataset['theme'];
    const d = await mount(withTheme('solarized'));
    expect(radio(d, 'System')?.checked).toBe(true);
    expect(document.documentElement.dataset['theme']).toBeUndefined();
  });

  it('renders nothing and pins nothing in the VS Code panel', async () => {
    document.documentElement.dataset['host'] = 'vscode';
    const c = await mount(withTheme('dark'));
    expect(c.childElementCount).toBe(0);
    expect(document.documentElement.dataset['theme']).toBeUndefined();
  });
});
