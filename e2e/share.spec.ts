// Sharing a session, in Chromium against the real `serve` stack: Export HAR writes a HAR 1.2 file (checked
// against the spec's required fields) with one entry per call and, by default, no token in it; dropping an
// exported recording on the page opens it read-only, and a file that is not one is refused in Import's words.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { harProblems } from '../src/service/test/harCheck.js';
import type { HarDocument } from '../src/protocol/harTypes.js';
import { row, rows, startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Session controls' });
const control = (page: Page, name: string) =>
  toolbar(page).getByRole('button', { name, exact: true });
const sessions = (page: Page) =>
  page.getByRole('listbox', { name: 'Sessions' }).getByRole('option');

/** Clicks a control that downloads a file; resolves with the file's name and text. */
async function download(page: Page, name: string, path: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), control(page, name).click()]);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Every token value a HAR file carries: query strings, the next-token header, the initial token body. */
function tokensIn(har: HarDocument): string[] {
  return har.log.entries.flatMap((e) => [
    ...e.request.queryString.map((q) => q.value),
    ...e.response.headers
      .filter((h) => h.name === 'Next-Poll-Configuration-Token')
      .map((h) => h.value),
    ...(e.request.method === 'POST' && e.response.content.text
      ? [(JSON.parse(e.response.content.text) as Record<string, string>).InitialConfigurationToken!]
      : []),
  ]);
}

test('Export HAR writes HAR 1.2 with one entry per call, and redacted tokens are absent from the file', async ({
  page,
}, info) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('v1.1.0');
  await control(page, 'Poll now (ignore interval)').click();
  await expect(row(page, 2)).toBeVisible();
  await control(page, 'Poll now (ignore interval)').click();
  await expect(row(page, 3)).toBeVisible();
  await expect(rows(page)).toHaveCount(4);

  const redact = toolbar(page).getByRole('checkbox', { name: 'Redact tokens' });
  await expect(redact).toBeChecked();
  const redacted = await download(page, 'Export HAR', info.outputPath('redacted.har'));
  expect(redacted.name).toMatch(/^appconfig-demo-app-dev-app-config-\d{14}\.har$/);
  const har = JSON.parse(redacted.text) as HarDocument;
  expect(harProblems(har)).toEqual([]);
  expect(har.log.version).toBe('1.2');
  expect(
    har.log.entries.map((e) => `${e.request.method} ${new URL(e.request.url).pathname}`),
  ).toEqual([
    'POST /configurationsessions',
    'GET /configuration',
    'GET /configuration',
    'GET /configuration',
  ]);
  expect(new URL(har.log.entries[0]!.request.url).origin).toBe(stack.emulatorUrl);
  expect(har.log.entries.map((e) => e.response.status)).toEqual([201, 200, 200, 200]);

  await redact.uncheck();
  const full = JSON.parse(
    (await download(page, 'Export HAR', info.outputPath('full.har'))).text,
  ) as HarDocument;
  expect(harProblems(full)).toEqual([]);
  const tokens = tokensIn(full);
  // Start's initial token, three sent, three returned: seven, every one a real token here.
  expect(tokens).toHaveLength(7);
  for (const token of tokens) expect(token).not.toMatch(/^(REDACTED|FINGERPRINT)-/);
  for (const token of new Set(tokens)) {
    expect(redacted.text).not.toContain(token);
    expect(redacted.text).not.toContain(encodeURIComponent(token));
  }
  expect(tokensIn(har).every((t) => t.startsWith('REDACTED-'))).toBe(true);
});

/** Drags a file over the page and drops it, as a user dropping it from the desktop would. */
async function dropFile(page: Page, name: string, text: string, expectTarget: () => Promise<void>) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'application/json' }));
      return transfer;
    },
    { name, text },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await expectTarget();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

test('dropping an exported recording on the page opens it read-only; a file that is not one is refused as Import refuses it', async ({
  page,
}, info) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('v1.1.0');
  const recording = await download(page, 'Export', info.outputPath('recording.json'));

  const target = page.getByRole('region', { name: 'Drop a recording to open it' });
  await dropFile(page, recording.name, recording.text, async () => {
    await expect(target).toBeVisible();
    await page.screenshot({ path: info.outputPath('drop-target.png') });
  });
  await expect(target).toHaveCount(0);

  await expect(sessions(page)).toHaveCount(2);
  const imported = sessions(page).filter({ hasText: 'read-only' });
  await expect(imported).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.session-heading')).toContainText('imported recording');
  await expect(rows(page)).toHaveCount(2);
  await expect(row(page, 1)).toContainText('v1.1.0');
  await expect(control(page, 'Poll now')).toBeDisabled();

  const notARecording = JSON.stringify({ format: 'something-else', version: 1 });
  await dropFile(page, 'other.json', notARecording, () => expect(target).toBeVisible());
  const dropError = page.getByRole('alert').filter({ hasText: 'Import failed' });
  await expect(dropError).toContainText('Import failed: Not a valid recording');
  await page.getByLabel('Recording file to import').setInputFiles({
    name: 'other.json',
    mimeType: 'application/json',
    buffer: Buffer.from(notARecording),
  });
  const importError = toolbar(page).getByRole('alert');
  await expect(importError).toContainText('Import failed');
  expect(await dropError.first().textContent()).toContain(await importError.textContent());
  await expect(sessions(page)).toHaveCount(2);
});
