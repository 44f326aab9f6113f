// Odd answers reach the service through the real SDK and are recorded as served: bytes that are not UTF-8
// and invalid JSON labelled application/json (hosted on the real emulator through its control plane), and
// a 5 MB body and answers missing Content-Type, the interval or the next token (a small real node:http
// endpoint, since no faithful AppConfig would send those). Core's decoder then says what is wrong.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateApplicationCommand,
  CreateConfigurationProfileCommand,
  CreateEnvironmentCommand,
  CreateHostedConfigurationVersionCommand,
  StartDeploymentCommand,
} from '@aws-sdk/client-appconfig';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeConfiguration } from '../core/decode.js';
import type { PollEvent } from '../core/ledger.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { controlClient } from '../emulator/test/support.js';
import type { SessionSummary } from '../protocol/messages.js';
import { InspectorService } from './inspectorService.js';

const WAIT_MS = 5000;
const FIVE_MB = 5 * 1024 * 1024;

/** The first content poll of a new session, with its raw answer as the Raw view gets it. */
async function firstContent(service: InspectorService, ids: string[]) {
  let off: (() => void) | undefined;
  const arrived = new Promise<PollEvent>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no content within ${WAIT_MS} ms`)), WAIT_MS);
    off = service.onEvent((e) => {
      if (e.type === 'configurationReceived') {
        clearTimeout(timer);
        resolve(e.event);
      }
    });
  });
  const [applicationIdentifier, environmentIdentifier, configurationProfileIdentifier] = ids;
  const session = await service.request('startSession', {
    applicationIdentifier: applicationIdentifier!,
    environmentIdentifier: environmentIdentifier!,
    configurationProfileIdentifier: configurationProfileIdentifier!,
  });
  const event = await arrived.finally(() => off?.());
  const raw = await service.request('getRawResponse', { sessionId: session.id, seq: event.seq });
  const bytes = Buffer.from(raw.body!.base64, 'base64');
  return { session, event, raw, decoded: decodeConfiguration(bytes, raw.body!.contentType) };
}

describe('answers hosted on the real emulator', () => {
  let emulator: RunningEmulator;
  let service: InspectorService;
  let dataDir: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'none' });
    dataDir = mkdtempSync(join(tmpdir(), 'aci-strange-'));
    service = new InspectorService({
      backend: { kind: 'emulator', endpoint: emulator.url },
      dataDir,
      observe: false,
    });
  });
  afterAll(async () => {
    service.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** One application per case: a profile holding exactly `content`, deployed all at once. */
  async function host(name: string, content: Uint8Array, contentType: string) {
    const control = controlClient(emulator.url);
    const app = await control.send(new CreateApplicationCommand({ Name: name }));
    const env = await control.send(
      new CreateEnvironmentCommand({ ApplicationId: app.Id, Name: 'test' }),
    );
    const profile = await control.send(
      new CreateConfigurationProfileCommand({
        ApplicationId: app.Id,
        Name: 'odd',
        LocationUri: 'hosted',
      }),
    );
    const version = await control.send(
      new CreateHostedConfigurationVersionCommand({
        ApplicationId: app.Id,
        ConfigurationProfileId: profile.Id,
        ContentType: contentType,
        Content: content,
      }),
    );
    await control.send(
      new StartDeploymentCommand({
        ApplicationId: app.Id,
        EnvironmentId: env.Id,
        ConfigurationProfileId: profile.Id,
        ConfigurationVersion: String(version.VersionNumber),
        DeploymentStrategyId: 'AppConfig.AllAtOnce',
      }),
    );
    control.destroy();
    return [name, 'test', 'odd'];
  }

  it('records bytes that are not UTF-8 exactly and decodes them as hex, flagged', async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xff, 0xfe, 0x7d]);
    const { event, raw, decoded } = await firstContent(
      service,
      await host('not-utf8', bytes, 'application/json'),
    );
    expect(event.outcome).toMatchObject({
      type: 'content',
      size: 8,
      contentType: 'application/json',
    });
    expect(Buffer.from(raw.body!.base64, 'base64')).toEqual(Buffer.from(bytes));
    expect(decoded.kind).toBe('binary');
    expect(decoded.error).toBe(
      'Declared application/json but the bytes are not valid UTF-8 (first bad byte at offset 5)',
    );
  });

  it('records invalid JSON labelled application/json as served and says where it breaks', async () => {
    const text = '{\n  "retries": 3,\n  "mode": fast\n}';
    const { raw, decoded } = await firstContent(
      service,
      await host('bad-json', new TextEncoder().encode(text), 'application/json'),
    );
    expect(raw.headers['Content-Type']).toBe('application/json');
    expect([decoded.kind, decoded.text]).toEqual(['text', text]);
    expect(decoded.error).toMatch(/^Invalid JSON at line 3, column 11: /);
  });
});

describe('answers from an endpoint that leaves things out', () => {
  type Scenario = 'big' | 'noType' | 'noInterval' | 'noToken';
  const hits: Record<Scenario, number> = { big: 0, noType: 0, noInterval: 0, noToken: 0 };
  const big = Buffer.from(`[${'1234567,'.repeat(FIVE_MB / 8)}0]`);
  let endpoint: Server;
  let service: InspectorService;
  let dataDir: string;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    // Tokens name their scenario, so one endpoint serves every case: "<scenario>.<n>".
    endpoint = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/configurationsessions') {
          const scenario = (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, string>)
            .ApplicationIdentifier as Scenario;
          res.writeHead(201, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ InitialConfigurationToken: `${scenario}.0` }));
          return;
        }
        const token = new URL(req.url ?? '', 'http://x').searchParams.get('configuration_token');
        const [scenario, n] = (token ?? '').split('.') as [Scenario, string];
        hits[scenario]++;
        const headers: Record<string, string> = {
          'Content-Type': 'application/json',
          'Next-Poll-Configuration-Token': `${scenario}.${Number(n) + 1}`,
          'Next-Poll-Interval-In-Seconds': '60',
        };
        if (scenario === 'noType') delete headers['Content-Type'];
        if (scenario === 'noInterval') delete headers['Next-Poll-Interval-In-Seconds'];
        if (scenario === 'noToken') delete headers['Next-Poll-Configuration-Token'];
        res.writeHead(200, headers);
        res.end(scenario === 'big' ? big : '{"a":1}');
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    // The endpoint backend signs with the standard chain; any static keys do for a local endpoint.
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'test' });
    dataDir = mkdtempSync(join(tmpdir(), 'aci-strange-'));
    service = new InspectorService({
      backend: {
        kind: 'endpoint',
        endpoint: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`,
        region: 'us-east-1',
      },
      dataDir,
    });
  });
  afterAll(async () => {
    service.close();
    endpoint.closeAllConnections();
    await new Promise((resolve) => endpoint.close(resolve));
    process.env = savedEnv;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ids = (scenario: Scenario) => [scenario, 'env', 'profile'];

  it('records a 5 MB body whole; the decoder marks it large', async () => {
    const { event, raw, decoded } = await firstContent(service, ids('big'));
    expect(event.outcome).toMatchObject({ type: 'content', size: big.length });
    expect(raw.body!.size).toBe(big.length);
    expect([decoded.kind, decoded.large, (decoded.value as unknown[]).length]).toEqual([
      'json',
      true,
      FIVE_MB / 8 + 1,
    ]);
  });

  it('records a body without Content-Type as untyped; the decoder recognises JSON by its bytes', async () => {
    const { event, raw, decoded } = await firstContent(service, ids('noType'));
    expect(event.outcome).toEqual(expect.not.objectContaining({ contentType: expect.anything() }));
    expect(Object.keys(raw.headers)).not.toContain('Content-Type');
    expect([decoded.kind, decoded.value]).toEqual(['json', { a: 1 }]);
  });

  it('records a missing interval as absent and waits AWS’s default 60 s before the next poll', async () => {
    const { session, event, raw } = await firstContent(service, ids('noInterval'));
    expect(event.intervalSeconds).toBeUndefined();
    expect(raw.headers).toMatchObject({ 'Next-Poll-Configuration-Token': 'noInterval.1' });
    expect(Object.keys(raw.headers)).not.toContain('Next-Poll-Interval-In-Seconds');
    const summary = await scheduled(session.id);
    expect(summary.nextPollAt! - event.answeredAt).toBe(60_000);
  });

  it('records a missing next token as absent, and does not restart the session in a tight loop', async () => {
    const { session, event, raw } = await firstContent(service, ids('noToken'));
    expect(event.tokenOut).toBeUndefined();
    expect(Object.keys(raw.headers)).not.toContain('Next-Poll-Configuration-Token');
    // The restart waits out the interval the answer did carry, rather than hammering the endpoint.
    const summary = await scheduled(session.id);
    expect(summary.nextPollAt! - event.answeredAt).toBeGreaterThanOrEqual(60_000);
    expect(hits.noToken).toBe(1);
  });

  /** The session as it stands once its next poll is planned (it may already be by the time we ask). */
  async function scheduled(sessionId: string): Promise<SessionSummary> {
    const now = (await service.request('getSession', { sessionId })).session;
    if (now.nextPollAt !== undefined) return now;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no poll planned')), WAIT_MS);
      const off = service.onEvent((e) => {
        if (e.type === 'sessionChanged' && e.session.id === sessionId && e.session.nextPollAt) {
          clearTimeout(timer);
          off();
          resolve(e.session);
        }
      });
    });
  }
});
