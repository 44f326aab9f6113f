// The extension host's service owner against the real emulator it launches: discovery file, requests and
// events across a restart, sessions surviving as paused, clean stop, failed starts; one owner per data
// directory (a second window gets its own folder) and owner-only files; the recording proxy (an app's calls
// through it, as the real JS SDK makes them, seen as an observed session; a taken port said in words).
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { DEFAULT_TIMEOUTS } from '../../src/service/backend.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type InspectorEvent } from '../../src/protocol/messages.js';
import { LOCK_FILE, parseOwner } from '../../src/service/dataDirLock.js';
import { Recorder } from '../../src/service/recorder.js';
import { DISCOVERY_FILE, ServiceHost, type EmulatorDiscovery } from './serviceHost.js';
import type { InspectorSettings } from './settings.js';

const demo = {
  applicationIdentifier: 'demo-app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'app-config',
};

let dir: string;
let host: ServiceHost;
let logs: string[];
const settings = (extra: Partial<InspectorSettings> = {}): InspectorSettings => ({
  backend: 'emulator',
  dataDirectory: dir,
  emulatorPort: 0,
  emulatorTimeScale: 1,
  proxyPort: null,
  ...DEFAULT_TIMEOUTS,
  ...extra,
});
const discovery = () =>
  JSON.parse(readFileSync(join(dir, DISCOVERY_FILE), 'utf8')) as EmulatorDiscovery;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aci-host-'));
  logs = [];
  host = new ServiceHost({
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m) => logs.push(`error ${m}`),
  });
});

afterEach(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('ServiceHost with the emulator backend', () => {
  it('launches the emulator, announces its URL in the log and in emulator.json, and serves requests', async () => {
    await host.start(settings());
    const url = host.status().emulatorUrl!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovery()).toMatchObject({ url, pid: process.pid });
    expect(logs).toContain(
      `info Embedded AppConfig emulator: ${url} (point your app here: AWS_ENDPOINT_URL_APPCONFIGDATA=${url})`,
    );
    const hello = await host.request('hello', { protocolVersion: PROTOCOL_VERSION });
    expect(hello.backend).toMatchObject({ kind: 'emulator', endpoint: url });
  });

  it('lets requests made during a start wait for it', async () => {
    const starting = host.start(settings());
    const sessions = host.request('listSessions', {});
    await starting;
    await expect(sessions).resolves.toEqual([]);
  });

  it('keeps listeners across a restart, and brings sessions back paused', async () => {
    const seen: InspectorEvent['type'][] = [];
    host.onEvent((e) => seen.push(e.type));
    await host.start(settings());
    const firstUrl = host.status().emulatorUrl!;
    const session = await host.request('startSession', demo);
    await expect.poll(() => seen.includes('configurationReceived')).toBe(true);

    await host.start(settings());
    const secondUrl = host.status().emulatorUrl!;
    expect(secondUrl).not.toBe(firstUrl);
    expect(discovery().url).toBe(secondUrl);
    await expect(fetch(`${firstUrl}/__emulator/health`)).rejects.toThrow();
    const [restored] = await host.request('listSessions', {});
    expect(restored).toMatchObject({ id: session.id, state: 'paused' });

    seen.length = 0;
    await host.request('resumeSession', { sessionId: session.id });
    expect(seen).toContain('sessionChanged');
  });

  it('removes its discovery file on stop and then refuses requests as unavailable', async () => {
    await host.start(settings());
    await host.stop();
    expect(existsSync(join(dir, DISCOVERY_FILE))).toBe(false);
    await expect(host.request('listSessions', {})).rejects.toMatchObject({
      code: 'unavailable',
      message: 'The inspector service is not running.',
    });
  });

  it("leaves another window's discovery file alone", async () => {
    await host.start(settings());
    const other: EmulatorDiscovery = {
      url: 'http://127.0.0.1:1',
      pid: process.pid + 1,
      startedAt: 0,
    };
    writeFileSync(join(dir, DISCOVERY_FILE), JSON.stringify(other));
    await host.stop();
    expect(discovery()).toEqual(other);
  });

  it('reports a failed start, closes what it opened, and names the reason on later requests', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    const states: string[] = [];
    host.onStateChange(() => states.push(host.status().failure ?? 'ok'));
    await expect(host.start(settings({ dataDirectory: join(file, 'data') }))).rejects.toThrow();
    expect(host.status().failure).toMatch(/ENOTDIR|EEXIST/);
    expect(states).toHaveLength(1);
    await expect(host.request('listSessions', {})).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/not running: .*(ENOTDIR|EEXIST)/),
    });
    expect(
      logs.some((l) => l.startsWith('error Could not start the service with embedded emulator')),
    ).toBe(true);
    // The next start works again.
    await host.start(settings());
    await expect(host.request('listSessions', {})).resolves.toEqual([]);
  });

  it('runs the aws backend without an emulator', async () => {
    await host.start(settings({ backend: 'aws', region: 'eu-west-1' }));
    expect(host.status().emulatorUrl).toBeUndefined();
    expect(existsSync(join(dir, DISCOVERY_FILE))).toBe(false);
    const hello = await host.request('hello', { protocolVersion: PROTOCOL_VERSION });
    expect(hello.backend).toMatchObject({ kind: 'aws', region: 'eu-west-1' });
  });
});

