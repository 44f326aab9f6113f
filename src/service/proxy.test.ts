// The recording proxy end to end: a real JS SDK app pointed at the proxy, the real emulator as the backend.
// The app gets the answers a direct call gets (content, headers, errors byte for byte), its calls show as one
// observed session (not twice, though the emulator's own observation stream sees them too), a replayed token
// is flagged, and anything that is not an AppConfig Data call from a loopback name is refused in AWS's shape.
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
  type AppConfigDataClient,
} from '@aws-sdk/client-appconfigdata';
import { detectAnomalies } from '../core/anomalies.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { SessionSummary } from '../protocol/messages.js';
import { InspectorService } from './inspectorService.js';
import type { RunningProxy } from './proxyServer.js';
import { UNSEEN_TOKEN_IDENTIFIERS } from './proxyRecords.js';
import { capturingClient, type RawAnswer } from './test/rawCapture.js';

let emulator: RunningEmulator;
let service: InspectorService;
let proxy: RunningProxy;
let dataDir: string;
const clients: AppConfigDataClient[] = [];

const demo = {
  ApplicationIdentifier: 'demo-app',
  EnvironmentIdentifier: 'dev',
  ConfigurationProfileIdentifier: 'app-config',
};

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-proxy-'));
  // With the observer secret, as serve runs it: the follower sees full tokens of every call, the proxy's too.
  service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url, observerSecret: emulator.observerSecret },
    dataDir,
  });
  proxy = await service.startProxy(0);
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await proxy.close();
  service.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function app(url: string) {
  const made = capturingClient(url);
  clients.push(made.client);
  return made;
}

/** Start, then two polls (content, then unchanged): the answers each call got. */
async function threeCalls(client: AppConfigDataClient) {
  const started = await client.send(new StartConfigurationSessionCommand(demo));
  const first = await client.send(
    new GetLatestConfigurationCommand({ ConfigurationToken: started.InitialConfigurationToken }),
  );
  const second = await client.send(
    new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }),
  );
  return { started, first, second };
}

/** Waits (bounded) until the observed sessions satisfy `ready`. */
async function observedWhen(ready: (s: SessionSummary[]) => boolean): Promise<SessionSummary[]> {
  for (let i = 0; i < 200; i++) {
    await service.observationsSettled();
    const sessions = (await service.request('listSessions', {})).filter(
      (s) => s.origin === 'observed',
    );
    if (ready(sessions)) return sessions;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('observed sessions never reached the expected shape within 5 s');
}

/** The headers an app reads, with the per-call values (dates, request ids, tokens) reduced to their shape. */
function shapeOf(answer: RawAnswer) {
  const h = answer.headers;
  return {
    status: answer.status,
    names: Object.keys(h)
      .map((n) => n.toLowerCase())
      .filter((n) => !['connection', 'keep-alive', 'transfer-encoding'].includes(n))
      .sort(),
    contentType: h['content-type'],
    versionLabel: h['version-label'],
    interval: h['next-poll-interval-in-seconds'],
    tokenShape: h['next-poll-configuration-token']?.replace(/[A-Za-z0-9+/]/g, 'x').length,
  };
}

it('answers as the backend does and records the chain as one observed session, once', async () => {
  const via = app(proxy.url);
  const direct = app(emulator.url);
  // Proxied first: once the direct session is folded, the follower has also seen (and skipped) the proxied calls.
  const proxied = await threeCalls(via.client);
  const plain = await threeCalls(direct.client);

  expect(proxied.first.Configuration).toEqual(plain.first.Configuration);
  expect(proxied.first.Configuration!.length).toBeGreaterThan(0);
  // An unchanged poll: no bytes, however this SDK version surfaces an empty body.
  expect(proxied.second.Configuration?.length ?? 0).toBe(0);
  expect(proxied.second.Configuration).toEqual(plain.second.Configuration);
  expect(proxied.first.VersionLabel).toBe(plain.first.VersionLabel);
  expect(proxied.first.ContentType).toBe(plain.first.ContentType);
  expect(proxied.second.NextPollIntervalInSeconds).toBe(plain.second.NextPollIntervalInSeconds);
  expect(proxied.second.NextPollConfigurationToken).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);
  expect(via.raw.map(shapeOf)).toEqual(direct.raw.map(shapeOf));
  expect(via.raw[1]!.body).toEqual(direct.raw[1]!.body);
  expect(via.raw[0]!.body.toString()).toMatch(/^\{"InitialConfigurationToken":"[^"]+"\}$/);

  const sessions = await observedWhen((s) =>
    s.some((x) => !x.id.startsWith('o-p-') && x.pollCount === 2),
  );
  expect(sessions).toHaveLength(2);
  const mine = sessions.find((s) => s.id.startsWith('o-p-'))!;
  expect(mine).toMatchObject({
    applicationIdentifier: 'demo-app',
    environmentIdentifier: 'dev',
    configurationProfileIdentifier: 'app-config',
    backend: emulator.url,
    pollCount: 2,
    currentVersionLabel: plain.first.VersionLabel,
  });
  expect(mine.client).toMatch(/^aws-sdk-js\/.* @ 127\.0\.0\.1$/);
  const { events } = await service.request('getSession', { sessionId: mine.id });
  expect(events.map((e) => e.outcome.type)).toEqual(['started', 'content', 'unchanged']);
  const content = events[1]!.outcome;
  if (content.type !== 'content') throw new Error('second event is not content');
  const stored = await service.request('getContent', { contentHash: content.contentHash });
  expect(Buffer.from(stored.base64, 'base64')).toEqual(Buffer.from(plain.first.Configuration!));
  // The chain is linked by token: each poll sent the token the call before it returned.
  expect(events[1]!.tokenIn).toBe(events[0]!.tokenOut);
  expect(events[2]!.tokenIn).toBe(events[1]!.tokenOut);
  // The full tokens are held, as for the inspector's own sessions, so the Raw view shows what the app got.
  const rawPoll = await service.request('getRawResponse', { sessionId: mine.id, seq: 1 });
  expect(rawPoll.headers['Next-Poll-Configuration-Token']).toBe(
    proxied.first.NextPollConfigurationToken,
  );
});

it('flags a replayed token in the proxied session', async () => {
  const { client } = app(proxy.url);
  const { started, first } = await threeCalls(client);
  // The app sends the token it already spent on the second poll once more.
  await client
    .send(
      new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }),
    )
    .catch(() => undefined);
  expect(started.InitialConfigurationToken).toBeDefined();
  const [session] = await observedWhen((s) => s.length === 1 && s[0]!.pollCount === 3);
  const { events } = await service.request('getSession', { sessionId: session!.id });
  const flags = detectAnomalies(session!, events, Date.now()).map((a) => a.rule);
  expect(flags).toContain('tokenReused');
});

