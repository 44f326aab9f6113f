// switchBackend on the real service against the real emulator as an 'endpoint' backend, with a temporary
// shared config of two static-key profiles: a session started before the switch keeps signing as the first
// profile in its region, one started after signs as the second, both keep polling, and the control plane
// follows the switch; so does the recording proxy, chain by chain. A recording relay in front of the emulator reads each call's SigV4 credential scope.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PollEvent } from '../core/ledger.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { InspectorEvent } from '../protocol/messages.js';
import { ProtocolError } from '../protocol/messages.js';
import { InspectorService } from './inspectorService.js';
import { FakeClock } from './test/fakeClock.js';

const demo = {
  applicationIdentifier: 'demo-app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'app-config',
};
const startParams = {
  ApplicationIdentifier: 'demo-app',
  EnvironmentIdentifier: 'dev',
  ConfigurationProfileIdentifier: 'app-config',
};

let clock: FakeClock;
let emulator: RunningEmulator;
let relay: Server;
let relayUrl: string;
/** `Credential=` of each call's Authorization header: access key / date / region / service. */
let scopes: string[];
let home: string;
let savedEnv: NodeJS.ProcessEnv;
const services: InspectorService[] = [];

/** Forwards every request to the emulator unchanged, noting who signed it. */
async function startRelay(target: string): Promise<void> {
  const to = new URL(target);
  relay = createServer((req, res) => {
    const credential = /Credential=([^,]+)/.exec(req.headers.authorization ?? '')?.[1];
    if (credential) scopes.push(credential);
    const out = request(
      { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(out);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
}

beforeEach(async () => {
  scopes = [];
  clock = new FakeClock(Date.now());
  emulator = await startEmulator({ port: 0, seed: 'demo', clock });
  await startRelay(emulator.url);
  home = mkdtempSync(join(tmpdir(), 'aci-switch-'));
  writeFileSync(
    join(home, 'config'),
    ['[profile first]', 'region = us-west-2', '[profile second]', 'region = ap-south-1'].join('\n'),
  );
  writeFileSync(
    join(home, 'credentials'),
    [
      '[first]',
      'aws_access_key_id = AKIDFIRST',
      'aws_secret_access_key = first-secret',
      '[second]',
      'aws_access_key_id = AKIDSECOND',
      'aws_secret_access_key = second-secret',
    ].join('\n'),
  );
  savedEnv = { ...process.env };
  process.env.HOME = home;
  process.env.AWS_CONFIG_FILE = join(home, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, 'credentials');
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
  ])
    delete process.env[name];
});

afterEach(async () => {
  for (const s of services.splice(0)) s.close();
  await new Promise((resolve) => relay.close(resolve));
  await emulator.close();
  process.env = savedEnv;
  rmSync(home, { recursive: true, force: true });
});

function newService(
  backend: ConstructorParameters<typeof InspectorService>[0]['backend'],
  dataDir = join(home, `data-${services.length}`),
) {
  const service = new InspectorService({ backend, dataDir, clock });
  services.push(service);
  return service;
}

function nextPoll(service: InspectorService, sessionId: string): Promise<PollEvent> {
  return new Promise((resolve) => {
    const off = service.onEvent((e: InspectorEvent) => {
      if ('event' in e && e.sessionId === sessionId && e.event.kind === 'poll') {
        off();
        resolve(e.event);
      }
    });
  });
}

async function startPolling(service: InspectorService) {
  const events: PollEvent[] = [];
  const summary = await service.request('startSession', demo);
  const first = nextPoll(service, summary.id);
  events.push(await first);
  return { id: summary.id, events };
}

describe('switchBackend', () => {
  it('keeps running sessions on their profile and region and starts new ones on the new', async () => {
    const service = newService({ kind: 'endpoint', endpoint: relayUrl, profile: 'first' });
    const hello = await service.request('hello', { protocolVersion: 1 });
    expect(hello.backend).toMatchObject({
      kind: 'endpoint',
      profile: 'first',
      region: 'us-west-2',
    });

    const a = await startPolling(service);
    const changed: InspectorEvent[] = [];
    service.onEvent((e) => {
      if (e.type === 'backendChanged') changed.push(e);
    });
    const info = await service.request('switchBackend', { profile: 'second', region: 'eu-west-1' });
    expect(info).toMatchObject({ kind: 'endpoint', profile: 'second', region: 'eu-west-1' });
    expect(changed).toEqual([{ type: 'backendChanged', backend: info }]);
    expect((await service.request('hello', { protocolVersion: 1 })).backend).toEqual(info);

    const b = await startPolling(service);
    const sessions = await service.request('listSessions', {});
    const byId = new Map(sessions.map((s) => [s.id, s]));
    expect(byId.get(a.id)).toMatchObject({ profile: 'first', region: 'us-west-2' });
    expect(byId.get(b.id)).toMatchObject({ profile: 'second', region: 'eu-west-1' });

    // Both keep polling on schedule, each signed by its own profile in its own region.
    scopes = [];
    const [nextA, nextB] = [nextPoll(service, a.id), nextPoll(service, b.id)];
    clock.advance(60_000);
    expect((await nextA).outcome.type).toBe('unchanged');
    expect((await nextB).outcome.type).toBe('unchanged');
    expect(scopes.map((s) => s.split('/').filter((_, i) => i !== 1)).sort()).toEqual([
      ['AKIDFIRST', 'us-west-2', 'appconfig', 'aws4_request'],
      ['AKIDSECOND', 'eu-west-1', 'appconfig', 'aws4_request'],
    ]);

    // The control plane follows the switch.
    scopes = [];
    const apps = await service.request('listResources', { kind: 'applications' });
    expect(apps.map((x) => x.name)).toContain('demo-app');
    expect(scopes[0]).toMatch(/^AKIDSECOND\/\d+\/eu-west-1\//);
  });

  it('takes a new profile’s own region when none is given, and refuses an unknown profile', async () => {
    const service = newService({ kind: 'endpoint', endpoint: relayUrl, profile: 'first' });
    expect(await service.request('switchBackend', { profile: 'second' })).toMatchObject({
      profile: 'second',
      region: 'ap-south-1',
    });
    expect(await service.request('switchBackend', { region: 'eu-central-1' })).toMatchObject({
      profile: 'second',
      region: 'eu-central-1',
    });
    const refused = await service
      .request('switchBackend', { profile: 'nobody' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProtocolError);
    expect(refused).toMatchObject({ code: 'notFound', message: expect.stringContaining('nobody') });
    expect((await service.request('hello', { protocolVersion: 1 })).backend.region).toBe(
      'eu-central-1',
    );
  });

  it('runs two switches asked for at once one after the other, so neither undoes the other', async () => {
    const service = newService({ kind: 'endpoint', endpoint: relayUrl, profile: 'first' });
    const [byProfile, byRegion] = await Promise.all([
      service.request('switchBackend', { profile: 'second' }),
      service.request('switchBackend', { region: 'eu-central-1' }),
    ]);
    expect(byProfile).toMatchObject({ profile: 'second', region: 'ap-south-1' });
    expect(byRegion).toMatchObject({ profile: 'second', region: 'eu-central-1' });
    expect((await service.request('hello', { protocolVersion: 1 })).backend).toMatchObject({
      profile: 'second',
      region: 'eu-central-1',
    });
  });

  it('after a restart on the first profile, resumes only the sessions that signed with it', async () => {
    const config = { kind: 'endpoint', endpoint: relayUrl, profile: 'first' } as const;
    const dataDir = join(home, 'restart');
    const before = new InspectorService({ backend: config, dataDir, clock });
    const a = await startPolling(before);
    await before.request('switchBackend', { profile: 'second' });
    const b = await startPolling(before);
    before.close();

    const after = newService(config, dataDir);
    const states = new Map((await after.request('listSessions', {})).map((s) => [s.id, s]));
    expect(states.get(a.id)).toMatchObject({ state: 'polling', profile: 'first' });
    // Resuming it would sign as another identity: it waits for the user instead.
    expect(states.get(b.id)).toMatchObject({ state: 'paused', profile: 'second' });
  });

  it('the recording proxy sends an app’s new sessions to the new backend and keeps each chain on its own', async () => {
    const service = newService({ kind: 'endpoint', endpoint: relayUrl, profile: 'first' });
    const proxy = await service.startProxy(0);
    const app = new AppConfigDataClient({
      endpoint: proxy.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDAPP', secretAccessKey: 'app' },
    });
    try {
      const poll = (token: string | undefined) =>
        app.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
      const startA = await app.send(new StartConfigurationSessionCommand(startParams));
      const a1 = await poll(startA.InitialConfigurationToken);
      await service.request('switchBackend', { profile: 'second', region: 'eu-west-1' });
      scopes = [];
      const startB = await app.send(new StartConfigurationSessionCommand(startParams));
      await poll(startB.InitialConfigurationToken);
      clock.advance(60_000);
      // A's next token was issued through the first profile: only that backend's chain accepts it.
      expect((await poll(a1.NextPollConfigurationToken)).$metadata.httpStatusCode).toBe(200);
      expect(scopes.map((s) => s.split('/').filter((_, i) => i !== 1))).toEqual([
        ['AKIDSECOND', 'eu-west-1', 'appconfig', 'aws4_request'],
        ['AKIDSECOND', 'eu-west-1', 'appconfig', 'aws4_request'],
        ['AKIDFIRST', 'us-west-2', 'appconfig', 'aws4_request'],
      ]);
      await service.observationsSettled();
      const observed = (await service.request('listSessions', {})).filter(
        (s) => s.origin === 'observed',
      );
      expect(observed.map((s) => [s.profile, s.region, s.pollCount]).sort()).toEqual([
        ['first', 'us-west-2', 2],
        ['second', 'eu-west-1', 1],
      ]);
    } finally {
      app.destroy();
      await proxy.close();
    }
  });

  it('is refused against the embedded emulator, which ignores credentials', async () => {
    const service = newService({ kind: 'emulator', endpoint: emulator.url });
    const refused = await service
      .request('switchBackend', { profile: 'second' })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('emulator ignores credentials'),
    });
    expect((await service.request('hello', { protocolVersion: 1 })).backend.kind).toBe('emulator');
  });

  it('refuses a region that is not one and a field it does not know', async () => {
    const service = newService({ kind: 'endpoint', endpoint: relayUrl, profile: 'first' });
    for (const params of [{ region: 'Mars 1' }, { profile: 'a]b' }, { endpoint: 'http://x' }]) {
      const refused = await service.handle('switchBackend', params).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'invalidParams' });
    }
  });
});
