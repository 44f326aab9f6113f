// Everyday workflows in Chromium against the real `serve` stack (emulator + service + server + built UI), each
// test on its own ephemeral ports and data directory: export and re-import a recording, compare feature-flag
// versions after a rollback, read a poll's raw answer, drive a session's lifecycle, and use the start form.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { deployVersion } from './support/controlPlane.js';
import { deployExistingVersion } from './support/deployExisting.js';
import { row, rows, startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const sessions = (page: Page) =>
  page.getByRole('listbox', { name: 'Sessions' }).getByRole('option');
const control = (page: Page, name: string) =>
  page
    .getByRole('toolbar', { name: 'Session controls' })
    .getByRole('button', { name, exact: true });
const countdown = (page: Page) => page.getByRole('timer');

/** A timeline row's cells without the flags column: flags depend on the session's state and age. */
async function rowCells(page: Page, seq: number): Promise<string[]> {
  return row(page, seq).locator('[role="gridcell"]:not(.cell-flags)').allInnerTexts();
}

/** Opens the Raw tab for one poll (rows are picked in the timeline). */
async function openRaw(page: Page, seq: number): Promise<Locator> {
  await page.getByRole('tab', { name: 'Timeline' }).click();
  await row(page, seq).click();
  await page.getByRole('tab', { name: 'Raw' }).click();
  const raw = page.getByRole('region', { name: `Raw response of poll #${seq}` });
  await expect(raw).toBeVisible();
  return raw;
}

const header = (raw: Locator, name: string) =>
  raw
    .getByRole('row')
    .filter({ has: raw.page().getByRole('rowheader', { name, exact: true }) })
    .getByRole('cell');

/** Every key anywhere in a JSON value, for "no bookkeeping keys were served". */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...allKeys(v)]);
}

test('export a session to a recording file, import it back read-only, and refuse broken files', async ({
  page,
}, info) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('v1.1.0');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    control(page, 'Export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^appconfig-demo-app-dev-app-config-\d{14}\.json$/);
  const file = info.outputPath('recording.json');
  await download.saveAs(file);
  const recording = JSON.parse(readFileSync(file, 'utf8'));
  expect(recording).toMatchObject({
    format: 'appconfig-inspector-recording',
    version: 1,
    session: {
      applicationIdentifier: 'demo-app',
      environmentIdentifier: 'dev',
      configurationProfileIdentifier: 'app-config',
    },
  });
  expect(
    recording.events.map((e: { kind: string; outcome: { type: string } }) => [
      e.kind,
      e.outcome.type,
    ]),
  ).toEqual([
    ['start', 'started'],
    ['poll', 'content'],
  ]);
  expect(recording.events[1].outcome.versionLabel).toBe('v1.1.0');
  expect(recording.contents).toHaveLength(1);
  expect(recording.contents[0].contentHash).toBe(recording.events[1].outcome.contentHash);
  expect(JSON.parse(Buffer.from(recording.contents[0].base64, 'base64').toString('utf8'))).toEqual({
    logLevel: 'debug',
    maxConnections: 25,
    endpoints: { api: 'https://api.example.com' },
  });
  const original = [await rowCells(page, 0), await rowCells(page, 1)];

  await page.getByLabel('Recording file to import').setInputFiles(file);
  await expect(sessions(page)).toHaveCount(2);
  const imported = sessions(page).filter({ hasText: 'read-only' });
  await expect(imported).toHaveCount(1);
  await expect(imported).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.session-heading')).toContainText('imported recording');
  await expect(rows(page)).toHaveCount(2);
  expect([await rowCells(page, 0), await rowCells(page, 1)]).toEqual(original);
  await expect(countdown(page)).toHaveText('Recording (read-only)');
  for (const name of [
    'Pause',
    'Resume',
    'Poll now',
    'Poll now (ignore interval)',
    'Replay previous token',
    'Stop',
  ]) {
    await expect(control(page, name), name).toBeDisabled();
  }
  await expect(control(page, 'Delete')).toBeEnabled();
  await page.screenshot({ path: info.outputPath('imported.png'), fullPage: true });

  const alert = page.getByRole('toolbar', { name: 'Session controls' }).getByRole('alert');
  const input = page.getByLabel('Recording file to import');
  await input.setInputFiles({
    name: 'truncated.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "appconfig-insp'),
  });
  await expect(alert).toContainText('truncated.json is not valid JSON');
  await input.setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "something-else", "version": 1}'),
  });
  await expect(alert).toHaveText(
    'Import failed: Not a valid recording: format must be "appconfig-inspector-recording".',
  );
  // A recording whose content was edited by hand no longer matches its hash.
  const tampered = structuredClone(recording);
  tampered.contents[0].base64 = Buffer.from('{"logLevel":"trace"}').toString('base64');
  await input.setInputFiles({
    name: 'tampered.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(tampered)),
  });
  const edited = createHash('sha256').update('{"logLevel":"trace"}').digest('hex');
  await expect(alert).toContainText(
    `contents[0] does not match its hash: its bytes hash to ${edited}`,
  );
  await page.screenshot({ path: info.outputPath('import-error.png'), fullPage: true });
  // Nothing was lost or added, and the open session is still the imported one.
  await expect(sessions(page)).toHaveCount(2);
  await expect(sessions(page).filter({ hasNotText: 'read-only' })).toContainText('polling');
  await expect(imported).toHaveAttribute('aria-selected', 'true');
});

