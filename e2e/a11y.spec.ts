// Accessibility and themes in Chromium against the real `serve` stack: axe-core on the main views (empty
// state, a flagged timeline, the Monaco diff of two versions, Raw, Deployments, a fleet) in the header's Light
// and Dark themes, failing on any serious or critical violation; and the theme toggle itself (page
// background, Monaco's theme, the OS preference under "System", persistence across a reload).
import { expect, test, type Page } from '@playwright/test';
import { contrastMeasuredWithin, expectNoSeriousViolations } from './support/axe.js';
import { deployVersion } from './support/controlPlane.js';
import { row, startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const chooseTheme = (page: Page, name: 'System' | 'Light' | 'Dark') =>
  page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name, exact: true }).check();

const bodyBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

/** Versions & diff: compare the first two versions and wait until Monaco has drawn both sides. */
async function openDiff(page: Page) {
  await page.getByRole('tab', { name: /Versions/ }).click();
  await page.getByRole('checkbox', { name: /Compare v1\.1\.0/ }).check();
  await page.getByRole('checkbox', { name: /Compare v2\.0\.0/ }).check();
  await page.getByRole('button', { name: 'Compare' }).click();
  const diff = page.getByTestId('diff-editor');
  await expect(diff.locator('.editor.modified .line-insert').first()).toBeVisible({
    timeout: 30_000,
  });
  // Tokens are coloured once the JSON grammar ran: a number is what the issue measured at 2.41:1.
  for (const [side, value] of [
    ['original', '25'],
    ['modified', '50'],
  ] as const) {
    const number = diff.locator(`.editor.${side} .view-line span span`, { hasText: value });
    await expect(number.first()).not.toHaveClass('mtk1');
  }
  return diff;
}

/** The session every view below is measured on: two versions and a "Polled too early" flag. */
async function flaggedSessionWithTwoVersions(page: Page, emulatorUrl: string) {
  await startSession(page);
  await expect(row(page, 1)).toContainText('v1.1.0');
  await deployVersion(
    emulatorUrl,
    // maxConnections changes, so numbers sit on a removed and on an inserted line.
    JSON.stringify({ logLevel: 'warn', maxConnections: 50, featureX: true }),
    'v2.0.0',
  );
  await page.getByRole('button', { name: 'Poll now (ignore interval)' }).click();
  await expect(row(page, 2)).toContainText('v2.0.0');
  await expect(page.getByRole('region', { name: 'Flags' })).toContainText('Polled too early');
}

