// Every failure the inspector explains, caused on purpose and read in the page as a user meets it: the
// emulator's AWS-error faults (through its run-time /__emulator/faults API), a host name that does not
// resolve, a closed port, and no credentials at all. Each must show its flag with the explanation and the fix,
// and the header must explain an identity that STS refused.
import { expect, test, type Page } from '@playwright/test';
import { startSession } from './support/page.js';
import { startStack, type Stack } from './support/stack.js';

let stack: Stack | undefined;

test.afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function faults(emulatorUrl: string, method: 'POST' | 'DELETE', spec?: string) {
  const res = await fetch(new URL('/__emulator/faults', emulatorUrl), {
    method,
    headers: { 'content-type': 'application/json' },
    ...(spec ? { body: JSON.stringify({ spec }) } : {}),
  });
  expect(res.status, await res.text()).toBe(method === 'POST' ? 201 : 200);
}

/** Opens the newest flag called `title` and checks its explanation and fix read as `said` and `fix`. */
async function expectFlag(page: Page, title: string, said: RegExp, fix: RegExp) {
  const flags = page.getByRole('region', { name: 'Flags' });
  const flag = flags.locator('details').filter({ has: page.getByText(title, { exact: true }) });
  await expect(flag.first()).toBeVisible({ timeout: 20_000 });
  await flag.first().locator('summary').click();
  await expect(flag.first()).toContainText(said);
  await expect(flag.first()).toContainText(fix);
}

interface Case {
  fault: string;
  title: string;
  said: RegExp;
  fix: RegExp;
}

const FAULTED: Case[] = [
  {
    fault: 'StartConfigurationSession:AccessDeniedException',
    title: 'Access denied: appconfig:StartConfigurationSession',
    said: /may not call appconfig:StartConfigurationSession/,
    fix: /"Action": "appconfig:StartConfigurationSession"/,
  },
  {
    fault: 'GetLatestConfiguration:AccessDeniedException',
    title: 'Access denied: appconfig:GetLatestConfiguration',
    said: /may not call appconfig:GetLatestConfiguration/,
    fix: /"Action": "appconfig:GetLatestConfiguration"/,
  },
  {
    fault: 'StartConfigurationSession:ExpiredTokenException',
    title: 'Credentials expired',
    said: /ExpiredTokenException/,
    fix: /refresh|renew/i,
  },
  {
    fault: 'StartConfigurationSession:UnrecognizedClientException',
    title: 'Credentials not recognised',
    said: /UnrecognizedClientException/,
    fix: /aws sts get-caller-identity/,
  },
  {
    fault: 'StartConfigurationSession:InvalidSignatureException',
    title: 'Clock skew',
    said: /Signature expired/,
    fix: /clock/i,
  },
  {
    fault: 'GetLatestConfiguration:429',
    title: 'Throttled',
    said: /429|Throttl/,
    fix: /same token/,
  },
  {
    fault: 'GetLatestConfiguration:503',
    title: 'AWS internal error',
    said: /503/,
    fix: /same token/,
  },
];

test('each AWS error the emulator can cause is flagged in the page with what happened and the fix', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  stack = await startStack();
  await faults(stack.emulatorUrl, 'POST', 'GetCallerIdentity:ExpiredTokenException');
  await page.goto(stack.pageUrl);
  await expect(page.getByRole('banner')).toContainText('The credentials have expired');
  for (const c of FAULTED) {
    await faults(stack.emulatorUrl, 'DELETE');
    await faults(stack.emulatorUrl, 'POST', c.fault);
    await startSession(page);
    await expectFlag(page, c.title, c.said, c.fix);
    await page.screenshot({ path: info.outputPath(`${c.title.replace(/\W+/g, '-')}.png`) });
  }
});

test('a name that does not resolve, a closed port and missing credentials are explained too', async ({
  page,
}) => {
  const noCredentials = {
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  };
  const withKeys = { AWS_ACCESS_KEY_ID: 'AKIDE2E', AWS_SECRET_ACCESS_KEY: 'e2e' };
  const cases: { endpoint: string; env: Record<string, string>; title: string; fix: RegExp }[] = [
    {
      endpoint: 'http://appconfigdata.xx-fake-1.invalid',
      env: withKeys,
      title: 'Endpoint not found',
      fix: /region/,
    },
    { endpoint: 'http://127.0.0.1:9', env: withKeys, title: 'Connection refused', fix: /port/ },
    { endpoint: 'http://127.0.0.1:9', env: noCredentials, title: 'No credentials', fix: /profile/ },
  ];
  for (const c of cases) {
    stack = await startStack(['--endpoint', c.endpoint, '--region', 'us-east-1'], undefined, c.env);
    await page.goto(stack.pageUrl);
    await startSession(page);
    await expectFlag(page, c.title, /./, c.fix);
    await stack.stop();
    stack = undefined;
  }
});