test('a feature-flag rollback and a new flags version are summarised as flags turned on and off', async ({
  page,
}, info) => {
  stack = await startStack();
  const target = { application: 'demo-app', environment: 'dev', profile: 'feature-flags' };
  await page.goto(stack.pageUrl);
  await startSession(page, 'feature-flags');
  await expect(row(page, 1)).toContainText('flags-2');

  await deployExistingVersion(stack.emulatorUrl, 'flags-1', target);
  await control(page, 'Poll now (ignore interval)').click();
  await expect(row(page, 2)).toContainText('New content');
  await expect(row(page, 2)).toContainText('flags-1');

  // Authored with bookkeeping keys, which AWS never serves.
  const flags3 = {
    version: '1',
    flags: {
      'dark-mode': {
        name: 'Dark mode',
        _createdAt: '2024-01-01T00:00:00Z',
        _deprecation: { status: 'planned' },
      },
      'new-checkout': {
        name: 'New checkout flow',
        attributes: { maxItems: { constraints: { type: 'number' } } },
      },
    },
    values: {
      'dark-mode': { enabled: false, _updatedAt: '2024-02-01T00:00:00Z' },
      'new-checkout': { enabled: true, maxItems: 5, _updatedAt: '2024-02-01T00:00:00Z' },
    },
  };
  await deployVersion(stack.emulatorUrl, JSON.stringify(flags3), 'flags-3', target, 'instant');
  await control(page, 'Poll now (ignore interval)').click();
  await expect(row(page, 3)).toContainText('flags-3');

  const served: Record<string, unknown>[] = [];
  for (const seq of [1, 2, 3]) {
    const body = (await openRaw(page, seq)).getByLabel('Response body');
    served.push(JSON.parse(await body.innerText()));
  }
  expect(served).toEqual([
    {
      'dark-mode': { enabled: true, theme: 'slate' },
      'new-checkout': { enabled: true, maxItems: 20 },
    },
    { 'dark-mode': { enabled: true, theme: 'midnight' }, 'new-checkout': { enabled: false } },
    { 'dark-mode': { enabled: false }, 'new-checkout': { enabled: true, maxItems: 5 } },
  ]);
  expect(served.flatMap(allKeys).filter((k) => k.startsWith('_'))).toEqual([]);

  await page.getByRole('tab', { name: 'Versions & diff' }).click();
  await page.getByRole('checkbox', { name: 'Compare flags-2' }).check();
  await page.getByRole('checkbox', { name: 'Compare flags-1' }).check();
  await page.getByRole('button', { name: 'Compare' }).click();
  let flagChanges = page.getByLabel('Feature flag changes');
  await expect(page.getByRole('region', { name: 'Diff of flags-2 and flags-1' })).toBeVisible();
  await expect(flagChanges.locator('.diff-paths.removed')).toHaveText(
    'Turned off (1): new-checkout',
  );
  await expect(flagChanges.locator('.diff-paths.changed')).toHaveText(
    'Attributes changed (1): dark-mode',
  );
  await expect(flagChanges).not.toContainText('Turned on');

  // A third tick replaces the oldest choice: flags-1 against flags-3.
  await page.getByRole('checkbox', { name: 'Compare flags-3' }).check();
  await expect(page.getByRole('checkbox', { name: 'Compare flags-2' })).not.toBeChecked();
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('region', { name: 'Diff of flags-1 and flags-3' })).toBeVisible();
  flagChanges = page.getByLabel('Feature flag changes');
  await expect(flagChanges.locator('.diff-paths.added')).toHaveText('Turned on (1): new-checkout');
  await expect(flagChanges.locator('.diff-paths.removed')).toHaveText('Turned off (1): dark-mode');
  await expect(page.getByLabel('Change summary')).toContainText('changed');
  await page.screenshot({ path: info.outputPath('flags-diff.png'), fullPage: true });
});

