// The backend switcher and the recording proxy in the VS Code panel (code-server, the packaged .vsix): the
// extension runs against an `endpoint` backend, an emulator this spec starts behind a small pass-through that
// notes each call's SigV4 scope (access key, region), with profiles alpha (us-east-1) and beta (eu-west-1) in
// the AWS shared files run.sh gives the extension host, and appconfigInspector.proxyPort set. The header shows
// alpha and who it signs as; Switch… lists both profiles, Apply switches to beta without a restart; a session
// started before keeps alpha and says so, one started after signs as beta in eu-west-1. A real JS SDK app
// pointed at the proxy shows up as an observed session with its polls, its calls re-signed as beta.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { createInterface } from 'node:readline';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { expect, test } from '@playwright/test';
import { inspectorFrame, openWorkbench, runCommand, setMachineSettings } from './workbench.js';

const ALPHA_KEY = 'AKIAALPHAE2E0000001';
const BETA_KEY = 'AKIABETAE2E00000002';

/** One call as it reached the emulator: its route and the scope it was signed with. */
interface SignedCall {
  method: string;
  path: string;
  accessKey: string | undefined;
  region: string | undefined;
  service: string | undefined;
  userAgent: string;
}

test('in the VS Code panel: switch from profile alpha to beta without a restart, and watch an app through the recording proxy', async ({
  page,
}, info) => {
  const configFile = process.env.ACI_AWS_CONFIG_FILE;
  const credentialsFile = process.env.ACI_AWS_CREDENTIALS_FILE;
  const stsPort = Number(process.env.ACI_STS_PORT);
  expect(configFile && credentialsFile && stsPort, 'run through e2e/vscode/run.sh').toBeTruthy();

  const emulator = await startEmulator();
  // On the port run.sh named in AWS_ENDPOINT_URL_STS: STS calls come here too, and the emulator answers them.
  const tap = await startSigningTap(emulator.url, stsPort);
  try {
    const endpoint = tap.url;
    writeFileSync(
      configFile!,
      '[profile alpha]\nregion = us-east-1\n\n[profile beta]\nregion = eu-west-1\n',
    );
    writeFileSync(
      credentialsFile!,
      `[alpha]\naws_access_key_id = ${ALPHA_KEY}\naws_secret_access_key = alpha-secret\n\n` +
        `[beta]\naws_access_key_id = ${BETA_KEY}\naws_secret_access_key = beta-secret\n`,
    );
    const proxyPort = await freePort();
    setMachineSettings({
      'appconfigInspector.backend': 'endpoint',
      'appconfigInspector.endpointUrl': endpoint,
      'appconfigInspector.profile': 'alpha',
      'appconfigInspector.proxyPort': proxyPort,
    });
    const proxyUrl = `http://127.0.0.1:${proxyPort}`;

    await openWorkbench(page);
    await runCommand(page, 'View: Close Primary Side Bar');
    await runCommand(page, 'AppConfig Inspector: Open');
    const ui = inspectorFrame(page);
    await expect(
      page.locator('.notifications-toasts', { hasText: `recording proxy on ${proxyUrl}` }),
    ).toBeVisible();

    // The header: the endpoint backend on profile alpha in its region, and who STS says alpha is.
    await expect(
      ui.getByLabel('Backend: Endpoint, region us-east-1, profile alpha', { exact: true }),
    ).toBeVisible();
    await expect(ui.locator('.backend-badge')).toContainText(endpoint);
    await expect(ui.getByLabel('Signed in as emulator in account 000000000000')).toBeVisible();

    // Session A on alpha, before the switch.
    const start = ui.getByRole('form', { name: 'Start a session' });
    await start.getByLabel('Application', { exact: true }).fill('demo-app');
    await start.getByLabel('Environment', { exact: true }).fill('dev');
    await start.getByLabel('Configuration profile', { exact: true }).fill('app-config');
    await start.getByRole('button', { name: 'Start session' }).click();
    await expect(
      ui.getByRole('heading', { name: 'demo-app / dev / app-config', exact: true }),
    ).toBeVisible();
    const rows = ui.locator('.timeline-body [role="row"][data-seq]');
    await expect(rows.nth(1)).toContainText('v1.1.0');

    // Switch…: both profiles from the shared files, with kind and region; beta brings its own region.
    const switchButton = ui.getByRole('button', { name: 'Switch…' });
    await switchButton.click();
    await expect(switchButton).toHaveAttribute('aria-expanded', 'true');
    const form = ui.getByRole('form', { name: 'Switch profile or region' });
    const profile = form.getByLabel('Profile', { exact: true });
    await expect(profile.locator('option')).toHaveText([
      '(default credential chain)',
      'alpha (static keys, us-east-1)',
      'beta (static keys, eu-west-1)',
    ]);
    await expect(profile).toHaveValue('alpha');
    const region = form.getByLabel('Region', { exact: true });
    await expect(region).toHaveAttribute('placeholder', 'us-east-1');
    await profile.selectOption('beta');
    await expect(region).toHaveAttribute('placeholder', 'eu-west-1');
    await expect(form.locator('datalist option[value="eu-west-1"]')).toHaveCount(1);
    await page.screenshot({ path: info.outputPath('switcher.png') });
    await form.getByRole('button', { name: 'Apply' }).click();
    await expect(form).toHaveCount(0);
    await expect(
      ui.getByLabel('Backend: Endpoint, region eu-west-1, profile beta', { exact: true }),
    ).toBeVisible();
    await expect(ui.getByLabel('Signed in as emulator in account 000000000000')).toBeVisible();
    // No restart: no notification says so, and session A is still there, now saying where it started.
    await expect(
      page.locator('.notifications-toasts', { hasText: 'AppConfig Inspector restarted' }),
    ).toHaveCount(0);
    const sessions = ui.getByRole('listbox', { name: 'Sessions' });
    const sessionA = sessions.getByRole('option').filter({ hasText: 'app-config' }).first();
    await expect(sessionA).toContainText('started with profile alpha in us-east-1');
    await expect(ui.locator('.session-heading')).toContainText(
      'started with profile alpha in us-east-1',
    );
    await page.screenshot({ path: info.outputPath('switched.png') });
    // STS was asked as beta in beta's region.
    await expect
      .poll(() => tap.calls.some((c) => c.service === 'sts' && c.accessKey === BETA_KEY))
      .toBe(true);
    expect(
      tap.calls.filter((c) => c.service === 'sts').map((c) => [c.accessKey, c.region]),
    ).toEqual([
      [ALPHA_KEY, 'us-east-1'],
      [BETA_KEY, 'eu-west-1'],
    ]);

    // Session B, started after the switch: signed as beta in eu-west-1, with no "started with" note.
    const callsBeforeB = tap.calls.length;
    await start.getByLabel('Configuration profile', { exact: true }).fill('feature-flags');
    await start.getByRole('button', { name: 'Start session' }).click();
    await expect(
      ui.getByRole('heading', { name: 'demo-app / dev / feature-flags', exact: true }),
    ).toBeVisible();
    await expect(rows).toHaveCount(2);
    await expect(ui.locator('.session-heading')).not.toContainText('started with');
    const sessionB = sessions.getByRole('option').filter({ hasText: 'feature-flags' });
    await expect(sessionB).not.toContainText('started with');
    const dataCallsOfB = tap.calls
      .slice(callsBeforeB)
      .filter(
        (c) => c.path.startsWith('/configurationsessions') || c.path.startsWith('/configuration?'),
      );
    expect(dataCallsOfB.map((c) => [c.method, c.accessKey, c.region, c.service])).toEqual([
      ['POST', BETA_KEY, 'eu-west-1', 'appconfig'],
      ['GET', BETA_KEY, 'eu-west-1', 'appconfig'],
    ]);

    // Session A keeps alpha: polled now, it still signs as alpha in us-east-1.
    await sessionA.click();
    await expect(
      ui.getByRole('heading', { name: 'demo-app / dev / app-config', exact: true }),
    ).toBeVisible();
    const callsBeforePoll = tap.calls.length;
    await ui
      .getByRole('toolbar', { name: 'Session controls' })
      .getByRole('button', { name: 'Poll now (ignore interval)', exact: true })
      .click();
    await expect(rows).toHaveCount(3);
    expect(
      tap.calls
        .slice(callsBeforePoll)
        .filter((c) => c.path.startsWith('/configuration?'))
        .map((c) => [c.accessKey, c.region]),
    ).toEqual([[ALPHA_KEY, 'us-east-1']]);

    // "Your app": the real JS SDK with its own (unchecked) keys and region, pointed at the recording proxy.
    const callsBeforeApp = tap.calls.length;
    const app = new AppConfigDataClient({
      endpoint: proxyUrl,
      region: 'us-west-2',
      credentials: { accessKeyId: 'AKIDAPP', secretAccessKey: 'app' },
    });
    let versionLabel: string | undefined;
    try {
      const started = await app.send(
        new StartConfigurationSessionCommand({
          ApplicationIdentifier: 'demo-app',
          EnvironmentIdentifier: 'dev',
          ConfigurationProfileIdentifier: 'app-config',
        }),
      );
      const first = await app.send(
        new GetLatestConfigurationCommand({
          ConfigurationToken: started.InitialConfigurationToken,
        }),
      );
      versionLabel = first.VersionLabel;
      await app.send(
        new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }),
      );
    } finally {
      app.destroy();
    }
    expect(versionLabel).toBe('v1.1.0');
    // The proxy re-signed each call as the inspector's current profile and region, beta in eu-west-1.
    expect(
      tap.calls.slice(callsBeforeApp).map((c) => [c.method, c.accessKey, c.region, c.userAgent]),
    ).toEqual([
      ['POST', BETA_KEY, 'eu-west-1', expect.stringContaining('appconfig-inspector/proxy')],
      ['GET', BETA_KEY, 'eu-west-1', expect.stringContaining('appconfig-inspector/proxy')],
      ['GET', BETA_KEY, 'eu-west-1', expect.stringContaining('appconfig-inspector/proxy')],
    ]);
    // And the emulator served them: its observation log has the proxied start and both polls.
    const observed = await emulatorObservations(emulator.url);
    const proxied = observed.filter((r) => r.userAgent?.includes('appconfig-inspector/proxy'));
    expect(proxied.map((r) => [r.kind, r.status, r.versionLabel])).toEqual([
      ['startSession', 201, null],
      ['poll', 200, 'v1.1.0'],
      ['poll', 200, null],
    ]);

    // In the panel: an observed session of demo-app / dev / app-config with its two polls.
    const observedEntry = sessions
      .getByRole('option')
      .filter({ hasText: 'app-config' })
      .filter({ hasText: 'observed' });
    await expect(observedEntry).toContainText('2 polls');
    await expect(observedEntry).not.toContainText('started with');
    await observedEntry.click();
    await expect(ui.locator('.session-heading')).toContainText(/observed from aws-sdk-js/);
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText('Session started');
    await expect(rows.nth(1)).toContainText('v1.1.0');
    // Its second poll came at once, not after the 60 s the emulator asked for.
    await expect(ui.getByRole('region', { name: 'Flags' })).toContainText('Polled too early');
    await page.screenshot({ path: info.outputPath('observed.png') });

    // The panel follows VS Code's own theme: light, dark and high contrast, and hides the browser's toggle.
    await expect(ui.getByRole('group', { name: 'Theme' })).toHaveCount(0);
    for (const [theme, kind] of [
      ['Light Modern', 'vscode-light'],
      ['Dark High Contrast', 'vscode-high-contrast'],
      ['Dark Modern', 'vscode-dark'],
    ] as const) {
      await runCommand(page, 'Preferences: Color Theme');
      await page.locator('.quick-input-box input').fill(theme);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click();
      await expect(ui.locator('body')).toHaveClass(new RegExp(`\\b${kind}\\b`));
      // Our page background is VS Code's editor background for that theme, as the webview hands it over.
      const [ours, vscode] = await ui.locator('body').evaluate((body) => {
        const style = getComputedStyle(body);
        const probe = document.createElement('div');
        probe.style.background = 'var(--vscode-editor-background)';
        body.append(probe);
        const theirs = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return [style.backgroundColor, theirs];
      });
      expect(ours, theme).toBe(vscode);
      await page.screenshot({ path: info.outputPath(`theme-${kind}.png`) });
    }
  } finally {
    await tap.close();
    await emulator.stop();
  }
});

