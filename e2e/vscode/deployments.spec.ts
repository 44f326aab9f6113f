// The Deployments tab inside the VS Code panel (code-server, the packaged .vsix, the emulator the extension
// starts at appconfigInspector.emulatorTimeScale 120, as the browser spec runs `--time-scale 120`): start a
// 10-member fleet and a session from the panel's form, write a new hosted version in Monaco (refused while its
// JSON is broken), deploy it with a linear 50% strategy made in the view and see the 50% step mid-rollout then
// COMPLETE, see the session's timeline show the deployment rows and its next poll get the version, see the
// fleet's chart move to it, then start a slower deployment and stop it through its confirmation.
import { expect, test, type FrameLocator } from '@playwright/test';
import { createLinearStrategy, setEditorText, uploadVersion } from '../support/deployFlow.js';
import { inspectorFrame, openWorkbench, runCommand, setMachineSettings } from './workbench.js';

const dataDir = process.env.ACI_DATA_DIR;

const row = (ui: FrameLocator, seq: number) => ui.locator(`[role="row"][data-seq="${seq}"]`);
const tabPanel = (ui: FrameLocator) => ui.getByRole('tabpanel');
const deploymentPanel = (ui: FrameLocator) =>
  tabPanel(ui).getByRole('region', { name: /^Deployment \d+$/ });

