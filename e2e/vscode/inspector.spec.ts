// The inspector as a VS Code panel in a real VS Code (code-server) with the packaged .vsix: open it from the
// command palette, start a session on the embedded emulator inside the webview, watch polls arrive, deploy a
// second version through the emulator's control plane, diff the two in Monaco, reload the window and find the
// session again; filter it by flag and open a poll's detail from the keyboard; start a second session from
// the command palette; change a setting and see the restart; Export HAR and Export through VS Code's save
// dialog to owner-only files, and Import the recording through its open dialog as a read-only session.
// Also: no CSP violation in the webview, Monaco's worker runs, and the status bar counts live sessions and
// shows their worst flag.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { HarDocument } from '../../src/protocol/harTypes.js';
import type { Recording } from '../../src/protocol/messages.js';
import { harProblems } from '../../src/service/test/harCheck.js';
import { deployVersion } from '../support/controlPlane.js';
import { emulatorUrl, inspectorFrame, openWorkbench, runCommand } from './workbench.js';

const dataDir = process.env.ACI_DATA_DIR;

test('the inspector panel runs a session, diffs two versions, survives a window reload, and saves and opens exports through VS Code dialogs', async ({
  page,
}, info) => {
  expect(dataDir, 'run through e2e/vscode/run.sh').toBeTruthy();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|create|apply)/i.test(message.text()))
      cspViolations.push(message.text());
  });

  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));

  await openWorkbench(page);
  await runCommand(page, 'View: Close Primary Side Bar');
  await runCommand(page, 'AppConfig Inspector: Open');
  const ui = inspectorFrame(page);
  await expect(ui.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /^default-src 'none';.*script-src 'nonce-[^']+'.*worker-src blob:;$/,
  );

  await ui.getByLabel('Application', { exact: true }).fill('demo-app');
  await ui.getByLabel('Environment', { exact: true }).fill('dev');
  await ui.getByLabel('Configuration profile', { exact: true }).fill('app-config');
  await ui.getByRole('button', { name: 'Start session' }).click();

  const heading = ui.getByRole('heading', { name: 'demo-app / dev / app-config' });
  await expect(heading).toBeVisible();
  const rows = ui.locator('.timeline-body [role="row"][data-seq]');
  // StartConfigurationSession, then the first poll with the seeded v1.1.0.
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('v1.1.0');
  await expect(page.locator('.statusbar-item', { hasText: '1 live' })).toBeVisible();

  await deployVersion(
    await emulatorUrl(dataDir!),
    JSON.stringify({ logLevel: 'warn', maxConnections: 50, newKey: 'from-e2e' }),
    'v2-e2e',
    undefined,
    'instant',
  );
  // The emulator asked for 60 s; polling now on purpose fetches the new version (and earns a flag).
  await ui.getByRole('button', { name: 'Poll now (ignore interval)' }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toContainText('v2-e2e');
  await expect(
    page.locator('.statusbar-item', { hasText: '1 live' }).locator('.codicon-warning'),
  ).toBeVisible();

  await ui.getByRole('tab', { name: 'Versions & diff' }).click();
  await ui.getByRole('checkbox', { name: 'Compare v1.1.0' }).check();
  await ui.getByRole('checkbox', { name: 'Compare v2-e2e' }).check();
  const workersBefore = workers.length;
  await ui.getByRole('button', { name: 'Compare', exact: true }).click();
  const diff = ui.locator('.monaco-diff-editor');
  await expect(diff).toBeVisible();
  await expect(diff.locator('.editor.modified .line-insert').first()).toBeVisible();
  await expect(diff.locator('.editor.modified')).toContainText('newKey');
  // Monaco computes the diff in its blob: worker; without `worker-src blob:` it would silently run without one.
  await expect
    .poll(() => workers.slice(workersBefore).filter((url) => url.startsWith('blob:')).length)
    .toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/vscode-panel.png' });

  await runCommand(page, 'Developer: Reload Window');
  await expect(page.locator('.statusbar')).toBeVisible({ timeout: 90_000 });
  // The serializer revives the panel and the UI restores its selection from the webview state.
  const revived = inspectorFrame(page);
  await expect(revived.getByRole('heading', { name: 'demo-app / dev / app-config' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(revived.getByRole('tab', { name: 'Versions & diff' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await revived.getByRole('tab', { name: 'Timeline' }).click();
  const revivedRows = revived.locator('.timeline-body [role="row"][data-seq]');
  await expect(revivedRows).toHaveCount(3);
  await page.screenshot({ path: 'test-results/vscode-panel-after-reload.png' });

  // The filter bar and the poll detail pane, as in the browser: the early poll is the one flagged.
  const bar = revived.getByRole('search', { name: 'Filter polls' });
  await expect(bar.getByRole('status')).toHaveText('3 of 3 polls');
  const early = bar.getByRole('button', { name: 'Polled too early (1)' });
  await early.click();
  await expect(revivedRows).toHaveCount(1);
  await expect(revivedRows.first()).toContainText('v2-e2e');
  await expect(bar.getByRole('status')).toHaveText('1 of 3 polls');
  await bar.getByRole('button', { name: 'Clear filters' }).click();
  await expect(revivedRows).toHaveCount(3);
  const grid = revived.getByRole('grid', { name: /^Polls of demo-app/ });
  await grid.focus();
  // End selects the newest poll (the v2-e2e answer), Enter opens it.
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  const detail = revived.getByRole('region', { name: 'Poll detail' });
  await expect(detail).toBeVisible();
  await expect(detail).toContainText('HTTP 200 OK');
  await expect(detail).toContainText('Next-Poll-Configuration-Token');
  await expect(detail.getByRole('button', { name: 'Copy as AWS CLI' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(grid).toBeFocused();
  expect(cspViolations).toEqual([]);

  // The command-palette route: quick picks list what the emulator's control plane has.
  await runCommand(page, 'AppConfig Inspector: Start Session');
  await choose(page, 'Application', 'demo-app');
  await choose(page, 'Environment', 'dev');
  await choose(page, 'Configuration profile', 'feature-flags');
  await expect(
    page.locator('.quick-input-title', { hasText: 'Minimum poll interval' }),
  ).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(
    revived.getByRole('listbox', { name: 'Sessions' }).getByText('demo-app / dev / feature-flags'),
  ).toBeVisible();
  // The panel switches to the session the command started.
  await expect(
    revived.getByRole('heading', { name: 'demo-app / dev / feature-flags' }),
  ).toBeVisible();
  await expect(page.locator('.statusbar-item', { hasText: '1 live' })).toBeVisible();

  // A settings change restarts the service, says so, and the reloaded page shows the new backend.
  const machineSettings = process.env.ACI_MACHINE_SETTINGS!;
  const settings = JSON.parse(readFileSync(machineSettings, 'utf8')) as Record<string, unknown>;
  writeFileSync(
    machineSettings,
    JSON.stringify({ ...settings, 'appconfigInspector.region': 'eu-west-1' }, null, 2),
  );
  await expect(
    page.locator('.notifications-toasts', {
      hasText: 'AppConfig Inspector restarted with the embedded emulator',
    }),
  ).toBeVisible();
  await expect(revived.locator('.backend-badge', { hasText: 'eu-west-1' })).toBeVisible();
  await expect(
    revived.getByRole('listbox', { name: 'Sessions' }).getByText('demo-app / dev / feature-flags'),
  ).toBeVisible();
  // The panel switches to the session the command started.
  await expect(
    revived.getByRole('heading', { name: 'demo-app / dev / feature-flags' }),
  ).toBeVisible();

  // Share: a webview cannot download, so Export HAR and Export end in VS Code's save dialog and a file the
  // extension host wrote owner-only. Stopped first, so the calls on screen are all the calls there are.
  const controls = revived.getByRole('toolbar', { name: 'Session controls' });
  await controls.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(controls.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
  const calls = await revivedRows.count();
  expect(calls).toBeGreaterThan(0);
  const exports = info.outputPath('exports');
  mkdirSync(exports, { recursive: true });

  const harFile = `${exports}/session.har`;
  await controls.getByRole('button', { name: 'Export HAR', exact: true }).click();
  // It suggests the name Export chose, in the workspace folder.
  await answerFileDialog(
    page,
    'Export HAR',
    /\/workspace\/appconfig-demo-app-dev-feature-flags-\d{14}\.har$/,
    harFile,
  );
  await expect(controls.getByRole('status').filter({ hasText: 'Saved to' })).toHaveText(
    `Saved to ${harFile}`,
  );
  const har = JSON.parse(readFileSync(harFile, 'utf8')) as HarDocument;
  expect(harProblems(har)).toEqual([]);
  expect(har.log.version).toBe('1.2');
  expect(har.log.entries).toHaveLength(calls);
  expect(statSync(harFile).mode & 0o777).toBe(0o600);

  const recordingFile = `${exports}/session.json`;
  await controls.getByRole('button', { name: 'Export', exact: true }).click();
  // Then it starts where the last file went.
  await answerFileDialog(
    page,
    'Export recording',
    new RegExp(`^${literal(exports)}/appconfig-demo-app-dev-feature-flags-\\d{14}\\.json$`),
    recordingFile,
  );
  await expect(controls.getByRole('status').filter({ hasText: 'Saved to' }).first()).toHaveText(
    `Saved to ${recordingFile}`,
  );
  const recording = JSON.parse(readFileSync(recordingFile, 'utf8')) as Recording;
  expect(recording.format).toBe('appconfig-inspector-recording');
  expect(recording.events).toHaveLength(calls);
  expect(statSync(recordingFile).mode & 0o777).toBe(0o600);

  // Import reads the file through VS Code's open dialog (the page cannot read the host's disk).
  const importButton = controls.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toHaveAttribute('title', /hold Shift to drop a recording here/);
  await importButton.click();
  await answerFileDialog(
    page,
    'Import a recording',
    new RegExp(`^${literal(exports)}/?$`),
    recordingFile,
  );
  const imported = revived
    .getByRole('listbox', { name: 'Sessions' })
    .getByRole('option')
    .filter({ hasText: 'read-only' });
  await expect(imported).toHaveAttribute('aria-selected', 'true');
  await expect(revived.locator('.session-heading')).toContainText('imported recording');
  await expect(revivedRows).toHaveCount(calls);
  await expect(
    revived.getByRole('button', { name: 'Poll now (ignore interval)', exact: true }),
  ).toBeDisabled();
  await page.screenshot({ path: 'test-results/vscode-panel-imported.png' });

  // VS Code passes a dropped file through to the webview only while Shift is held, and Playwright cannot
  // hold Shift over an OS drag, so the drop is dispatched inside the page: it reaches the page's listeners
  // and a file that is not a recording is refused in Import's words.
  const main = revived.locator('main');
  const dataTransfer = await main.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File(['{"format":"other"}'], 'other.json', { type: 'application/json' }),
    );
    return transfer;
  });
  await main.dispatchEvent('dragenter', { dataTransfer });
  await main.dispatchEvent('dragover', { dataTransfer });
  await expect(revived.getByRole('region', { name: 'Drop a recording to open it' })).toBeVisible();
  await main.dispatchEvent('drop', { dataTransfer });
  await expect(revived.getByRole('alert').filter({ hasText: 'Import failed' })).toContainText(
    'Import failed: Not a valid recording',
  );
});

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Answers VS Code's file dialog: code-server shows the "simple" one, a quick input holding a path, so once
 * the suggested path is there, `path` is typed over it and Enter accepts it.
 */
async function answerFileDialog(
  page: Page,
  title: string,
  suggested: RegExp,
  path: string,
): Promise<void> {
  await expect(page.locator('.quick-input-title', { hasText: title })).toBeVisible();
  const input = page.locator('.quick-input-widget .quick-input-box input');
  // The dialog puts its suggested path in once it has listed the folder; typed sooner, ours is overwritten.
  await expect(input).toHaveValue(suggested);
  await expect(async () => {
    await input.fill(path);
    await expect(input).toHaveValue(path, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  const widget = page.locator('.quick-input-widget');
  // Once in a run the dialog ignored an Enter pressed right after typing, so Enter is pressed until it takes.
  await expect(async () => {
    if (await widget.isVisible()) await input.press('Enter');
    await expect(widget).toBeHidden({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** Answers one step of the Start Session quick input by picking the listed item. */
async function choose(page: Page, step: string, item: string): Promise<void> {
  await expect(
    page.locator('.quick-input-title', { hasText: `Start session: ${step}` }),
  ).toBeVisible();
  await expect(
    page.locator('.quick-input-list .monaco-list-row', { hasText: item }).first(),
  ).toBeVisible();
  await page.locator('.quick-input-box input').fill(item);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: item }).first().click();
}
