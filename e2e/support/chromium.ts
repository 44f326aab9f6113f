// Chromium launch options shared by both Playwright configs: Debian's Chromium when present (Playwright's
// own browser download is unreachable on these machines); PLAYWRIGHT_CHROMIUM_EXECUTABLE picks another.
import { existsSync } from 'node:fs';

const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ??
  (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const chromiumLaunchOptions = {
  ...(executablePath ? { executablePath } : {}),
  // Without the networking flags Chromium's background calls are refused by the closed network, many at a time.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
