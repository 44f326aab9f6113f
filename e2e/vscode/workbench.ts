// Helpers for driving the code-server workbench and the inspector's webview from Playwright, for the remote
// ("Machine") settings run.sh wrote, and for finding the embedded emulator the extension started. Used by
// e2e/vscode specs only.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type FrameLocator, type Page } from '@playwright/test';

/** The inspector page inside VS Code's webview (an iframe holding the content iframe). */
export function inspectorFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/**
 * Merges `patch` into the Machine settings.json run.sh wrote (ACI_MACHINE_SETTINGS). Before openWorkbench, the
 * extension starts with them; later, VS Code sees the file change and the extension restarts its service.
 */
export function setMachineSettings(patch: Record<string, unknown>): void {
  const file = process.env.ACI_MACHINE_SETTINGS;
  if (!file) throw new Error('ACI_MACHINE_SETTINGS is unset: run through e2e/vscode/run.sh');
  const settings = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...settings, ...patch }, null, 2));
}

export async function openWorkbench(page: Page): Promise<void> {
  await page.goto(process.env.VSCODE_PATH ?? '/');
  await expect(page.locator('.statusbar')).toBeVisible({ timeout: 90_000 });
}

/** Runs a command from the palette; retried because right after startup the extension's commands may be missing. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.fill(`>${title}`);
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await row.click();
}

/** The URL the extension's emulator announced in <dataDirectory>/emulator.json. */
export async function emulatorUrl(dataDir: string): Promise<string> {
  let url: string | undefined;
  await expect(() => {
    url = (JSON.parse(readFileSync(join(dataDir, 'emulator.json'), 'utf8')) as { url: string }).url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  }).toPass({ timeout: 30_000 });
  return url!;
}
