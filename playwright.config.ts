// Playwright in Chromium against the real `serve` stack (emulator + service + server + built UI), each test
// starting its own on ephemeral ports. Debian's Chromium is used when present (Playwright's browser download
// is unreachable on these machines); set PLAYWRIGHT_CHROMIUM_EXECUTABLE to choose another.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/chromium.js';

export default defineConfig({
  testDir: './e2e',
  testIgnore: ['**/vscode/**'],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Spec files run two at a time (each test on its own stack and ports), tests in a file in order: CI has two
  // cores, and one worker left the suite waiting on the browser and the stack most of the time (4.2 → 3.3 min).
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
