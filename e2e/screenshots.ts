// The README's screenshots, taken from the real `serve` stack in Chromium (light theme, the main area: 1280 px wide):
//   node --import tsx e2e/screenshots.ts            (after `npm run build`; writes docs/images/*.png)
//   node --import tsx e2e/screenshots.ts --only timeline   (just timeline-light.png and timeline-dark.png)
// Not a spec (Playwright's runner does not pick it up), so the normal suite never writes into docs/.
// One stack with deployments 4× faster: a session and a 100-session fleet on demo-app/dev/app-config (15 s
// polls), a version written in the editor and deployed linearly (25% a step, a step every 15 s), then
//   deployments-view.png   the Deployments tab mid-deployment (progress, event log, next step);
//   fleet-chart.png        the fleet's chart mid-rollout (members per version, the percentage drawn over it);
//   timeline-deployment.png the session's timeline with the deployment's rows, lane marks and its receipt
//                          (1480 px, as it has always been taken);
// and, on a stack of their own first (timelineShots):
//   timeline-light.png, timeline-dark.png  a session's timeline in the header's Light and Dark themes: the
//                          filter bar with a chip chosen, the lanes, and the Poll detail pane open beside the grid.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, expect, type Browser, type Locator, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from './support/chromium.js';
import { deployVersion } from './support/controlPlane.js';
import { createLinearStrategy, setEditorText, uploadVersion } from './support/deployFlow.js';
import { startStack } from './support/stack.js';

const OUT = join(import.meta.dirname, '..', 'docs', 'images');
/** The sidebar is 320 px at this width, so the main area is 1280 px. */
const VIEWPORT = { width: 1600, height: 3200 };
const NEW = 'v1.2.0';

async function fillSessionForm(page: Page, fleetSize?: number): Promise<void> {
  const form = page.getByRole('form', { name: 'Start a session' });
  await form.getByLabel('Application').fill('demo-app');
  await form.getByLabel('Environment').fill('dev');
  await form.getByLabel('Configuration profile').fill('app-config');
  await form.getByLabel('Minimum poll interval (seconds)').fill('15');
  if (fleetSize === undefined) {
    await form.getByRole('button', { name: 'Start session' }).click();
    return;
  }
  await form.getByLabel('Fleet size').fill(String(fleetSize));
  await form.getByRole('button', { name: 'Start fleet' }).click();
}

/**
 * The main area (1280 px wide beside the 320 px sidebar), from the top of `from` to the bottom of `to`. The
 * viewport is tall enough that nothing in the main area scrolls, so the band is all on screen.
 */
async function shoot(page: Page, file: string, from: Locator, to: Locator, pad = 12) {
  const main = (await page.locator('main.main').boundingBox())!;
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const y = Math.max(main.y, a.y - pad);
  const height = Math.min(main.y + main.height, b.y + b.height + pad) - y;
  await page.screenshot({
    path: join(OUT, file),
    clip: { x: main.x, y, width: main.width, height },
    animations: 'disabled',
    caret: 'hide',
  });
  console.log(`wrote docs/images/${file} (${Math.round(main.width)}×${Math.round(height)})`);
}

/**
 * A session with a few scheduled polls, a refused early one (flagged) and a new version, shown in the Light
 * and the Dark theme with the "Poll" chip chosen and the new version's Poll detail open beside the grid.
 */
async function timelineShots(browser: Browser) {
  const stack = await startStack(['--time-scale', '4']);
  try {
    for (const theme of ['Light', 'Dark'] as const) {
      // A screen's height, so the lanes, the grid and the pane are seen as a user sees them.
      const context = await browser.newContext({
        viewport: { width: VIEWPORT.width, height: 1000 },
        colorScheme: 'light',
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(stack.pageUrl);
      await page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: theme }).check();
      const row = (seq: number) => page.locator(`[role="row"][data-seq="${seq}"]`);
      if (theme === 'Light') {
        await fillSessionForm(page);
        await expect(row(1)).toContainText('v1.1.0');
        await expect(row(3)).toBeVisible({ timeout: 60_000 });
        await page.getByRole('button', { name: 'Poll now (ignore interval)' }).click();
        await expect(row(4)).toContainText('BadRequestException');
        await deployVersion(
          stack.emulatorUrl,
          JSON.stringify({ logLevel: 'warn', maxConnections: 40, featureX: true }, null, 2),
          NEW,
        );
        await expect(page.locator('.timeline-body')).toContainText(NEW, { timeout: 60_000 });
        await expect(row(7)).toBeVisible({ timeout: 60_000 });
        await page.getByRole('button', { name: 'Pause' }).click();
      } else {
        await page.getByRole('listbox', { name: 'Sessions' }).locator('[data-session-id]').click();
      }
      const bar = page.getByRole('search', { name: 'Filter polls' });
      const pollChip = bar.getByRole('button', { name: /^Poll \(\d+\)$/ });
      if ((await pollChip.getAttribute('aria-pressed')) !== 'true') await pollChip.click();
      const received = page
        .locator('.timeline-body [role="row"][data-seq]', { hasText: NEW })
        .first();
      await received.dblclick();
      const detail = page.getByRole('region', { name: 'Poll detail' });
      await expect(detail).toContainText('HTTP 200 OK');
      await expect(detail.locator('.monaco-editor .view-lines')).toContainText('maxConnections');
      await page.mouse.move(0, 0);
      await shoot(
        page,
        `timeline-${theme.toLowerCase()}.png`,
        page.locator('article.session-detail header').first(),
        page.locator('.timeline-with-detail'),
      );
      await context.close();
    }
  } finally {
    await stack.stop();
  }
}

