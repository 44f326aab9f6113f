// End to end in Chromium against the real `serve` stack: the keyboard opens a poll's "Poll detail" pane
// (status, headers) and Esc closes it, and "Copy as AWS CLI" puts a command on the clipboard that the real
// AWS CLI runs successfully against the stack's own emulator.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { row, startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;
let workDir: string | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = undefined;
});

/** Runs copied text as a user pasting it would: /bin/sh, dummy keys, no ~/.aws, in a scratch directory. */
function runInShell(script: string, cwd: string) {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  Object.assign(env, {
    HOME: cwd,
    AWS_CONFIG_FILE: join(cwd, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(cwd, 'credentials'),
    AWS_ACCESS_KEY_ID: 'AKIDE2ETEST',
    AWS_SECRET_ACCESS_KEY: 'e2e-test-secret',
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('/bin/sh', ['-c', script], { cwd, env, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('↑/↓ then Enter opens the poll detail with its status and headers, free of serious axe violations; Esc closes it and the grid has focus again', async ({
  page,
}) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('New content');

  const grid = page.getByRole('grid', { name: /^Polls of demo-app/ });
  await grid.focus();
  // Nothing selected: ↑ selects the newest row, ↑ again the start, ↓ back to the first poll.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(row(page, 0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');

  const detail = page.getByRole('region', { name: 'Poll detail' });
  await expect(detail).toBeVisible();
  await expect(detail).toBeFocused();
  await expect(detail.getByRole('heading', { name: /Poll #1/ })).toBeVisible();
  await expect(detail).toContainText('HTTP 200 OK');
  const headers = detail.locator('.raw-headers tbody th');
  await expect(headers).toContainText([
    'x-amzn-RequestId',
    'Next-Poll-Configuration-Token',
    'Next-Poll-Interval-In-Seconds',
    'Content-Type',
    'Version-Label',
  ]);
  // The body is read in Monaco (read-only): its rendered lines hold the JSON.
  const body = detail.getByRole('group', { name: 'Response body', exact: true });
  await expect(body.locator('.monaco-editor .view-lines')).toContainText('{');
  await expect(detail.getByLabel('Full token in')).toHaveText(/^AYADe/);
  const axe = await new AxeBuilder({ page }).include('.poll-detail').analyze();
  expect(axe.passes.length, 'axe checked the pane').toBeGreaterThan(0);
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(grid).toBeFocused();
});

test('"Copy as AWS CLI" copies a command that the AWS CLI runs successfully against the emulator', async ({
  page,
  context,
}) => {
  stack = await startStack();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: stack.baseUrl,
  });
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('New content');
  await row(page, 1).dblclick();

  const detail = page.getByRole('region', { name: 'Poll detail' });
  await detail.getByRole('button', { name: 'Copy as AWS CLI' }).click();
  await expect(detail.getByRole('status').filter({ hasText: 'Copied' })).toHaveText(
    'Copied (AWS CLI)',
  );
  const command = await page.evaluate(() => navigator.clipboard.readText());
  expect(command).toContain('aws appconfigdata get-latest-configuration');
  expect(command).toContain(`--endpoint-url ${stack.emulatorUrl}`);

  workDir = mkdtempSync(join(tmpdir(), 'aci-e2e-copy-'));
  const run = await runInShell(command, workDir);
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toHaveProperty('NextPollConfigurationToken');
  expect(existsSync(join(workDir, 'poll-1.out'))).toBe(true);
});

test('at 1,280 × 800 the pane opens beside the grid and wholly on screen, its separator resizes it (kept across a reload); in a 500 px panel it opens below, scrolled into view', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('New content');
  const grid = page.getByRole('grid', { name: /^Polls of demo-app/ });
  const detail = page.getByRole('region', { name: 'Poll detail' });
  const heading = detail.getByRole('heading', { name: /Poll #1/ });
  const open = async () => {
    await grid.focus();
    await page.keyboard.press('End');
    await expect(row(page, 1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(detail).toContainText('HTTP 200 OK');
  };
  await open();

  const g = (await grid.boundingBox())!;
  const d = (await detail.boundingBox())!;
  expect(d.x, 'the pane starts right of the grid').toBeGreaterThanOrEqual(g.x + g.width);
  expect(d.x + d.width, 'the pane ends inside the window').toBeLessThanOrEqual(1280);
  expect(d.y, 'the pane starts inside the window').toBeGreaterThanOrEqual(0);
  await expect(heading).toBeInViewport();
  await expect(detail.getByRole('button', { name: 'Copy as AWS CLI' })).toBeInViewport();
  await expect(row(page, 1)).toBeInViewport();

  // ← on the separator widens the pane by 16 px a press; the width is remembered.
  const separator = page.getByRole('separator', { name: 'Resize poll detail' });
  const before = Number(await separator.getAttribute('aria-valuenow'));
  await separator.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(separator).toHaveAttribute('aria-valuenow', String(before + 32));
  await expect.poll(async () => (await detail.boundingBox())!.width).toBeCloseTo(d.width + 32, 0);
  await page.reload();
  await open();
  await expect(separator).toHaveAttribute('aria-valuenow', String(before + 32));
  await expect.poll(async () => (await detail.boundingBox())!.width).toBeCloseTo(d.width + 32, 0);

  // A 500 px panel (VS Code beside an editor): the pane goes below the grid, its heading scrolled into view.
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 500, height: 900 });
  await open();
  await expect(separator).toBeHidden();
  const below = (await detail.boundingBox())!;
  const narrowGrid = (await grid.boundingBox())!;
  expect(below.y, 'the pane starts below the grid').toBeGreaterThanOrEqual(
    narrowGrid.y + narrowGrid.height,
  );
  await expect(heading).toBeInViewport();
  await expect(detail).toBeFocused();
});
