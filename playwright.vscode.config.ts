// Playwright for the VS Code end-to-end test: a real VS Code (code-server, started by e2e/vscode/run.sh on a
// free loopback port) with the packaged extension, driven in Debian's Chromium. Not for the browser-mode
// specs (playwright.config.ts); run through `npm run test:vscode`, which sets VSCODE_URL.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium.js';

export default defineConfig({
  testDir: './e2e/vscode',
  // The workbench, the extension host and a window reload each take seconds on a 2-core machine.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results/vscode',
  use: {
    baseURL: process.env.VSCODE_URL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