test('in the VS Code panel: deploy linearly to a session and a fleet, see it on the timeline and chart, stop a slower one', async ({
  page,
  context,
}, info) => {
  expect(dataDir, 'run through e2e/vscode/run.sh').toBeTruthy();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  // Read when the extension starts (on the Open command below): 20 emulated minutes take 10 s.
  setMachineSettings({ 'appconfigInspector.emulatorTimeScale': 120 });

  await openWorkbench(page);
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'AppConfig Inspector: Open');
  const ui = inspectorFrame(page);

  // A fleet first, polling every 15 s so it takes the deployment soon after it completes; then the session
  // (AWS's default 60 s, polled early below), which the panel switches to.
  const start = ui.getByRole('form', { name: 'Start a session' });
  await start.getByLabel('Application', { exact: true }).fill('demo-app');
  await start.getByLabel('Environment', { exact: true }).fill('dev');
  await start.getByLabel('Configuration profile', { exact: true }).fill('app-config');
  await start.getByLabel('Minimum poll interval (seconds)').fill('15');
  await start.getByLabel('Fleet size').fill('10');
  await start.getByRole('button', { name: 'Start fleet' }).click();
  await expect(
    ui.getByRole('heading', { name: 'Fleet of 10: demo-app / dev / app-config' }),
  ).toBeVisible();
  await start.getByLabel('Minimum poll interval (seconds)').fill('');
  await start.getByRole('button', { name: 'Start session' }).click();
  await expect(
    ui.getByRole('heading', { name: 'demo-app / dev / app-config', exact: true }),
  ).toBeVisible();
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
  await setEditorText(page, form, '{\n  "logLevel": "info"\n  "maxConnections": 50\n}\n');
  await expect(form.getByRole('alert')).toHaveText(
    /^Line 3, column 3: Expected ',' or '}' after property value/,
  );
  await expect(upload).toBeDisabled();
  const content = { logLevel: 'info', maxConnections: 50, endpoints: { api: 'https://vscode' } };
  await setEditorText(page, form, JSON.stringify(content, null, 2));
  await expect(form.getByRole('status')).toHaveText('Ready to upload.');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(upload).toBeEnabled();
  const versionNumber = await uploadVersion(form, 'vsc-v2');

  // Deploy it with a linear strategy made here: 50% at 10 min, 100% at 20 min, 1 min bake (5, 10, 10.5 s).
  const deploy = view.getByRole('form', { name: 'Start a deployment' });
  await deploy.getByLabel('Version to deploy').selectOption(versionNumber);
  await createLinearStrategy(view, {
    name: 'vsc-linear',
    factor: 50,
    durationMinutes: 20,
    bakeMinutes: 1,
  });
  await expect(deploy.getByLabel('Deployment strategy')).toHaveAccessibleDescription(
    'Growth LINEAR, factor 50%, duration 20 min, bake 1 min',
  );
  await deploy.getByRole('button', { name: 'Deploy', exact: true }).click();

  const first = deploymentPanel(ui);
  await expect(first.getByRole('heading', { level: 3 })).toContainText(
    `version ${versionNumber} (vsc-v2)`,
  );
  const deploymentNumber = /^Deployment (\d+)$/.exec(
    (await first.getAttribute('aria-label'))!,
  )![1]!;
  const progress = first.getByRole('progressbar', { name: 'Percentage complete' });
  // The step lasts 5 s; the panel re-reads the deployment every 1.5 s.
  await expect(progress, 'the 50% step (needs emulatorTimeScale 120)').toHaveAttribute(
    'aria-valuenow',
    '50',
  );
  await expect(first.getByText('State: DEPLOYING')).toBeVisible();
  await expect(first.getByText('Next step (to 100%)')).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  await expect(first.getByText('State: COMPLETE')).toBeVisible();
  const events = first.getByLabel('Deployment event log');
  await expect(events).toContainText('Configuration available to 50.00% of clients');
  await expect(events).toContainText('DEPLOYMENT_COMPLETED');
  await first.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('deployed.png') });

  // The session's next poll gets the new version (polled early rather than waiting out AWS's 60 s), is
  // marked as the poll that received it, and the deployment's rows sit among the polls.
  await ui.getByRole('tab', { name: 'Timeline' }).click();
  await ui
    .getByRole('toolbar', { name: 'Session controls' })
    .getByRole('button', { name: 'Poll now (ignore interval)', exact: true })
    .click();
  await expect(row(ui, 2)).toContainText('New content');
  await expect(row(ui, 2)).toContainText('vsc-v2');
  await expect(row(ui, 2).locator('.receipt-chip')).toHaveText('received here');
  await expect(row(ui, 2).locator('.receipt-chip')).toHaveAttribute(
    'title',
    /^Received vsc-v2 here/,
  );
  const marks = ui.locator(`.timeline-body [role="row"][data-deployment="${deploymentNumber}"]`);
  const name = `Deployment #${deploymentNumber}`;
  await expect(marks.filter({ hasText: /of vsc-v2 started \(vsc-linear\)$/ })).toHaveCount(1);
  await expect(marks.filter({ hasText: new RegExp(`${name} at 50%$`) })).toHaveCount(1);
  await expect(marks.filter({ hasText: new RegExp(`${name} complete$`) })).toHaveCount(1);
  await expect(
    ui.locator('[data-lane-receipt="2"]'),
    'the ring on the lanes at the receiving poll',
  ).toHaveCount(1);
  await page.screenshot({ path: info.outputPath('timeline.png') });

  // The fleet's chart: every member moves to vsc-v2 within a poll interval (15 s + 2 s jitter) of 100%.
  await ui
    .getByRole('listbox', { name: 'Sessions' })
    .getByRole('option', { name: /fleet of 10/ })
    .click();
  const chart = ui.getByRole('group', { name: 'Rollout chart' });
  await expect(chart.getByRole('img')).toHaveAccessibleName(
    'Fleet of 10 members: 10 hold vsc-v2. The deployment is at 100%.',
    { timeout: 40_000 },
  );
  const legend = ui.getByRole('list', { name: 'Versions held now' });
  await expect(legend.getByRole('listitem').filter({ hasText: 'v1.1.0' })).toContainText('0 of 10');
  await expect(legend.getByRole('listitem').filter({ hasText: 'vsc-v2' })).toContainText(
    '10 of 10',
  );
  await chart.scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('fleet.png') });

  // Back to the session for the rest.
  await ui.getByRole('listbox', { name: 'Sessions' }).locator('[data-session-id]').click();
  await expect(
    ui.getByRole('heading', { name: 'demo-app / dev / app-config', exact: true }),
  ).toBeVisible();

  // A slower deployment (predefined, 30 min + 30 min bake: 30 s at 120×), stopped through its confirmation.
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
