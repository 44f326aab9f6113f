// `appconfig-inspector emulator` as a user runs it: the observer secret it prints unlocks full tokens,
// --allow-host and --cors-origin reach the emulator, bad values are usage errors, exposure is warned about.
import { spawn, spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { exposureWarning } from './emulatorCommand.js';

const BIN = 'bin/appconfig-inspector.js';
let stop: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

/** Starts the command and reads what it prints until the secret line, within a deadline. */
async function launch(args: string[]): Promise<{ url: string; secret: string }> {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--no-seed', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stop = () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    return exited;
  };
  let url = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('emulator printed no secret within 15 s')),
      15_000,
    );
    child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      url = /listening on (\S+)/.exec(line)?.[1] ?? url;
      const secret = /Observer secret: (\S+)/.exec(line)?.[1];
      if (secret) {
        clearTimeout(timer);
        resolve({ url, secret });
      }
    });
  });
}

function get(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    req.end();
  });
}

describe('appconfig-inspector emulator', () => {
  it('prints an observer secret that unlocks full tokens, and honours --allow-host/--cors-origin', async () => {
    const { url, secret } = await launch([
      '--allow-host',
      'dev-box.test',
      '--cors-origin',
      'http://localhost:5173',
    ]);
    const observations = `${url}/__emulator/observations`;
    expect(await get(observations, { 'X-Emulator-Secret': secret })).toBe(200);
    expect(await get(observations, { 'X-Emulator-Secret': 'wrong' })).toBe(403);
    const port = new URL(url).port;
    expect(await get(observations, { Host: `dev-box.test:${port}` })).toBe(200);
    expect(await get(observations, { Host: `other.test:${port}` })).toBe(403);
    expect(await get(observations, { Origin: 'http://localhost:5173' })).toBe(200);
    expect(await get(observations, { Origin: 'http://localhost:5174' })).toBe(403);
  });

  it('refuses * as a CORS origin and a malformed --allow-host as usage errors', () => {
    const star = spawnSync(process.execPath, [BIN, 'emulator', '--cors-origin', '*'], {
      encoding: 'utf8',
    });
    expect(star.status).toBe(2);
    expect(star.stderr).toContain('--cors-origin * would let any web page');
    const host = spawnSync(process.execPath, [BIN, 'emulator', '--allow-host', 'evil.example:80'], {
      encoding: 'utf8',
    });
    expect(host.status).toBe(2);
    expect(host.stderr).toContain('--allow-host takes a host name or address without a port');
  });

  it('warns about what a non-loopback --host exposes, and stays quiet on loopback', () => {
    expect(exposureWarning(undefined, 4567)).toBeUndefined();
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1']) {
      expect(exposureWarning(host, 4567)).toBeUndefined();
    }
    const warning = exposureWarning('0.0.0.0', 4567)!;
    expect(warning).toMatch(/anyone who can reach port 4567 can read every configuration/i);
    expect(warning).toMatch(/start deployments/);
    expect(warning).toMatch(/token fingerprints/);
    expect(warning).toMatch(/--allow-host NAME/);
  });
});
