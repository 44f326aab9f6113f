// Page helpers shared by the browser specs: the start form and the timeline rows, by role and label.
import type { Page } from '@playwright/test';

export async function startSession(
  page: Page,
  profile = 'app-config',
  minInterval?: number,
): Promise<void> {
  await page.getByLabel('Application').fill('demo-app');
  await page.getByLabel('Environment').fill('dev');
  await page.getByLabel('Configuration profile').fill(profile);
  if (minInterval !== undefined)
    await page.getByLabel('Minimum poll interval (seconds)').fill(String(minInterval));
  await page.getByRole('button', { name: 'Start session' }).click();
}

export const rows = (page: Page) => page.locator('[role="row"][data-seq]');
export const row = (page: Page, seq: number) => page.locator(`[role="row"][data-seq="${seq}"]`);
