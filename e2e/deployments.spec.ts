// The Deployments tab in Chromium against the real `serve` stack, its emulator running deployments 120× faster:
// write a new hosted version (refused while its JSON is broken), deploy it with a linear strategy made in the
// view, watch it reach COMPLETE, see the open session's next poll get it, then stop a slower deployment.
import { expect, test, type Page } from '@playwright/test';
import { createLinearStrategy, setEditorText, uploadVersion } from './support/deployFlow.js';
import { row, startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const tabPanel = (page: Page) => page.getByRole('tabpanel');
const panel = (page: Page) => tabPanel(page).getByRole('region', { name: /^Deployment \d+$/ });

test('write a version, deploy it linearly, see the session get it, and stop a slower deployment', async ({
  page,
  context,
}, info) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  stack = await startStack(['--time-scale', '120']);
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('v1.1.0');

  await page.getByRole('tab', { name: 'Deployments' }).click();
  const view = tabPanel(page);
  await expect(view.getByRole('combobox', { name: 'Application', exact: true })).toHaveValue(
    'demo-app',
  );
  await expect(view.getByRole('combobox', { name: 'Environment', exact: true })).toHaveValue('dev');
  await expect(
    view.getByRole('combobox', { name: 'Configuration profile', exact: true }),
  ).toHaveValue('app-config');

  // New version: broken JSON is refused with its line, then fixed and uploaded.
  const form = view.getByRole('form', { name: 'New version' });
  const upload = form.getByRole('button', { name: 'Upload version' });
  await form.getByLabel('Format').selectOption('json');
  await form.getByLabel('Version label').fill('e2e-v2');
  // A missing comma: the problem is on line 3, where the next key starts.
  await setEditorText(page, form, '{\n  "logLevel": "info"\n  "maxConnections": 50\n}\n');
  await expect(form.getByRole('alert')).toHaveText(
    /^Line 3, column 3: Expected ',' or '}' after property value/,
  );
  await expect(upload).toBeDisabled();
  const content = { logLevel: 'info', maxConnections: 50, endpoints: { api: 'https://e2e' } };
  await setEditorText(page, form, JSON.stringify(content, null, 2));
  await expect(form.getByRole('status')).toHaveText('Ready to upload.');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(upload).toBeEnabled();
  const versionNumber = await uploadVersion(form, 'e2e-v2');

  // Deploy it with a linear strategy made here: 4 steps of 25% over 4 min, 1 min bake (2.5 s at 120×).
  const deploy = view.getByRole('form', { name: 'Start a deployment' });
  await deploy.getByLabel('Version to deploy').selectOption(versionNumber);
  await createLinearStrategy(view, {
    name: 'e2e-linear',
    factor: 25,
    durationMinutes: 4,
    bakeMinutes: 1,
  });
  await expect(deploy.getByLabel('Deployment strategy')).toHaveAccessibleDescription(
    'Growth LINEAR, factor 25%, duration 4 min, bake 1 min',
  );
  await deploy.getByRole('button', { name: 'Deploy', exact: true }).click();

  const first = panel(page);
  await expect(first.getByRole('heading', { level: 3 })).toContainText(
    `version ${versionNumber} (e2e-v2)`,
  );
  const progress = first.getByRole('progressbar', { name: 'Percentage complete' });
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 20_000 });
  await expect(first.getByText('State: COMPLETE')).toBeVisible({ timeout: 20_000 });
  await expect(first.getByLabel('Deployment event log')).toContainText('DEPLOYMENT_COMPLETED');
  await page.screenshot({ path: info.outputPath('deployed.png'), fullPage: true });

  // The session's next poll gets the new version (polled early rather than waiting out AWS's 60 s).
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await page
    .getByRole('toolbar', { name: 'Session controls' })
    .getByRole('button', { name: 'Poll now (ignore interval)', exact: true })
    .click();
  await expect(row(page, 2)).toContainText('New content');
  await expect(row(page, 2)).toContainText('e2e-v2');
  // The deployment is on the session's timeline, and the poll that got its version is marked.
  const chip = row(page, 2).locator('.receipt-chip');
  await expect(chip).toHaveText('received here');
  await expect(chip).toHaveAttribute('title', /^Received e2e-v2 here \(deployment #\d+\)$/);
  // Even that row's Outcome cell fits at 1,280 px.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect
    .poll(() =>
      row(page, 2)
        .locator('.cell-outcome')
        .evaluate((c) => c.scrollWidth <= c.clientWidth),
    )
    .toBe(true);
  await page.setViewportSize({ width: 1400, height: 900 });
  const markers = page.locator('.timeline-body .deployment-row');
  await expect(markers.filter({ hasText: /of e2e-v2 started \(e2e-linear\)$/ })).toHaveCount(1);
  await expect(markers.filter({ hasText: /Deployment #\d+ complete$/ })).toHaveCount(1);

  // A slower deployment (predefined, 30 min + 30 min bake: 30 s at 120×), stopped through its confirmation.
  await page.getByRole('tab', { name: 'Deployments' }).click();
  const again = tabPanel(page).getByRole('form', { name: 'Start a deployment' });
  const previous = again.getByLabel('Version to deploy').locator('option', { hasText: '(v1.1.0)' });
  await again.getByLabel('Version to deploy').selectOption((await previous.getAttribute('value'))!);
  await again
    .getByLabel('Deployment strategy')
    .selectOption('AppConfig.Linear20PercentEvery6Minutes');
  await again.getByRole('button', { name: 'Deploy', exact: true }).click();
  const second = panel(page);
  await expect(second.getByRole('heading', { level: 3 })).toContainText('(v1.1.0)');
  await expect(second.getByText('State: DEPLOYING')).toBeVisible();
  await second.getByRole('button', { name: 'Stop deployment', exact: true }).click();
  const confirm = second.getByRole('alertdialog');
  await expect(confirm).toContainText(/^Stop deployment \d+\? It rolls back: /);
  await expect(confirm).toContainText(`version ${versionNumber} (e2e-v2)`);
  await confirm.getByRole('button', { name: 'Confirm: Stop deployment' }).click();
  await expect(second.getByText('State: ROLLED_BACK')).toBeVisible({ timeout: 15_000 });
  await expect(second.getByRole('button', { name: 'Stop deployment' })).toHaveCount(0);
  const log = second.getByLabel('Deployment event log');
  await expect(log).toContainText('ROLLBACK_STARTED by USER');
  await expect(log).toContainText('ROLLBACK_COMPLETED by APPCONFIG');
  await expect(
    tabPanel(page).getByRole('list', { name: 'Deployments of this environment' }),
  ).toContainText('ROLLED_BACK');
  await page.screenshot({ path: info.outputPath('stopped.png'), fullPage: true });
});