describe('ServiceHost and its data directory', () => {
  const hosts: ServiceHost[] = [];
  const newHost = (messages: string[]) => {
    const h = new ServiceHost({
      info: (m) => messages.push(`info ${m}`),
      warn: (m) => messages.push(`warn ${m}`),
      error: (m) => messages.push(`error ${m}`),
    });
    hosts.push(h);
    return h;
  };
  afterEach(async () => {
    for (const h of hosts.splice(0)) await h.stop();
  });
  const aws = () => settings({ backend: 'aws', region: 'eu-west-1' });
  const lockOf = (folder: string) => parseOwner(readFileSync(join(folder, LOCK_FILE), 'utf8'));

  it('holds the lock while it runs and releases it on stop', async () => {
    await host.start(aws());
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, kind: 'vscode' });
    expect(host.status()).toMatchObject({ dataDirectory: dir });
    expect(host.status().dataDirectoryNotice).toBeUndefined();
    await host.stop();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('gives a second and third window folders of their own, says so, and keeps them apart', async () => {
    new Recorder(dir).create({
      id: 's-recorded',
      origin: 'inspector',
      ...demo,
      backend: 'aws',
      startedAt: 0,
      state: 'stopped',
    });
    await host.start(aws());
    const secondLog: string[] = [];
    const second = newHost(secondLog);
    await second.start(aws());
    const secondDir = join(dir, 'windows', '1');
    expect(second.status().dataDirectory).toBe(secondDir);
    const notice = second.status().dataDirectoryNotice!;
    expect(notice).toMatch(
      new RegExp(
        `^Data directory ${dir} is in use by the AppConfig Inspector VS Code extension \\(pid ${process.pid} on .*\\)\\. This window keeps its own recordings in ${secondDir}\\.$`,
      ),
    );
    expect(secondLog).toContain(`info ${notice}`);
    expect(lockOf(secondDir)).toMatchObject({ pid: process.pid, kind: 'vscode' });
    // Each window sees only its own folder's recordings.
    expect((await host.request('listSessions', {})).map((r) => r.id)).toEqual(['s-recorded']);
    await expect(second.request('listSessions', {})).resolves.toEqual([]);

    const third = newHost([]);
    await third.start(aws());
    expect(third.status().dataDirectory).toBe(join(dir, 'windows', '2'));

    // Once the first window closes, a new one gets the configured folder again, while a restarted
    // second window keeps its own (its sessions stay in view).
    await host.stop();
    await second.start(aws());
    expect(second.status().dataDirectory).toBe(secondDir);
    const fourth = newHost([]);
    await fourth.start(aws());
    expect(fourth.status()).toMatchObject({ dataDirectory: dir });
    expect(fourth.status().dataDirectoryNotice).toBeUndefined();
  });

  it('leaves every folder 0700 and every file 0600 under umask 0, emulator.json and the lock included', async () => {
    const saved = process.umask(0);
    try {
      await host.start(settings());
      const seen = new Promise<void>((resolve) => {
        const off = host.onEvent((e) => {
          if (e.type === 'configurationReceived') {
            off();
            resolve();
          }
        });
      });
      await host.request('startSession', demo);
      await seen;
      const modes: Record<string, number> = {};
      const walk = (path: string, name: string) => {
        modes[name] = statSync(path).mode & 0o777;
        if (statSync(path).isDirectory())
          for (const child of readdirSync(path)) walk(join(path, child), `${name}/${child}`);
      };
      walk(dir, '.');
      expect(Object.keys(modes)).toEqual(
        expect.arrayContaining(['./lock', `./${DISCOVERY_FILE}`, './sessions', './contents']),
      );
      expect(Object.keys(modes).some((k) => k.startsWith('./sessions/'))).toBe(true);
      expect(Object.keys(modes).some((k) => k.startsWith('./contents/'))).toBe(true);
      for (const [name, bits] of Object.entries(modes)) {
        const isDir = statSync(join(dir, name)).isDirectory();
        expect([name, bits]).toEqual([name, isDir ? 0o700 : 0o600]);
      }
    } finally {
      process.umask(saved);
    }
  });
});

