// The Deployments tab inside the VS Code panel (code-server, the packaged .vsix, the emulator the extension
// starts): write a new hosted version in Monaco (refused while its JSON is broken), deploy it with a linear
// strategy made in the view, watch it reach COMPLETE, see the session's next poll get it, then start a slow
// deployment and stop it through its confirmation.
//
// The extension has no setting for the emulator's time scale, so its deployments run in real time: the
// first one uses a strategy with no duration and no bake time (COMPLETE at once, the fastest AWS allows),
// the second a predefined 30-minute one that is stopped long before its first step.
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { inspectorFrame, openWorkbench, runCommand } from './workbench.js';

const dataDir = process.env.ACI_DATA_DIR;

const row = (ui: FrameLocator, seq: number) => ui.locator(`[role="row"][data-seq="${seq}"]`);
const tabPanel = (ui: FrameLocator) => ui.getByRole('tabpanel');
const deploymentPanel = (ui: FrameLocator) =>
  tabPanel(ui).getByRole('region', { name: /^Deployment \d+$/ });

/**
 * Replaces the whole Monaco document by pasting, as a user would (typed text would be auto-closed and
 * auto-indented). In code-server the webview lets the browser handle Ctrl+V itself, so the system clipboard
 * (written from the webview's own frame) is what lands in the editor.
 */
