// `serve --emulator-url` as a user runs it: it follows a running emulator instead of starting one, refuses a
// wrong observer secret at once, and refuses embedded-emulator flags that would do nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';

const BIN = 'bin/appconfig-inspector.js';
let emulator: RunningEmulator;
let dataDir: string;
beforeEach(async () => {
  emulator = await startEmulator({ port: 0, seed: 'none' });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-follow-'));
});
afterEach(async () => {
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const serve = (...args: string[]) => [BIN, 'serve', '--no-open', '--data-dir', dataDir, ...args];

/** Runs to exit without blocking this process, which serves the emulator the child talks to. */
function run(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after 15 s: ${stderr}`));
    }, 15_000);
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stderr });
    });
  });
}

it('follows the running emulator with its secret, starting none of its own', async () => {
  const child = spawn(
    process.execPath,
    serve('--emulator-url', emulator.url, '--emulator-secret', emulator.observerSecret),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready within 15 s: ${lines.join('\n')}`)),
      15_000,
    );
    child.once('exit', (code) =>
      reject(new Error(`exited early with ${code}: ${lines.join('\n')}\nstderr: ${stderr}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line.startsWith('Press Ctrl-C')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await ready;
  expect(lines).toContain(`Following AppConfig emulator: ${emulator.url} (observer secret given)`);
  expect(lines.some((l) => l.startsWith('Embedded AppConfig emulator'))).toBe(false);
  // Its follower is attached to our emulator's stream.
  await expect.poll(() => emulator.context.observations.subscriberCount, { timeout: 5000 }).toBe(1);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});

it('refuses a wrong secret, and embedded-emulator flags, as usage errors', async () => {
  const wrong = await run(serve('--emulator-url', emulator.url, '--emulator-secret', 'nope'));
  expect(wrong.status).toBe(2);
  expect(wrong.stderr).toContain(
    `--emulator-secret is not the observer secret of the emulator at ${emulator.url}`,
  );
  const clash = await run(
    serve('--emulator-url', emulator.url, '--strict-tokens', '--emulator-port', '0'),
  );
  expect(clash.status).toBe(2);
  expect(clash.stderr).toContain('--emulator-port, --strict-tokens would do nothing');
  const alone = await run(serve('--emulator-secret', 'x'));
  expect(alone.status).toBe(2);
  expect(alone.stderr).toContain('--emulator-secret goes with --emulator-url');
});
