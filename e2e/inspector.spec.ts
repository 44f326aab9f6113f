// End to end in Chromium against the real `serve` stack: emulator + service + server + built UI, each test
// on its own ephemeral ports and data directory. Versions are deployed through the emulator's control plane
// with the real AWS SDK, exactly as a developer would.
import { expect, test, type Page } from '@playwright/test';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { deployVersion } from './support/controlPlane.js';
import { row, rows, startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

/** Fails the test on any request that leaves loopback (the UI must make no outside calls). */
function guardNetwork(page: Page) {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (
      !['127.0.0.1', 'localhost'].includes(url.hostname) &&
      !['data:', 'blob:'].includes(url.protocol)
    )
      foreign.push(r.url());
  });
  return foreign;
}

test('start a session, see a new deployment arrive and compare it in the Monaco diff; misuse is flagged', async ({
  page,
}, info) => {
  stack = await startStack();
  const foreign = guardNetwork(page);
  await page.goto(stack.pageUrl);
  // The token was traded for a cookie and removed from the address bar.
  await expect(page).toHaveURL(`${stack.baseUrl}/`);
  await startSession(page);

  await expect(row(page, 1)).toContainText('New content');
  await expect(row(page, 1)).toContainText('v1.1.0');
  await expect(page.getByRole('region', { name: 'Flags' })).toContainText('No flags');

  await deployVersion(
    stack.emulatorUrl,
    JSON.stringify({
      logLevel: 'warn',
      maxConnections: 25,
      endpoints: { api: 'https://api.example.com' },
      featureX: true,
    }),
    'v2.0.0',
  );
  await page.getByRole('button', { name: 'Poll now (ignore interval)' }).click();
  await expect(row(page, 2)).toContainText('New content');
  await expect(row(page, 2)).toContainText('v2.0.0');
  // Polling again at once before the 60 s AWS asked for is flagged (a warning: no minimum was required).
  await expect(page.getByRole('region', { name: 'Flags' })).toContainText('Polled too early');

  await page.getByRole('tab', { name: /Versions/ }).click();
  await page.getByRole('checkbox', { name: /Compare v1\.1\.0/ }).check();
  await page.getByRole('checkbox', { name: /Compare v2\.0\.0/ }).check();
  await page.getByRole('button', { name: 'Compare' }).click();
  const diff = page.getByTestId('diff-editor');
  await expect(diff.locator('.editor.modified .line-insert').first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(diff.locator('.editor.original .line-delete').first()).toBeVisible();
  await expect(diff.locator('.editor.modified')).toContainText('featureX');
  await expect(diff.locator('.editor.original')).toContainText('debug');
  await expect(page.getByText(/featureX/).first()).toBeVisible();
  await page.screenshot({ path: info.outputPath('diff.png'), fullPage: true });

  await page.getByRole('button', { name: 'Replay previous token' }).click();
  await expect(page.getByRole('region', { name: 'Flags' })).toContainText('Token reused');
  await page.getByRole('tab', { name: 'Timeline' }).click();
  // start, first poll, early poll, replay
  await expect(rows(page)).toHaveCount(4);
  await expect(row(page, 3)).toContainText('replay');
  await page.screenshot({ path: info.outputPath('timeline.png'), fullPage: true });
  expect(foreign).toEqual([]);
});

test('polling before the required minimum is refused by AWS and flagged Polled too early', async ({
  page,
}, info) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page, 'app-config', 15);
  await expect(row(page, 1)).toContainText('New content');
  await page.getByRole('button', { name: 'Poll now (ignore interval)' }).click();
  await expect(row(page, 2)).toContainText('BadRequestException');
  const flags = page.getByRole('region', { name: 'Flags' });
  await expect(flags).toContainText('Polled too early');
  await flags.getByText('Polled too early').last().click();
  await expect(flags).toContainText('Request too early');
  await page.screenshot({ path: info.outputPath('too-early.png'), fullPage: true });
});