describe('ServiceHost and the recording proxy', () => {
  const clients: AppConfigDataClient[] = [];
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy();
  });
  /** An app as the README's JS SDK recipe has it: the proxy as its endpoint, credentials of its own. */
  const app = (endpoint: string) => {
    const client = new AppConfigDataClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDAPPSOWN', secretAccessKey: 'not-checked' },
      maxAttempts: 1,
    });
    clients.push(client);
    return client;
  };
  const portOf = (url: string) => Number(new URL(url).port);

  it("starts the proxy the settings ask for, logs the line for an app, and shows the app's calls as an observed session", async () => {
    const started: string[] = [];
    host.onEvent((e) => {
      if (e.type === 'sessionStarted') started.push(e.session.origin);
    });
    await host.start(settings({ proxyPort: 0 }));
    const { proxyUrl, proxyFailure, emulatorUrl } = host.status();
    expect(proxyFailure).toBeUndefined();
    expect(proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(proxyUrl).not.toBe(emulatorUrl);
    expect(logs).toContain(
      `info Recording proxy: ${proxyUrl} (point your app here to watch it: AWS_ENDPOINT_URL_APPCONFIGDATA=${proxyUrl})`,
    );
    expect(logs).toContain(
      `info Service started with embedded emulator (port any free) and the recording proxy (port ${portOf(proxyUrl!)}); recordings in ${dir}`,
    );

    const client = app(proxyUrl!);
    const session = await client.send(
      new StartConfigurationSessionCommand({
        ApplicationIdentifier: demo.applicationIdentifier,
        EnvironmentIdentifier: demo.environmentIdentifier,
        ConfigurationProfileIdentifier: demo.configurationProfileIdentifier,
      }),
    );
    expect(session.InitialConfigurationToken).toBeTruthy();
    const poll = await client.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: session.InitialConfigurationToken }),
    );
    expect(poll.Configuration?.length).toBeGreaterThan(0);
    expect(poll.NextPollConfigurationToken).toBeTruthy();

    // One session for the chain (not a second one from the emulator's own observation stream).
    await expect
      .poll(async () => (await host.request('listSessions', {})).filter((s) => s.pollCount > 0), {
        timeout: 5000,
      })
      .toMatchObject([{ origin: 'observed', ...demo, pollCount: 1 }]);
    const observed = (await host.request('listSessions', {})).filter(
      (s) => s.origin === 'observed',
    );
    expect(observed).toHaveLength(1);
    expect(started).toContain('observed');
    const { events } = await host.request('getSession', { sessionId: observed[0]!.id });
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['start', 'poll']));

    await host.stop();
    await expect(fetch(`${proxyUrl}/configuration`)).rejects.toThrow();
  });

  it('restarts the proxy with the settings: the same fixed port again, then off', async () => {
    await host.start(settings({ proxyPort: 0 }));
    const first = host.status().proxyUrl!;
    // The old proxy has let go of its port before the new one listens on it.
    await host.start(settings({ proxyPort: portOf(first) }));
    expect(host.status()).toMatchObject({ proxyUrl: first });
    expect(host.status().proxyFailure).toBeUndefined();
    await host.start(settings());
    expect(host.status().proxyUrl).toBeUndefined();
    await expect(fetch(`${first}/configuration`)).rejects.toThrow();
  });

  it('says in words that the port is taken, and keeps the service and the emulator running', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve, reject) => {
      blocker.once('error', reject);
      blocker.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (blocker.address() as { port: number }).port;
    try {
      await host.start(settings({ proxyPort: port }));
      const status = host.status();
      const words = `port ${port} is in use; set appconfigInspector.proxyPort to another port or 0`;
      expect(status.proxyFailure).toBe(words);
      expect(status.proxyUrl).toBeUndefined();
      expect(logs).toContain(`warn Recording proxy not started: ${words}`);
      expect(logs).toContain(
        `info Service started with embedded emulator (port any free); recordings in ${dir}`,
      );
      expect(status.failure).toBeUndefined();
      expect(status.emulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const own = await host.request('startSession', demo);
      expect(own.state).not.toBe('failed');
      const hello = await host.request('hello', { protocolVersion: PROTOCOL_VERSION });
      expect(hello.backend).toMatchObject({ kind: 'emulator' });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    // Once the port is free, the next (re)start takes it.
    await host.start(settings({ proxyPort: port }));
    expect(host.status()).toMatchObject({ proxyUrl: `http://127.0.0.1:${port}` });
    expect(host.status().proxyFailure).toBeUndefined();
  });
});
