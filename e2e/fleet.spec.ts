// Fleets in Chromium against the real `serve` stack, its emulator running deployments 6× faster (poll intervals
// stay literal: members poll every 15 s). Start a 100-session fleet, write a version in its Deployments
// section, deploy it linearly, see the chart split while the deployment is part way, stop the deployment and
// see every member back on the old version, then open a member that had the new version and see the
// deployment and both receipts on its timeline. A second test: an invalid feature-flag document is refused.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createLinearStrategy, setEditorText, uploadVersion } from './support/deployFlow.js';
import { startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

const SIZE = 100;
const OLD = 'v1.1.0';
const NEW = 'e2e-fleet-v2';
/** `text` as a literal inside a RegExp. */
const lit = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Start fleet from the session form: the same fields as a session, plus the size. */
async function startFleet(page: Page, size: number, minInterval: number): Promise<void> {
  const form = page.getByRole('form', { name: 'Start a session' });
  await form.getByLabel('Application').fill('demo-app');
  await form.getByLabel('Environment').fill('dev');
  await form.getByLabel('Configuration profile').fill('app-config');
  await form.getByLabel('Minimum poll interval (seconds)').fill(String(minInterval));
  await form.getByLabel('Fleet size').fill(String(size));
  await form.getByRole('button', { name: 'Start fleet' }).click();
}

/** The folded Deployments view under the fleet chart, opened. */
async function openFleetDeployments(page: Page): Promise<Locator> {
  const section = page
    .locator('details')
    .filter({ has: page.getByText('Deploy to this fleet’s environment', { exact: true }) });
  await section.getByText('Deploy to this fleet’s environment', { exact: true }).click();
  await expect(section.getByRole('form', { name: 'Start a deployment' })).toBeVisible({
    timeout: 15_000,
  });
  return section;
}

test('a 100-session fleet splits mid-rollout, Stop deployment brings every member back, a member shows the deployment', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  stack = await startStack(['--time-scale', '6']);
  await page.goto(stack.pageUrl);

  // 15 s is the shortest minimum interval AWS lets a session ask for.
  await startFleet(page, SIZE, 15);
  await expect(page.getByRole('heading', { level: 2, name: /^Fleet of 100: / })).toHaveText(
    'Fleet of 100: demo-app / dev / app-config',
  );
  // One entry in the session list for the whole fleet, not 100 rows.
  const list = page.getByRole('listbox', { name: 'Sessions' });
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option')).toContainText(`fleet of ${SIZE}`);

  const chart = page.getByRole('group', { name: 'Rollout chart' }).getByRole('img');
  const legend = page.getByRole('list', { name: 'Versions held now' });
  const legendCount = (label: string) =>
    legend.getByRole('listitem').filter({ hasText: label }).locator('.fleet-legend-count');

  // New version, written in the fleet's Deployments section while the members make their first polls.
  const section = await openFleetDeployments(page);
  await expect(
    section.getByRole('combobox', { name: 'Configuration profile', exact: true }),
  ).toHaveValue('app-config');
  const form = section.getByRole('form', { name: 'New version' });
  await form.getByLabel('Version label').fill(NEW);
  const content = { logLevel: 'warn', maxConnections: 40, endpoints: { api: 'https://fleet.e2e' } };
  await setEditorText(page, form, JSON.stringify(content, null, 2));
  await expect(form.getByRole('status').first()).toHaveText('Ready to upload.');
  const versionNumber = await uploadVersion(form, NEW);

  // Linear, 25% a step over 4 min (a step every 10 s at 6×), with a long bake so it is still running when stopped.
  const deploy = section.getByRole('form', { name: 'Start a deployment' });
  await deploy.getByLabel('Version to deploy').selectOption(versionNumber);
  await createLinearStrategy(section, {
    name: 'e2e-fleet-linear',
    factor: 25,
    durationMinutes: 4,
    bakeMinutes: 30,
  });
  await expect(deploy.getByLabel('Deployment strategy')).toHaveAccessibleDescription(
    'Growth LINEAR, factor 25%, duration 4 min, bake 30 min',
  );

  // Every member has polled once (they start spread over the first 15 s interval) and holds the old version.
  // (The chart overlays the environment's newest deployment: the seed's, complete, until ours starts.)
  const allOld = new RegExp(`^Fleet of 100 members: 100 hold ${lit(OLD)}\\.`);
  await expect(chart).toHaveAttribute('aria-label', allOld, { timeout: 30_000 });
  await deploy.getByRole('button', { name: 'Deploy', exact: true }).click();
  const panel = section.getByRole('region', { name: /^Deployment \d+$/ });
  await expect(panel.getByRole('heading', { level: 3 })).toContainText(
    `version ${versionNumber} (${NEW})`,
  );

  // Mid-rollout: some members on each version while the deployment is at a partial percentage.
  const split = new RegExp(
    `^Fleet of 100 members: \\d+ hold (${lit(OLD)}|${NEW}), \\d+ hold (${lit(OLD)}|${NEW})\\. ` +
      'The deployment is at (25|50|75)%\\.$',
  );
  await expect(chart).toHaveAttribute('aria-label', split, { timeout: 30_000 });
  const summary = (await chart.getAttribute('aria-label'))!;
  expect(summary).toContain(`hold ${OLD}`);
  expect(summary).toContain(`hold ${NEW}`);
  await expect(legendCount(NEW)).toHaveText(/^[1-9]\d? of 100$/);
  await expect(legendCount(OLD)).toHaveText(/^[1-9]\d? of 100$/);

  // Which members hold the new version now (numbered in start order, whatever order the list shows).
  const members = page.getByRole('region', { name: 'Members' });
  await members.getByRole('button', { name: /^Show more \(\d+ not shown\)$/ }).click();
  await expect(members.locator('tbody tr')).toHaveCount(SIZE);
  const holding = members.locator('tbody tr').filter({
    has: page.getByRole('cell', { name: NEW, exact: true }),
  });
  const receiver = (await holding.first().getByRole('cell').first().innerText()).trim();
  expect(receiver).toMatch(/^\d+$/);

  // Stop deployment, through its confirmation, while it is still rolling out.
  await panel.getByRole('button', { name: 'Stop deployment', exact: true }).click();
  const confirm = panel.getByRole('alertdialog');
  await expect(confirm).toContainText(/^Stop deployment \d+\? It rolls back: /);
  await confirm.getByRole('button', { name: 'Confirm: Stop deployment' }).click();
  await expect(panel.getByText('State: ROLLED_BACK')).toBeVisible({ timeout: 15_000 });

  // Each member gets the old version back on its next poll: all 100 on it within one interval and its jitter.
  await expect(chart).toHaveAttribute('aria-label', allOld, { timeout: 30_000 });
  await expect(legendCount(OLD)).toHaveText('100 of 100');
  await expect(legendCount(NEW)).toHaveText('0 of 100');

  // A member opens as a normal session: its timeline has the deployment's rows and both receipts.
  await members.getByRole('button', { name: `Open member ${receiver}`, exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'demo-app / dev / app-config' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: '← Back to its fleet' })).toBeVisible();
  const markers = page.locator('.timeline-body .deployment-row');
  await expect(
    markers.filter({
      hasText: new RegExp(`Deployment #\\d+ of ${NEW} started \\(e2e-fleet-linear\\)$`),
    }),
  ).toHaveCount(1);
  await expect(markers.filter({ hasText: /Deployment #\d+ at 25%$/ })).toHaveCount(1);
  await expect(markers.filter({ hasText: /Deployment #\d+ rolled back$/ })).toHaveCount(1);
  const chips = page.locator('.timeline-body .receipt-chip');
  await expect(chips.filter({ hasText: 'received here' })).toHaveCount(1);
  await expect(chips.filter({ hasText: 'received here' })).toHaveAttribute(
    'title',
    new RegExp(`^Received ${NEW} here`),
  );
  await expect(chips.filter({ hasText: 'back here' })).toHaveAttribute(
    'title',
    new RegExp(`^Got ${OLD} back here`),
  );

  await page.getByRole('button', { name: '← Back to its fleet' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Fleet of 100: / })).toBeVisible();
});

test('an invalid feature-flag document is refused with its reason in the editor, which knows the profile type', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page, 'feature-flags');
  await page.getByRole('tab', { name: 'Deployments' }).click();
  const view = page.getByRole('tabpanel');
  await expect(
    view.getByRole('combobox', { name: 'Configuration profile', exact: true }),
  ).toHaveValue('feature-flags');
  const versions = view.getByRole('region', { name: 'Hosted versions' }).locator('tbody tr');
  await expect(versions).toHaveCount(2);

  // dark-mode's theme must be one of its enum; "neon" is not (line 22 of the pasted document).
  const doc = {
    version: '1',
    flags: {
      'dark-mode': {
        name: 'Dark mode',
        attributes: { theme: { constraints: { type: 'string', enum: ['midnight', 'slate'] } } },
      },
    },
    values: { 'dark-mode': { enabled: true, theme: 'neon' } },
  };
  const form = view.getByRole('form', { name: 'New version' });
  const upload = form.getByRole('button', { name: 'Upload version' });
  // The control plane lists the profile's type, so the form checks flags without being asked.
  const flagsBox = form.getByLabel('Feature-flag profile (AWS.AppConfig.FeatureFlags, JSON)');
  await expect(flagsBox).toBeChecked();
  await expect(flagsBox).toBeDisabled();
  await form.getByLabel('Version label').fill('bad-flags');
  await setEditorText(page, form, JSON.stringify(doc, null, 2));
  const reason = 'values.dark-mode.theme: "neon" is not one of midnight, slate.';
  await expect(form.getByRole('alert')).toHaveText(`Line 22, column 16: ${reason}`);
  await expect(upload).toBeDisabled();

  await expect(versions).toHaveCount(2);
});