test('a token kept past its lifetime is refused and flagged Token expired', async ({
  page,
}, info) => {
  stack = await startStack(['--token-ttl-seconds', '2']);
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('New content');
  await page.getByRole('button', { name: 'Pause' }).click();
  // The held token must really age (the emulator's TTL is wall-clock time). Seen, not slept: a probe token
  // issued after it is replayed until the emulator calls it Expired, so the held one has expired too.
  const probe = new AppConfigDataClient({
    endpoint: stack.emulatorUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDPROBE', secretAccessKey: 'probe' },
  });
  try {
    const { InitialConfigurationToken } = await probe.send(
      new StartConfigurationSessionCommand({
        ApplicationIdentifier: 'demo-app',
        EnvironmentIdentifier: 'dev',
        ConfigurationProfileIdentifier: 'app-config',
      }),
    );
    await expect
      .poll(() => replayProblem(probe, InitialConfigurationToken!), { timeout: 10_000 })
      .toBe('Expired');
  } finally {
    probe.destroy();
  }
  await page.getByRole('button', { name: 'Poll now (ignore interval)' }).click();
  await expect(row(page, 2)).toContainText('Expired');
  await expect(page.getByRole('region', { name: 'Flags' })).toContainText('Token expired');
  await page.screenshot({ path: info.outputPath('expired.png'), fullPage: true });
});

/**
 * Replays a token: the emulator answers a replay as a fresh poll until the token expires (docs/protocol.md §2).
 * The refusal's Problem (e.g. 'Expired'), or 'accepted'.
 */
async function replayProblem(client: AppConfigDataClient, token: string): Promise<string> {
  try {
    await client.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
    return 'accepted';
  } catch (error) {
    const details = (
      error as { Details?: { InvalidParameters?: Record<string, { Problem?: string }> } }
    ).Details;
    const problem = Object.values(details?.InvalidParameters ?? {})[0]?.Problem;
    if (problem) return problem;
    throw error;
  }
}

test('recorded sessions survive a server restart, and the UI state survives a reload', async ({
  page,
}) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  await startSession(page);
  await expect(row(page, 1)).toContainText('v1.1.0');
  await page.reload();
  await expect(row(page, 1)).toContainText('v1.1.0');

  const dataDir = stack.dataDir;
  await stack.stop(false);
  stack = await startStack([], dataDir);
  await page.goto(stack.pageUrl);
  const list = page.getByRole('listbox').or(page.getByRole('list', { name: /Sessions/ }));
  await expect(list.first()).toContainText('app-config');
  await page.getByText('app-config').first().click();
  await expect(row(page, 0)).toContainText('Session started');
  await expect(row(page, 1)).toContainText('v1.1.0');
});

test('an app pointed at the emulator shows up as an observed session, with its misuse flagged', async ({
  page,
}, info) => {
  stack = await startStack();
  await page.goto(stack.pageUrl);
  // "Your app": the real SDK with nothing but the emulator's endpoint, reusing its initial token once.
  const app = new AppConfigDataClient({
    endpoint: stack.emulatorUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDAPP', secretAccessKey: 'app' },
  });
  try {
    const { InitialConfigurationToken } = await app.send(
      new StartConfigurationSessionCommand({
        ApplicationIdentifier: 'demo-app',
        EnvironmentIdentifier: 'prod',
        ConfigurationProfileIdentifier: 'feature-flags',
      }),
    );
    await app.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: InitialConfigurationToken }),
    );
    await app.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: InitialConfigurationToken }),
    );
  } finally {
    app.destroy();
  }
  const entry = page.getByRole('option').filter({ hasText: 'feature-flags' });
  await expect(entry).toContainText('observed');
  await entry.click();
  await expect(page.getByText(/observed from aws-sdk-js/)).toBeVisible();
  await expect(row(page, 2)).toContainText('New content');
  await expect(page.getByRole('region', { name: 'Flags' })).toContainText('Token reused');
  await expect(page.getByRole('button', { name: 'Replay previous token' })).toBeDisabled();
  await page.screenshot({ path: info.outputPath('observed.png'), fullPage: true });
});

test('requests without the launch token are refused', async ({ request }) => {
  stack = await startStack();
  const api = await request.post(`${stack.baseUrl}/api/listSessions`, {
    data: {},
    failOnStatusCode: false,
  });
  expect(api.status()).toBe(401);
  const page = await request.get(`${stack.baseUrl}/`, { failOnStatusCode: false });
  expect(page.status()).toBe(401);
  expect(await page.text()).not.toContain('<script');
});
