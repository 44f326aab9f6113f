// The command as a user runs it: `appconfig-inspector emulator` prints its URL, serves, and stops cleanly on
// SIGTERM; --help documents every flag; bad flags exit 2 with a precise message.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const BIN = 'bin/appconfig-inspector.js';

describe('appconfig-inspector CLI', () => {
  it('runs the emulator until SIGTERM and exits 0', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--no-seed'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) resolve(match[1]!);
      });
    });
    expect(await (await fetch(`${url}/__emulator/health`)).json()).toEqual({ status: 'ok' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('documents every flag of both commands in --help', () => {
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout;
    for (const flag of [
      '--port',
      '--host',
      '--token-ttl-seconds',
      '--time-scale',
      '--strict-tokens',
      '--seed',
      '--no-seed',
      '--aws',
      '--profile',
      '--region',
      '--endpoint',
      '--data-dir',
      '--no-open',
      '--emulator-port',
      '--read-only',
    ]) {
      expect(help).toContain(flag);
    }
  });

  it('refuses bad flags with a precise message and exit code 2', () => {
    const bad = spawnSync(process.execPath, [BIN, 'emulator', '--token-ttl-seconds', 'soon'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--token-ttl-seconds must be a whole number, got "soon"');
    const unknown = spawnSync(process.execPath, [BIN, 'serve', '--nope'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--nope'/);
  });
});
