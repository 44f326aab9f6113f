// Helpers for driving the code-server workbench and the inspector's webview from Playwright, and for changing
// the embedded emulator through its control plane with the real AWS SDK. Used by e2e/vscode specs only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AppConfigClient,
  CreateDeploymentStrategyCommand,
  CreateHostedConfigurationVersionCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListEnvironmentsCommand,
  StartDeploymentCommand,
} from '@aws-sdk/client-appconfig';
import { expect, type FrameLocator, type Page } from '@playwright/test';

/** The inspector page inside VS Code's webview (an iframe holding the content iframe). */
export function inspectorFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

export async function openWorkbench(page: Page): Promise<void> {
  await page.goto(process.env.VSCODE_PATH ?? '/');
  await expect(page.locator('.statusbar')).toBeVisible({ timeout: 90_000 });
}

/** Runs a command from the palette; retried because right after startup the extension's commands may be missing. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    await input.fill(`>${title}`);
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await row.click();
}

/** The URL the extension's emulator announced in <dataDirectory>/emulator.json. */
export async function emulatorUrl(dataDir: string): Promise<string> {
  let url: string | undefined;
  await expect(() => {
    url = (JSON.parse(readFileSync(join(dataDir, 'emulator.json'), 'utf8')) as { url: string }).url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  }).toPass({ timeout: 30_000 });
  return url!;
}

/** Creates a hosted version of demo-app/app-config and deploys it to dev at once, as an operator would. */
export async function deployVersion(endpoint: string, label: string, content: unknown): Promise<void> {
  const client = new AppConfigClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDE2E', secretAccessKey: 'e2e' } });
  try {
    const app = (await client.send(new ListApplicationsCommand({}))).Items?.find((a) => a.Name === 'demo-app');
    const env = (await client.send(new ListEnvironmentsCommand({ ApplicationId: app!.Id }))).Items?.find((e) => e.Name === 'dev');
    const profile = (await client.send(new ListConfigurationProfilesCommand({ ApplicationId: app!.Id }))).Items?.find((p) => p.Name === 'app-config');
    const version = await client.send(
      new CreateHostedConfigurationVersionCommand({
        ApplicationId: app!.Id,
        ConfigurationProfileId: profile!.Id,
        Content: new TextEncoder().encode(JSON.stringify(content)),
        ContentType: 'application/json',
        VersionLabel: label,
      }),
    );
    const strategy = await client.send(
      new CreateDeploymentStrategyCommand({ Name: `e2e-now-${Date.now()}`, DeploymentDurationInMinutes: 0, GrowthFactor: 100, FinalBakeTimeInMinutes: 0 }),
    );
    await client.send(
      new StartDeploymentCommand({
        ApplicationId: app!.Id,
        EnvironmentId: env!.Id,
        ConfigurationProfileId: profile!.Id,
        DeploymentStrategyId: strategy.Id,
        ConfigurationVersion: String(version.VersionNumber),
      }),
    );
  } finally {
    client.destroy();
  }
}
