// `serve --proxy-port 0` as a user runs it: prints the proxy's URL and the line to point an app at it, an app
// using the real JS SDK gets its configuration through it, and --proxy-port with --read-only is refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { dataClient } from '../emulator/test/support.js';

const BIN = 'bin/appconfig-inspector.js';
let dir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aci-serve-proxy-'));
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function serve(...extra: string[]) {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--no-open', '--emulator-port', '0', '--data-dir', dir, ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => void (stderr += c.toString()));
  const lines = createInterface({ input: child.stdout! });
  const exit = new Promise<number | null>((resolve) => child.once('close', resolve));
  /** The first stdout line matching `pattern`, within 15 s. */
  const line = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${pattern} within 15 s`)), 15_000);
      lines.on('line', (l) => {
        const m = pattern.exec(l);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      });
      void exit.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
  return { child, exit, line, stderr: () => stderr };
}

it('prints the proxy URL and the environment line, and forwards an app’s calls', async () => {
  const s = serve('--proxy-port', '0');
  const [, url, envLine] = await s.line(
    /^Recording proxy: (http:\/\/127\.0\.0\.1:\d+) \(point your app here to watch it: (.*)\)$/,
  );
  expect(envLine).toBe(`AWS_ENDPOINT_URL_APPCONFIGDATA=${url}`);
  const app = dataClient(url!);
  try {
    const started = await app.send(
      new StartConfigurationSessionCommand({
        ApplicationIdentifier: 'demo-app',
        EnvironmentIdentifier: 'dev',
        ConfigurationProfileIdentifier: 'app-config',
      }),
    );
    const polled = await app.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: started.InitialConfigurationToken }),
    );
    expect(polled.Configuration!.length).toBeGreaterThan(0);
  } finally {
    app.destroy();
  }
  s.child.kill('SIGTERM');
  expect(await s.exit).toBe(0);
});

it('refuses --proxy-port with --read-only', async () => {
  const s = serve('--proxy-port', '0', '--read-only');
  expect(await s.exit).not.toBe(0);
  expect(s.stderr()).toMatch(/--proxy-port records sessions, so it cannot go with --read-only/);
});
