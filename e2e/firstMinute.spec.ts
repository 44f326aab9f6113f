// The first minute on `npm start`'s embedded emulator, in Chromium against the real `serve` stack: the empty
// state offers the seeded demo (one click to a session with content), the pickers show what the control plane
// lists as the user types, and a started triple comes back as a one-click Recent entry, also after a reload.
// axe-core checks these parts (the sidebar and the empty state) with the picker list open.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { row, startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const sessions = (page: Page) =>
  page.getByRole('listbox', { name: 'Sessions' }).getByRole('option');
const form = (page: Page) => page.getByRole('form', { name: 'Start a session' });
/** The suggestions open under a picker: the listbox its combobox controls. */
const suggestions = (page: Page) =>
  form(page).getByRole('listbox', { name: 'Suggestions' }).getByRole('option');

test('the empty state offers the demo, and one click starts a session that gets content', async ({
  page,
}, info) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  const empty = page.getByRole('region', { name: 'No session selected' });
  await expect(empty).toContainText('demo-app / dev');
  await expect(empty.getByRole('button', { name: 'Start the feature-flags demo' })).toBeVisible();
  await page.screenshot({ path: info.outputPath('empty-state.png'), fullPage: true });

  await empty.getByRole('button', { name: 'Start the demo session' }).click();

  await expect(page.locator('#session-title')).toHaveText('demo-app / dev / app-config');
  await expect(row(page, 1)).toContainText('New content');
  await expect(row(page, 1)).toContainText('v1.1.0');
  await expect(sessions(page)).toHaveCount(1);
});

test('the pickers list applications, environments and profiles as the user types', async ({
  page,
}, info) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  const application = form(page).getByRole('combobox', { name: 'Application' });

  await application.focus();
  await expect(application).toHaveAttribute('aria-expanded', 'true');
  await expect(suggestions(page)).toHaveText([/^demo-app/]);
  await application.pressSequentially('dem');
  await expect(suggestions(page)).toHaveText([/^demo-app/]);
  await suggestions(page).filter({ hasText: 'demo-app' }).click();
  await expect(application).toHaveValue('demo-app');
  await expect(application).toHaveAttribute('aria-expanded', 'false');

  await form(page).getByRole('combobox', { name: 'Environment' }).focus();
  await expect(suggestions(page)).toHaveText([/^dev/, /^prod/]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(form(page).getByRole('combobox', { name: 'Environment' })).toHaveValue('dev');

  const profile = form(page).getByRole('combobox', { name: 'Configuration profile' });
  await profile.focus();
  // The demo's four profiles, in the control plane's order.
  await expect(suggestions(page)).toHaveCount(4);
  await expect(suggestions(page).filter({ hasText: /^app-config/ })).toHaveCount(1);
  await page.screenshot({ path: info.outputPath('profile-picker.png') });
  await profile.pressSequentially('flag');
  await expect(suggestions(page)).toHaveText([/^feature-flags/]);
  await page.keyboard.press('Escape');
  await expect(profile).toHaveAttribute('aria-expanded', 'false');
});

test('a recent entry appears after a session and starts the same triple in one click, also after a reload', async ({
  page,
}) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  const recent = form(page)
    .getByRole('group', { name: 'Recent' })
    .getByRole('button', { name: 'demo-app / dev / feature-flags' });
  await expect(recent).toHaveCount(0);

  await startSession(page, 'feature-flags');
  await expect(row(page, 1)).toContainText('New content');
  await expect(recent).toBeVisible();

  await page.reload();
  await expect(recent).toBeVisible();
  await recent.click();

  await expect(sessions(page)).toHaveCount(2);
  await expect(sessions(page).first()).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#session-title')).toHaveText('demo-app / dev / feature-flags');
  await expect(row(page, 1)).toContainText('New content');
  await expect(row(page, 1)).toContainText('flags-');
});

/** Serious or critical axe violations within the parts named by `selectors`, one line each. */
async function seriousViolations(page: Page, selectors: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  for (const selector of selectors) builder.include(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe finds no serious or critical violation in the demo offer, an open picker list and the Recent entries', async ({
  page,
}) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await expect(page.getByRole('button', { name: 'Start the demo session' })).toBeVisible();
  await form(page).getByRole('combobox', { name: 'Application' }).focus();
  await expect(suggestions(page)).toHaveCount(1);
  expect(await seriousViolations(page, ['aside.sidebar', 'section.empty-state'])).toEqual([]);

  await startSession(page);
  await expect(row(page, 1)).toContainText('New content');
  await expect(form(page).getByRole('group', { name: 'Recent' })).toBeVisible();
  await form(page).getByRole('combobox', { name: 'Configuration profile' }).fill('');
  await expect(suggestions(page).first()).toContainText('recent');
  expect(await seriousViolations(page, ['aside.sidebar'])).toEqual([]);
});
