// Starts the real `appconfig-inspector serve` stack for one test: emulator and inspector on ephemeral
// loopback ports, a throwaway data directory, ready when both URLs are printed. Stops with the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface Stack {
  /** Tokened page URL (the token is traded for a cookie on first load). */
  pageUrl: string;
  baseUrl: string;
  /** The embedded emulator's URL ('' when serve talks to --aws or an --endpoint instead). */
  emulatorUrl: string;
  dataDir: string;
  /** Stops the processes; keeps the data dir unless `cleanup`. */
  stop(cleanup?: boolean): Promise<void>;
}

export async function startStack(
  extraArgs: string[] = [],
  dataDir?: string,
  /** Added to (or, empty, removed from) the environment serve inherits. */
  env: Record<string, string> = {},
): Promise<Stack> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'aci-e2e-'));
  const embedded = !extraArgs.includes('--endpoint') && !extraArgs.includes('--aws');
  const childEnv = { ...process.env };
  for (const [name, value] of Object.entries(env)) {
    if (value === '') delete childEnv[name];
    else childEnv[name] = value;
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [
      'bin/appconfig-inspector.js',
      'serve',
      '--port',
      '0',
      '--emulator-port',
      '0',
      '--no-open',
      '--data-dir',
      dir,
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: false, env: childEnv },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const urls = await new Promise<{ page: string; emulator: string }>((resolve, reject) => {
    let page: string | undefined;
    let emulator: string | undefined;
    const timer = setTimeout(
      () => reject(new Error(`serve did not become ready in 30 s:\n${stderr}`)),
      30_000,
    );
    child.once('exit', (code) => reject(new Error(`serve exited early (${code}):\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      page ??= /AppConfig Inspector: (\S+)/.exec(line)?.[1];
      emulator ??= /Embedded AppConfig emulator: (\S+)/.exec(line)?.[1];
      if (page && (emulator || !embedded)) {
        clearTimeout(timer);
        resolve({ page, emulator: emulator ?? '' });
      }
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pageUrl: urls.page,
    baseUrl: new URL(urls.page).origin,
    emulatorUrl: urls.emulator,
    dataDir: dir,
    stop: async (cleanup = true) => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (cleanup) rmSync(dir, { recursive: true, force: true });
    },
  };
}