async function setEditorText(page: Page, ui: FrameLocator, text: string): Promise<void> {
  const editor = ui.getByTestId('code-editor');
  await expect(editor.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Control+Shift+Home');
  await page.keyboard.press('Backspace');
  await expect(editor.locator('.view-lines')).toHaveText('');
  await editor.evaluate((_, pasted) => navigator.clipboard.writeText(pasted), text);
  await page.keyboard.press('Control+V');
}

test('in the VS Code panel: write a version, deploy it, see the session get it, and stop a slower deployment', async ({
  page,
  context,
}, info) => {
  expect(dataDir, 'run through e2e/vscode/run.sh').toBeTruthy();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  await openWorkbench(page);
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'AppConfig Inspector: Open');
  const ui = inspectorFrame(page);

  await ui.getByLabel('Application', { exact: true }).fill('demo-app');
  await ui.getByLabel('Environment', { exact: true }).fill('dev');
  await ui.getByLabel('Configuration profile', { exact: true }).fill('app-config');
  await ui.getByRole('button', { name: 'Start session' }).click();
  await expect(ui.getByRole('heading', { name: 'demo-app / dev / app-config' })).toBeVisible();
  await expect(row(ui, 1)).toContainText('v1.1.0');

  await ui.getByRole('tab', { name: 'Deployments' }).click();
  const view = tabPanel(ui);
  await expect(view.getByRole('combobox', { name: 'Application', exact: true })).toHaveValue(
    'demo-app',
  );
  await expect(view.getByRole('combobox', { name: 'Environment', exact: true })).toHaveValue('dev');
  await expect(
    view.getByRole('combobox', { name: 'Configuration profile', exact: true }),
  ).toHaveValue('app-config');

  // New version: broken JSON is refused with its line and reason, then fixed and uploaded.
  const form = view.getByRole('form', { name: 'New version' });
  const upload = form.getByRole('button', { name: 'Upload version' });
  await form.getByLabel('Format').selectOption('json');
  await form.getByLabel('Version label').fill('vsc-v2');
  // A missing comma: the problem is on line 3, where the next key starts.
  await setEditorText(page, ui, '{\n  "logLevel": "info"\n  "maxConnections": 50\n}\n');
  await expect(form.getByRole('alert')).toHaveText(
    /^Line 3, column 3: Expected ',' or '}' after property value/,
  );
  await expect(upload).toBeDisabled();
  const content = { logLevel: 'info', maxConnections: 50, endpoints: { api: 'https://vscode' } };
  await setEditorText(page, ui, JSON.stringify(content, null, 2));
  await expect(form.getByRole('status')).toHaveText('Ready to upload.');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(upload).toBeEnabled();
  await upload.click();
  const created = form.getByRole('status').filter({ hasText: /^Created version/ });
  await expect(created).toHaveText(/^Created version \d+ \(vsc-v2\)\.$/);
  const versionNumber = /Created version (\d+)/.exec(await created.innerText())![1]!;

  // Deploy it with a linear strategy made here: no duration and no bake time, so COMPLETE in real time.
  const deploy = view.getByRole('form', { name: 'Start a deployment' });
  await deploy.getByLabel('Version to deploy').selectOption(versionNumber);
  await view.getByRole('button', { name: 'New strategy' }).click();
  const strategyForm = view.getByRole('form', { name: 'New deployment strategy' });
  await strategyForm.getByLabel('Strategy name').fill('vsc-linear-now');
  await strategyForm.getByLabel('Growth type').selectOption('LINEAR');
  await strategyForm.getByLabel('Growth factor (%)').fill('100');
  await strategyForm.getByLabel('Deployment duration (minutes)').fill('0');
  await strategyForm.getByLabel('Final bake time (minutes)').fill('0');
  await strategyForm.getByRole('button', { name: 'Create strategy' }).click();
  await expect(strategyForm).toHaveCount(0);
  await expect(deploy.getByLabel('Deployment strategy')).toHaveAccessibleDescription(
    'Growth LINEAR, factor 100%, duration 0 min, bake 0 min',
  );
  await deploy.getByRole('button', { name: 'Deploy', exact: true }).click();

  const first = deploymentPanel(ui);
  await expect(first.getByRole('heading', { level: 3 })).toContainText(
    `version ${versionNumber} (vsc-v2)`,
  );
  await expect(first.getByRole('progressbar', { name: 'Percentage complete' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await expect(first.getByText('State: COMPLETE')).toBeVisible();
  await expect(first.getByLabel('Deployment event log')).toContainText('DEPLOYMENT_COMPLETED');
  await first.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('deployed.png') });

  // The session's next poll gets the new version (polled early rather than waiting out AWS's 60 s).
  await ui.getByRole('tab', { name: 'Timeline' }).click();
  await ui
    .getByRole('toolbar', { name: 'Session controls' })
    .getByRole('button', { name: 'Poll now (ignore interval)', exact: true })
    .click();
  await expect(row(ui, 2)).toContainText('New content');
  await expect(row(ui, 2)).toContainText('vsc-v2');

  // A slow deployment (predefined: 20% every 6 minutes of real time), stopped through its confirmation.
  await ui.getByRole('tab', { name: 'Deployments' }).click();
  const again = tabPanel(ui).getByRole('form', { name: 'Start a deployment' });
  const previous = again.getByLabel('Version to deploy').locator('option', { hasText: '(v1.1.0)' });
  await again.getByLabel('Version to deploy').selectOption((await previous.getAttribute('value'))!);
  await again
    .getByLabel('Deployment strategy')
    .selectOption('AppConfig.Linear20PercentEvery6Minutes');
  await again.getByRole('button', { name: 'Deploy', exact: true }).click();
  const second = deploymentPanel(ui);
  await expect(second.getByRole('heading', { level: 3 })).toContainText('(v1.1.0)');
  await expect(second.getByText('State: DEPLOYING')).toBeVisible();
  await second.getByRole('button', { name: 'Stop deployment', exact: true }).click();
  const confirm = second.getByRole('alertdialog');
  await expect(confirm).toContainText(/^Stop deployment \d+\? It rolls back: /);
  await expect(confirm).toContainText(`version ${versionNumber} (vsc-v2)`);
  await confirm.getByRole('button', { name: 'Confirm: Stop deployment' }).click();
  await expect(second.getByText('State: ROLLED_BACK')).toBeVisible();
  await expect(second.getByRole('button', { name: 'Stop deployment' })).toHaveCount(0);
  const log = second.getByLabel('Deployment event log');
  await expect(log).toContainText('ROLLBACK_STARTED by USER');
  await expect(log).toContainText('ROLLBACK_COMPLETED by APPCONFIG');
  await expect(
    tabPanel(ui).getByRole('list', { name: 'Deployments of this environment' }),
  ).toContainText('ROLLED_BACK');
  await second.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('stopped.png') });
});
