// The header's theme choice in the browser: "System" (follow prefers-color-scheme), "Light" or "Dark",
// persisted through usePreference and applied as html[data-theme], which styles.css and monacoTheme.ts read.
// Imported by Header.tsx. Renders nothing in the VS Code panel, where VS Code's own theme is the one to follow.
import { useLayoutEffect } from 'react';
import { usePreference } from '../../usePreference.js';
import './themeToggle.css';

export type ThemeChoice = 'system' | 'light' | 'dark';

const CHOICES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export const THEME_PREFERENCE = 'theme';

export const isThemeChoice = (value: unknown): value is ThemeChoice =>
  value === 'system' || value === 'light' || value === 'dark';

/** main.tsx marks the host on <html>; inside VS Code the body's vscode-* classes own the theme. */
const inVsCode = () => document.documentElement.dataset['host'] === 'vscode';

/** "System" removes the pin, so the OS preference (and its live changes) apply again. */
export function applyThemeChoice(
  choice: ThemeChoice,
  root: HTMLElement = document.documentElement,
) {
  if (choice === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = choice;
}

export function ThemeToggle() {
  const [choice, setChoice] = usePreference<ThemeChoice>(THEME_PREFERENCE, 'system', isThemeChoice);
  const hidden = inVsCode();

  // Before the browser paints, so a reload with Dark pinned never flashes the OS theme first.
  useLayoutEffect(() => {
    if (!hidden) applyThemeChoice(choice);
  }, [choice, hidden]);

  if (hidden) return null;
  return (
    <fieldset className="theme-toggle">
      <legend className="theme-toggle-legend">Theme</legend>
      {CHOICES.map(({ value, label }) => (
        <label key={value} className="theme-toggle-option">
          <input
            type="radio"
            name="theme"
            value={value}
            checked={choice === value}
            onChange={() => setChoice(value)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