/** `appconfig-inspector emulator --port 0` with its demo seed; ready when it prints its URL. */
async function startEmulator(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['bin/appconfig-inspector.js', 'emulator', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`the emulator printed no URL in 30 s:\n${stderr}`));
    }, 30_000);
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}):\n${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const found = /AppConfig emulator listening on (\S+)/.exec(line)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * A pass-through to `target` on 127.0.0.1:`port` that notes the SigV4 scope of every call
 * (`Credential=AKID/date/region/service/aws4_request`). The emulator checks no signature, so its Host is set.
 */
async function startSigningTap(
  target: string,
  port: number,
): Promise<{ url: string; calls: SignedCall[]; close: () => Promise<void> }> {
  const to = new URL(target);
  const calls: SignedCall[] = [];
  const server: Server = createServer((req, res) => {
    const scope = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(
      req.headers.authorization ?? '',
    );
    calls.push({
      method: req.method ?? '',
      path: req.url ?? '',
      accessKey: scope?.[1],
      region: scope?.[2],
      service: scope?.[3],
      userAgent: String(req.headers['user-agent'] ?? ''),
    });
    const forward = request(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface ObservationRecord {
  kind: 'startSession' | 'poll';
  status: number;
  userAgent: string | null;
  versionLabel: string | null;
}

async function emulatorObservations(emulatorUrl: string): Promise<ObservationRecord[]> {
  const answer = await fetch(`${emulatorUrl}/__emulator/observations?limit=1000`);
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { records: ObservationRecord[] }).records;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