for (const theme of ['Light', 'Dark'] as const) {
  test(`axe finds no serious or critical violation on the main views in the ${theme} theme`, async ({
    page,
  }, info) => {
    test.setTimeout(120_000);
    stack = await startStack();
    await page.goto(stack.pageUrl);
    await chooseTheme(page, theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());

    await expect(page.getByRole('button', { name: 'Start session' })).toBeVisible();
    await expectNoSeriousViolations(page, 'empty state', info);

    await flaggedSessionWithTwoVersions(page, stack.emulatorUrl);
    await row(page, 2).click();
    await expectNoSeriousViolations(page, 'timeline with flags', info);
    await page.screenshot({ path: info.outputPath(`timeline-${theme}.png`) });
    // The lanes' one tab stop focused (its mark named, its card shown), then Enter's Poll detail beside the grid.
    await page.getByRole('button', { name: 'Fit' }).focus();
    await page.keyboard.press('Tab');
    await expect(page.locator('.timeline-lanes [data-lane-active]')).toBeFocused();
    await expect(page.getByRole('tooltip')).toBeVisible();
    await expectNoSeriousViolations(page, 'timeline lanes with a focused mark', info);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Poll detail' })).toContainText('HTTP 200');
    await expectNoSeriousViolations(page, 'poll detail beside the timeline', info);
    await page.keyboard.press('Escape');

    await openDiff(page);
    await expectNoSeriousViolations(page, 'versions and diff', info);
    // Monaco's own text was measured. axe leaves the original side of the side-by-side view "incomplete"
    // (it cannot tell the background behind that text), so removed lines are measured inline below: that is
    // where Monaco's stock theme put a number on removed text at 2.41:1, the finding.
    expect(
      await contrastMeasuredWithin(
        page,
        '[data-testid="diff-editor"] .editor.modified .view-lines',
      ),
      'color-contrast nodes measured in the modified side of the diff',
    ).toBeGreaterThan(0);
    await page.screenshot({ path: info.outputPath(`diff-${theme}.png`) });
    // Inline, removed lines are drawn as view zones in the modified editor, on their own background.
    await page.getByRole('button', { name: 'Inline', exact: true }).click();
    await expect(
      page.getByTestId('diff-editor').locator('.editor.modified .view-zones .line-delete').first(),
    ).toBeVisible();
    await expectNoSeriousViolations(page, 'inline diff', info);
    expect(
      await contrastMeasuredWithin(
        page,
        '[data-testid="diff-editor"] .editor.modified .view-zones',
      ),
      'color-contrast nodes measured in the removed lines of the inline diff',
    ).toBeGreaterThan(0);

    await page.getByRole('tab', { name: 'Raw' }).click();
    await expect(page.getByRole('region', { name: /^Raw response of poll #2$/ })).toBeVisible();
    await expectNoSeriousViolations(page, 'raw', info);

    await page.getByRole('tab', { name: 'Deployments' }).click();
    await expect(
      page
        .getByRole('tabpanel')
        .getByRole('combobox', { name: 'Configuration profile', exact: true }),
    ).toHaveValue('app-config', { timeout: 15_000 });
    await expectNoSeriousViolations(page, 'deployments', info);

    const form = page.getByRole('form', { name: 'Start a session' });
    await form.getByLabel('Fleet size').fill('3');
    await form.getByRole('button', { name: 'Start fleet' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /^Fleet of 3: / })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Rollout chart' })).toBeVisible();
    await expectNoSeriousViolations(page, 'fleet', info);
  });
}

test('dark mode applies: Dark changes the page background and Monaco’s theme, System follows the OS, the choice survives a reload', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.emulateMedia({ colorScheme: 'light' });
  stack = await startStack();
  await page.goto(stack.pageUrl);
  const themes = page.getByRole('group', { name: 'Theme' });
  await expect(themes.getByRole('radio', { name: 'System' })).toBeChecked();
  const lightBackground = await bodyBackground(page);
  expect(lightBackground).toBe('rgb(255, 255, 255)');

  await flaggedSessionWithTwoVersions(page, stack.emulatorUrl);
  const diff = await openDiff(page);
  // Monaco marks each inner editor with its theme's type: vs, vs-dark, hc-black or hc-light.
  const editor = diff.locator('.editor.modified .monaco-editor[role="code"]');
  await expect(editor).toHaveClass(/(^|\s)vs(\s|$)/);

  await chooseTheme(page, 'Dark');
  await expect.poll(() => bodyBackground(page)).toBe('rgb(30, 30, 30)');
  await expect(editor).toHaveClass(/(^|\s)vs-dark(\s|$)/);

  await chooseTheme(page, 'Light');
  await expect.poll(() => bodyBackground(page)).toBe(lightBackground);
  await expect(editor).toHaveClass(/(^|\s)vs(\s|$)/);

  // "System" follows the OS, live.
  await chooseTheme(page, 'System');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => bodyBackground(page)).toBe('rgb(30, 30, 30)');
  await expect(editor).toHaveClass(/(^|\s)vs-dark(\s|$)/);

  await page.emulateMedia({ colorScheme: 'light' });
  await chooseTheme(page, 'Dark');
  await page.reload();
  await expect(
    page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: 'Dark' }),
  ).toBeChecked();
  await expect.poll(() => bodyBackground(page)).toBe('rgb(30, 30, 30)');
});

test('with VS Code’s theme classes and colours, the page takes its colours, its fallbacks and Monaco follow VS Code’s kind: dark, high contrast, high contrast light, light', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await flaggedSessionWithTwoVersions(page, stack.emulatorUrl);
  const diff = await openDiff(page);
  const editor = diff.locator('.editor.modified .monaco-editor[role="code"]');
  await expect(editor).toHaveClass(/(^|\s)vs(\s|$)/);
  // What the webview host does when the user switches VS Code's theme: a body class for its kind and the
  // theme's colours as --vscode-* variables on <html> (one is enough to see that ours map onto them).
  const vscodeTheme = (classes: string, editorBackground: string) =>
    page.evaluate(
      ([c, bg]) => {
        document.body.className = c!;
        document.documentElement.style.setProperty('--vscode-editor-background', bg!);
      },
      [classes, editorBackground],
    );

  // A colour the theme leaves undefined (high contrast has no list selection background) falls back to our
  // palette, which must follow VS Code's kind, not the OS (light here).
  const selectedSession = page
    .getByRole('listbox', { name: 'Sessions' })
    .getByRole('option', { selected: true });
  const selectedBackground = () =>
    selectedSession.evaluate((el) => getComputedStyle(el).backgroundColor);

  await vscodeTheme('vscode-dark', '#1f1f1f');
  await expect(editor).toHaveClass(/(^|\s)vs-dark(\s|$)/);
  await expect.poll(() => bodyBackground(page)).toBe('rgb(31, 31, 31)');

  await vscodeTheme('vscode-high-contrast', '#000000');
  await expect(editor).toHaveClass(/(^|\s)hc-black(\s|$)/);
  await expect.poll(() => bodyBackground(page)).toBe('rgb(0, 0, 0)');
  await expect.poll(selectedBackground).toBe('rgb(4, 57, 94)');

  await vscodeTheme('vscode-high-contrast vscode-high-contrast-light', '#ffffff');
  await expect(editor).toHaveClass(/(^|\s)hc-light(\s|$)/);
  await expect.poll(() => bodyBackground(page)).toBe('rgb(255, 255, 255)');
  await expect.poll(selectedBackground).toBe('rgb(221, 244, 255)');

  await vscodeTheme('vscode-light', '#fffffe');
  await expect(editor).toHaveClass(/(^|\s)vs(\s|$)/);
  await expect.poll(() => bodyBackground(page)).toBe('rgb(255, 255, 254)');
});
