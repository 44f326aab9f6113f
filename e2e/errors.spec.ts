// Every failure the inspector explains, caused on purpose and read in the page as a user meets it: the
// emulator's AWS-error faults (through its run-time /__emulator/faults API), a host name that does not
// resolve, a closed port, no credentials at all, and an SSO login that expired. Each must show its flag with the explanation and the fix,
// and the header must explain an identity that STS refused.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  const cases: {
    endpoint: string;
    env: Record<string, string>;
    title: string;
    said?: RegExp;
    fix: RegExp;
  }[] = [
    {
      endpoint: 'http://appconfigdata.xx-fake-1.invalid',
      env: withKeys,
      title: 'Endpoint not found',
      fix: /region/,
    },
    { endpoint: 'http://127.0.0.1:9', env: withKeys, title: 'Connection refused', fix: /port/ },
    {
      endpoint: 'http://127.0.0.1:9',
      env: noCredentials,
      title: 'No credentials',
      said: /looked at: environment variables AWS_ACCESS_KEY_ID .* \/nonexistent\/config/,
      fix: /profile/,
    },
  ];
  for (const c of cases) {
    stack = await startStack(['--endpoint', c.endpoint, '--region', 'us-east-1'], undefined, c.env);
    await page.goto(stack.pageUrl);
    await startSession(page);
    await expectFlag(page, c.title, c.said ?? /./, c.fix);
    await stack.stop();
    stack = undefined;
  }
});

test('an SSO profile whose login expired is flagged, and explained in the header, with the aws sso login line for it', async ({
  page,
}) => {
  // A private HOME holds the shared config and the token cache exactly as `aws sso login` leaves them.
  const home = mkdtempSync(join(tmpdir(), 'aci-e2e-sso-'));
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  writeFileSync(
    join(home, 'config'),
    [
      '[profile dev-sso]',
      'sso_session = corp',
      'sso_account_id = 123456789012',
      'sso_role_name = Developer',
      'region = us-east-1',
      '[sso-session corp]',
      'sso_start_url = https://corp.awsapps.com/start',
      'sso_region = us-east-1',
    ].join('\n'),
  );
  const cache = `${createHash('sha1').update('corp').digest('hex')}.json`;
  writeFileSync(
    join(home, '.aws', 'sso', 'cache', cache),
    JSON.stringify({
      startUrl: 'https://corp.awsapps.com/start',
      region: 'us-east-1',
      accessToken: 'cached',
      expiresAt: new Date(Date.now() - 3_600_000).toISOString(),
    }),
  );
  try {
    stack = await startStack(
      ['--endpoint', 'http://127.0.0.1:9', '--profile', 'dev-sso'],
      undefined,
      {
        HOME: home,
        AWS_CONFIG_FILE: join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_PROFILE: '',
        // A refresh of the expired login goes nowhere but a closed local port.
        AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:9',
        AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:9',
      },
    );
    await page.goto(stack.pageUrl);
    await expect(page.getByRole('banner')).toContainText('aws sso login --profile dev-sso');
    await startSession(page);
    await expectFlag(page, 'SSO login expired', /expired/i, /aws sso login --profile dev-sso/);
  } finally {
    await stack?.stop();
    stack = undefined;
    rmSync(home, { recursive: true, force: true });
  }
});