/** The Deployments tab, the fleet chart and the timeline with a deployment's rows, on one stack. */
async function deploymentShots(browser: Browser) {
  const stack = await startStack(['--time-scale', '4']);
  try {
    const context = await browser.newContext({
      viewport: VIEWPORT,
      colorScheme: 'light',
      deviceScaleFactor: 1,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(stack.pageUrl);

    await fillSessionForm(page);
    await expect(page.locator('[role="row"][data-seq="1"]')).toContainText('v1.1.0');
    const sessionEntry = page
      .getByRole('listbox', { name: 'Sessions' })
      .locator('[data-session-id]');
    await fillSessionForm(page, 100);
    const fleetEntry = page.getByRole('listbox', { name: 'Sessions' }).locator('[data-fleet-id]');
    await expect(fleetEntry).toContainText('fleet of 100');

    // The version, written in the session's Deployments tab while the fleet's members make their first polls.
    await sessionEntry.click();
    await page.getByRole('tab', { name: 'Deployments' }).click();
    const view = page.getByRole('tabpanel');
    const form = view.getByRole('form', { name: 'New version' });
    await form.getByLabel('Version label').fill(NEW);
    await form.getByLabel('Description').fill('Fewer connections, warn logging');
    const content = {
      logLevel: 'warn',
      maxConnections: 40,
      endpoints: { api: 'https://api.example.com' },
    };
    await setEditorText(page, form, JSON.stringify(content, null, 2));
    await expect(form.getByRole('status').first()).toHaveText('Ready to upload.');
    const versionNumber = await uploadVersion(form, NEW);

    const deploy = view.getByRole('form', { name: 'Start a deployment' });
    await deploy.getByLabel('Version to deploy').selectOption(versionNumber);
    await createLinearStrategy(view, {
      name: 'linear-25',
      factor: 25,
      durationMinutes: 4,
      bakeMinutes: 1,
    });

    // Every member holds the old version before the deployment starts (the list entry shows the split).
    await expect(fleetEntry).toContainText('100 × v1.1.0', { timeout: 30_000 });
    await deploy.getByRole('button', { name: 'Deploy', exact: true }).click();
    const panel = view.getByRole('region', { name: /^Deployment \d+$/ });
    const progress = panel.getByRole('progressbar', { name: 'Percentage complete' });
    await expect(progress).toHaveAttribute('aria-valuenow', '50', { timeout: 40_000 });
    // The list of the environment's deployments is re-read less often than the panel: wait until they agree.
    await expect(
      view
        .getByRole('list', { name: 'Deployments of this environment' })
        .getByRole('listitem')
        .first(),
    ).toContainText('DEPLOYING · 50%', { timeout: 15_000 });
    await shoot(page, 'deployments-view.png', view.locator('section.deploy'), panel);

    // The fleet mid-rollout: wait for the 75% step, and for the members to have followed part of the way.
    await fleetEntry.click();
    const chart = page.getByRole('group', { name: 'Rollout chart' }).getByRole('img');
    await expect(chart).toHaveAttribute('aria-label', /The deployment is at 75%\.$/, {
      timeout: 40_000,
    });
    await expect(chart).toHaveAttribute('aria-label', new RegExp(`: (5\\d|6\\d) hold ${NEW}`), {
      timeout: 20_000,
    });
    await page.mouse.move(0, 0);
    await shoot(
      page,
      'fleet-chart.png',
      page.locator('article.fleet-view header').first(),
      page.getByRole('list', { name: 'Versions held now' }),
    );

    // The session's timeline once the deployment completed: its rows between the polls, and the receipt.
    // 200 px wider than the others, as docs/images/timeline-deployment.png has always been taken.
    await page.setViewportSize({ width: VIEWPORT.width + 200, height: VIEWPORT.height });
    await sessionEntry.click();
    await page.getByRole('tab', { name: 'Timeline' }).click();
    const body = page.locator('.timeline-body');
    await expect(body.locator('.receipt-chip')).toHaveAttribute(
      'title',
      new RegExp(`^Received ${NEW} here`),
      {
        timeout: 60_000,
      },
    );
    await expect(body.locator('.deployment-row').filter({ hasText: /complete$/ })).toHaveCount(1, {
      timeout: 60_000,
    });
    await page.mouse.move(0, 0);
    const lastRow = body.locator('[role="row"]').last();
    await shoot(
      page,
      'timeline-deployment.png',
      page.locator('article.session-detail header').first(),
      lastRow,
    );
    await context.close();
  } finally {
    await stack.stop();
  }
}

const { values } = parseArgs({ options: { only: { type: 'string' } } });
mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
try {
  await timelineShots(browser);
  if (values.only !== 'timeline') await deploymentShots(browser);
} finally {
  await browser.close();
}
