// `--fault` as a user types it: repeatable specs reach the emulator's fault table, a malformed one is a usage
// error (exit 2) naming what is wrong, for `emulator` and for the emulator `serve` embeds; --help documents it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = 'bin/appconfig-inspector.js';
let stop: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

const run = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('--fault', () => {
  it('puts every given spec in force at start-up', async () => {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'emulator',
        '--port',
        '0',
        '--no-seed',
        '--fault',
        'GetLatestConfiguration:503,count=2',
        '--fault',
        '*:latency=10@0.1,seed=3',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    stop = () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    };
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no URL printed within 15 s')), 15_000);
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /listening on (\S+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    const res = await fetch(`${url}/__emulator/faults`, { signal: AbortSignal.timeout(5_000) });
    const { faults } = (await res.json()) as { faults: { id: number; spec: string }[] };
    expect(faults.map((f) => [f.id, f.spec])).toEqual([
      [1, 'GetLatestConfiguration:503,count=2,seed=0'],
      [2, '*:latency=10@0.1,seed=3'],
    ]);
  });

  it('refuses a malformed spec with exit code 2 and says which part is wrong', () => {
    const bad = run(['emulator', '--fault', 'GetLatestConfiguration:503', '--fault', 'Poll:503']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(
      '--fault "Poll:503": "Poll" is not an emulated operation; use * or one of StartConfigurationSession,',
    );
    const dir = mkdtempSync(join(tmpdir(), 'fault-flag-'));
    try {
      const serve = run(['serve', '--no-open', '--data-dir', dir, '--fault', '*:503@2']);
      expect(serve.status).toBe(2);
      expect(serve.stderr).toContain(
        '--fault "*:503@2": rate must be a probability from 0 to 1, got "2".',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is documented in both commands’ --help', () => {
    const emulatorHelp = run(['emulator', '--help']).stdout;
    expect(emulatorHelp).toContain('--fault SPEC');
    expect(emulatorHelp).toContain('SPEC = OPERATION:EFFECT[@RATE][,count=N][,seed=S]');
    for (const effect of ['latency=MS', 'reset', 'truncate', 'slow-body[=MS]', 'count=N', 'seed=S'])
      expect(emulatorHelp).toContain(effect);
    expect(run(['serve', '--help']).stdout).toContain('--fault SPEC (repeatable)');
  });
});
