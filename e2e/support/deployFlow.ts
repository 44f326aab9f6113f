// The Deployments view's steps every deploy e2e takes (browser specs, the code-server spec, the README
// screenshots): paste a document into the New version editor, upload it, make a linear strategy.
// Imported by e2e specs and e2e/screenshots.ts only.
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

type Scope = Page | Locator | FrameLocator;

/**
 * Replaces the whole Monaco document of the one code editor in `scope` by pasting, as a user would: typed
 * text would be auto-closed and auto-indented by the editor, a paste goes in verbatim. The clipboard is
 * written from the editor's own frame, which is what lands in it in a VS Code webview too.
 */
export async function setEditorText(page: Page, scope: Scope, text: string): Promise<void> {
  const editor = scope.getByTestId('code-editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+Shift+Home');
  await page.keyboard.press('Backspace');
  await expect(editor.locator('.view-lines')).toHaveText('');
  await editor.evaluate((_, pasted) => navigator.clipboard.writeText(pasted), text);
  await page.keyboard.press('Control+V');
}

/** Uploads the New version `form` and returns the version number it reports ("Created version N (label)."). */
export async function uploadVersion(form: Locator, label: string): Promise<string> {
  await form.getByRole('button', { name: 'Upload version' }).click();
  const created = form.getByRole('status').filter({ hasText: /^Created version/ });
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await expect(created).toHaveText(new RegExp(`^Created version \\d+ \\(${escaped}\\)\\.$`));
  return /Created version (\d+)/.exec(await created.innerText())![1]!;
}

/** Makes a LINEAR strategy with **New strategy** in `view`, and waits for its form to close. */
export async function createLinearStrategy(
  view: Locator,
  s: { name: string; factor: number; durationMinutes: number; bakeMinutes: number },
): Promise<void> {
  await view.getByRole('button', { name: 'New strategy' }).click();
  const form = view.getByRole('form', { name: 'New deployment strategy' });
  await form.getByLabel('Strategy name').fill(s.name);
  await form.getByLabel('Growth type').selectOption('LINEAR');
  await form.getByLabel('Growth factor (%)').fill(String(s.factor));
  await form.getByLabel('Deployment duration (minutes)').fill(String(s.durationMinutes));
  await form.getByLabel('Final bake time (minutes)').fill(String(s.bakeMinutes));
  await form.getByRole('button', { name: 'Create strategy' }).click();
  await expect(form).toHaveCount(0);
}