test('the Raw tab shows a poll’s status line, headers and body, and explains an empty body', async ({
  page,
}, info) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('v1.1.0');
  await control(page, 'Poll now (ignore interval)').click();
  await expect(row(page, 2)).toContainText('Unchanged');

  let raw = await openRaw(page, 0);
  await expect(raw.getByRole('heading', { level: 3 })).toHaveText('#0 HTTP 201 Created');
  const initialToken = JSON.parse(
    await raw.getByLabel('Response body').innerText(),
  ).InitialConfigurationToken;
  expect(initialToken).toEqual(expect.any(String));

  raw = await openRaw(page, 1);
  await expect(raw.getByRole('heading', { level: 3 })).toHaveText('#1 HTTP 200 OK');
  const firstToken = await header(raw, 'Next-Poll-Configuration-Token').innerText();
  expect(firstToken.length).toBeGreaterThan(10);
  expect(firstToken).not.toBe(initialToken);
  await expect(header(raw, 'Next-Poll-Interval-In-Seconds')).toHaveText('60');
  await expect(header(raw, 'Version-Label')).toHaveText('v1.1.0');
  await expect(header(raw, 'Content-Type')).toHaveText('application/json');
  await expect(raw.getByRole('heading', { name: /^Body/ })).toContainText('application/json');
  expect(JSON.parse(await raw.getByLabel('Response body').innerText())).toEqual({
    logLevel: 'debug',
    maxConnections: 25,
    endpoints: { api: 'https://api.example.com' },
  });
  await page.screenshot({ path: info.outputPath('raw-content.png'), fullPage: true });

  raw = await openRaw(page, 2);
  await expect(raw.getByRole('heading', { level: 3 })).toHaveText('#2 HTTP 200 OK');
  const secondToken = await header(raw, 'Next-Poll-Configuration-Token').innerText();
  expect(secondToken.length).toBeGreaterThan(10);
  expect(secondToken).not.toBe(firstToken);
  await expect(header(raw, 'Next-Poll-Interval-In-Seconds')).toHaveText('60');
  await expect(raw.getByRole('rowheader', { name: 'Version-Label' })).toHaveCount(0);
  await expect(raw.getByLabel('Response body')).toHaveCount(0);
  await expect(raw).toContainText(
    'Empty body: the configuration is unchanged since the previous poll.',
  );
});

test('pause, resume, stop and delete a session', async ({ page }) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('v1.1.0');
  const listed = sessions(page).first();
  await expect(listed).toContainText('polling');
  await expect(countdown(page)).toHaveText(/^Next poll in \d+ s$/);
  await expect(control(page, 'Delete')).toBeDisabled();

  await control(page, 'Pause').click();
  await expect(listed).toContainText('paused');
  await expect(countdown(page)).toHaveText('Paused: no poll scheduled');
  await expect(control(page, 'Pause')).toBeDisabled();
  await expect(control(page, 'Resume')).toBeEnabled();

  await control(page, 'Resume').click();
  await expect(listed).toContainText('polling');
  // The first answer asked for 60 s, so the resumed schedule waits for the rest of it rather than polling now.
  await expect(countdown(page)).toHaveText(/^Next poll in \d+ s$/);
  await expect(control(page, 'Pause')).toBeEnabled();
  await expect(rows(page)).toHaveCount(2);

  await control(page, 'Stop').click();
  await expect(listed).toContainText('stopped');
  await expect(countdown(page)).toHaveText('Session stopped');
  for (const name of ['Pause', 'Resume', 'Poll now (ignore interval)', 'Stop'])
    await expect(control(page, name), name).toBeDisabled();
  await expect(control(page, 'Delete')).toBeEnabled();

  await control(page, 'Delete').click();
  await expect(sessions(page)).toHaveCount(0);
  await expect(page.getByText('No sessions yet. Start one above.')).toBeVisible();
  // Deleting clears the selection: the main area is back to its start, not "that session no longer exists".
  await expect(page.getByRole('heading', { name: 'No session selected' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No session selected' })).toBeVisible();
});

test('the start form suggests the control plane’s names and explains invalid input', async ({
  page,
}) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  const form = page.getByRole('form', { name: 'Start a session' });
  const application = form.getByLabel('Application');
  const environment = form.getByLabel('Environment');
  const profile = form.getByLabel('Configuration profile');
  const interval = form.getByLabel('Minimum poll interval (seconds)');
  // The names listed under a picker while it has focus (PickerField.tsx), sorted.
  const suggestions = async (input: Locator) => {
    await input.focus();
    const names = form.getByRole('listbox', { name: 'Suggestions' }).locator('.picker-name');
    return (await names.allTextContents()).sort();
  };

  await expect.poll(() => suggestions(application)).toEqual(['demo-app']);
  // Environments and profiles are listed once the application is known.
  await application.fill('demo-app');
  await expect.poll(() => suggestions(environment)).toEqual(['dev', 'prod']);
  await expect
    .poll(() => suggestions(profile))
    .toEqual(['app-config', 'feature-flags', 'motd', 'service-yaml']);

  await application.fill('');
  await environment.fill('dev');
  await profile.fill('app-config');
  await interval.fill('5');
  await form.getByRole('button', { name: 'Start session' }).click();
  await expect(application).toHaveAttribute('aria-invalid', 'true');
  await expect(application).toHaveAccessibleDescription('Application is required.');
  await expect(interval).toHaveAttribute('aria-invalid', 'true');
  await expect(interval).toHaveAccessibleDescription(
    /Minimum poll interval must be between 15 and 86400 seconds \(AWS limit\)\./,
  );
  await expect(environment).not.toHaveAttribute('aria-invalid');
  await expect(page.getByText('No sessions yet. Start one above.')).toBeVisible();

  await application.fill('demo-app');
  await expect(application).not.toHaveAttribute('aria-invalid');
  await interval.fill('15');
  await form.getByRole('button', { name: 'Start session' }).click();
  await expect(row(page, 1)).toContainText('v1.1.0');
  await expect(page.getByText('minimum interval 15 s')).toBeVisible();
});