it('passes an AWS error through byte for byte and records an unseen token as its own session', async () => {
  const target = '/configuration?configuration_token=not-a-real-token';
  const [viaProxy, viaEmulator] = await Promise.all([
    raw(proxy.url, target),
    raw(emulator.url, target),
  ]);
  expect(viaEmulator.status).toBe(400);
  expect(viaProxy.status).toBe(400);
  expect(viaProxy.headers['x-amzn-errortype']).toBe(viaEmulator.headers['x-amzn-errortype']);
  expect(viaProxy.headers['content-type']).toBe(viaEmulator.headers['content-type']);
  expect(viaProxy.body).toEqual(viaEmulator.body);
  const { client } = app(proxy.url);
  await expect(
    client.send(new GetLatestConfigurationCommand({ ConfigurationToken: 'not-a-real-token' })),
  ).rejects.toMatchObject({ name: 'BadRequestException', $metadata: { httpStatusCode: 400 } });

  // Both proxied calls sent the same unseen token, so they share one session; the direct call is the
  // follower's own "(unreadable token)" session.
  const sessions = await observedWhen((s) => s.length === 2 && s.some((x) => x.pollCount === 2));
  const mine = sessions.filter((s) => s.id.startsWith('o-p-'));
  expect(mine).toHaveLength(1);
  expect(mine[0]!.applicationIdentifier).toBe(UNSEEN_TOKEN_IDENTIFIERS.application);
  const { events } = await service.request('getSession', { sessionId: mine[0]!.id });
  expect(events.map((e) => e.outcome)).toEqual([
    expect.objectContaining({ type: 'error', errorName: 'BadRequestException', httpStatus: 400 }),
    expect.objectContaining({ type: 'error', errorName: 'BadRequestException', httpStatus: 400 }),
  ]);
});

it('refuses a foreign Host, a web page, and anything but the two AppConfig Data calls', async () => {
  const foreign = await raw(proxy.url, '/configuration?configuration_token=x', {
    host: `evil.example:${proxy.port}`,
  });
  expect(foreign.status).toBe(403);
  expect(foreign.headers['x-amzn-errortype']).toBe('ForbiddenException');
  expect(JSON.parse(foreign.body.toString()).Message).toMatch(/answers only Host 127\.0\.0\.1/);

  const page = await raw(proxy.url, '/configuration?configuration_token=x', {
    origin: 'https://evil.example',
  });
  expect(page.status).toBe(403);

  const other = await raw(proxy.url, '/applications');
  expect(other.status).toBe(404);
  expect(other.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  expect(JSON.parse(other.body.toString()).Message).toMatch(
    /forwards only StartConfigurationSession .* and GetLatestConfiguration/,
  );
  const wrongMethod = await raw(proxy.url, '/configurationsessions');
  expect(wrongMethod.status).toBe(405);
  await service.observationsSettled();
  expect((await service.request('listSessions', {})).length).toBe(0);
});

/** One raw GET (optionally with overridden headers), read whole, with a 5 s limit. */
function raw(
  base: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(target, base), { headers, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    req.end();
  });
}
