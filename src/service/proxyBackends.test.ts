// The recording proxy in front of backends other than the embedded emulator: any endpoint signed with the
// standard credential chain (the emulator standing in for it, no observation follower), and an endpoint that
// is down, which the app sees as an AWS-shaped 502 and the timeline as a refused start; and what reaches a
// backend: the inspector's signature (not the app's), the app's user agent behind the inspector's mark; and
// a backend that points back at the proxy, refused rather than looped.
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { dataClient } from '../emulator/test/support.js';
import type { BackendConfig } from './backend.js';
import { InspectorService } from './inspectorService.js';

let emulator: RunningEmulator;
let dataDir: string;
const closing: (() => Promise<void> | void)[] = [];

const demo = {
  ApplicationIdentifier: 'demo-app',
  EnvironmentIdentifier: 'dev',
  ConfigurationProfileIdentifier: 'app-config',
};

beforeEach(async () => {
  // The standard chain finds these: the proxy signs with the inspector's identity, whatever the app sent.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDINSPECTORTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'inspector-test-secret');
  emulator = await startEmulator({ port: 0, seed: 'demo' });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-proxy-backends-'));
});

afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

async function proxyFor(backend: BackendConfig) {
  const service = new InspectorService({
    backend,
    dataDir,
    timeouts: { connectTimeoutMs: 1000, requestTimeoutMs: 2000 },
  });
  closing.push(() => service.close());
  const proxy = await service.startProxy(0);
  closing.push(() => proxy.close());
  const app = dataClient(proxy.url, { maxAttempts: 1 });
  closing.push(() => app.destroy());
  return { service, app };
}

it('forwards to an endpoint backend and records the session against it', async () => {
  const { service, app } = await proxyFor({
    kind: 'endpoint',
    endpoint: emulator.url,
    region: 'us-east-1',
  });
  const started = await app.send(new StartConfigurationSessionCommand(demo));
  const polled = await app.send(
    new GetLatestConfigurationCommand({ ConfigurationToken: started.InitialConfigurationToken }),
  );
  expect(polled.Configuration!.length).toBeGreaterThan(0);
  await service.observationsSettled();
  const sessions = await service.request('listSessions', {});
  expect(sessions).toHaveLength(1);
  expect(sessions[0]).toMatchObject({ origin: 'observed', backend: emulator.url, pollCount: 1 });
});

it('answers a backend that is down with an AWS-shaped 502 and records the refused start', async () => {
  const { service, app } = await proxyFor({
    kind: 'endpoint',
    endpoint: 'http://127.0.0.1:9',
    region: 'us-east-1',
  });
  await expect(app.send(new StartConfigurationSessionCommand(demo))).rejects.toMatchObject({
    name: 'ProxyBackendUnreachable',
    $metadata: { httpStatusCode: 502 },
  });
  await service.observationsSettled();
  const [session] = await service.request('listSessions', {});
  expect(session).toMatchObject({ state: 'failed', applicationIdentifier: 'demo-app' });
  const { events } = await service.request('getSession', { sessionId: session!.id });
  expect(events[0]!.outcome).toMatchObject({
    type: 'error',
    errorName: 'ProxyBackendUnreachable',
    httpStatus: 502,
  });
});

it('signs with the inspector’s credentials, not the app’s, verifiably, and passes a chunked answer on whole', async () => {
  const seen: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
  const backend = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      // Chunked on purpose: its framing is hop-by-hop, so the proxy must answer with a length instead.
      res.writeHead(req.method === 'POST' ? 201 : 200, { 'Content-Type': 'application/json' });
      res.write(req.method === 'POST' ? '{"InitialConfigurationToken":' : '{"a":');
      res.end(req.method === 'POST' ? `"${TOKEN}"}` : '1}');
    });
  });
  await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
  closing.push(() => new Promise<void>((r) => backend.close(() => r())));
  const url = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  const { app } = await proxyFor({ kind: 'endpoint', endpoint: url, region: 'eu-west-1' });
  const started = await app.send(new StartConfigurationSessionCommand(demo));
  expect(started.InitialConfigurationToken).toBe(TOKEN);
  const polled = await app.send(new GetLatestConfigurationCommand({ ConfigurationToken: TOKEN }));
  expect(Buffer.from(polled.Configuration!).toString()).toBe('{"a":1}');
  expect(seen).toHaveLength(2);
  for (const call of seen) {
    expect(call.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDINSPECTORTEST\/\d{8}\/eu-west-1\/appconfig\/aws4_request, /,
    );
    expect(call.headers.authorization).toBe(sigV4(call, 'inspector-test-secret'));
    expect(call.headers['user-agent']).toMatch(/^aws-sdk-js\/.* appconfig-inspector\/proxy$/);
    expect(call.headers.host).toBe(new URL(url).host);
  }
  expect(new URL(seen[1]!.url, url).searchParams.get('configuration_token')).toBe(TOKEN);
});

/** A token with every character that needs escaping in a query, as real tokens have. */
const TOKEN = 'AYADe+Long/Token=From+The/Backend==';

const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** The Authorization header SigV4 gives this request, computed here from the spec, independently of the SDK. */
function sigV4(
  call: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
  secret: string,
): string {
  const auth =
    /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+),/.exec(
      call.headers.authorization!,
    )!;
  const [, key, date, region, service, signedHeaders] = auth;
  const target = new URL(call.url, 'http://x');
  const query = [...target.searchParams]
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .sort()
    .join('&');
  const names = signedHeaders!.split(';');
  const canonicalHeaders = names.map((n) => `${n}:${String(call.headers[n]).trim()}\n`).join('');
  const canonical = [
    call.method,
    target.pathname,
    query,
    canonicalHeaders,
    signedHeaders,
    sha256(call.body),
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', call.headers['x-amz-date'], scope, sha256(canonical)].join(
    '\n',
  );
  const signing = hmac(hmac(hmac(hmac(`AWS4${secret}`, date!), region!), service!), 'aws4_request');
  const signature = createHmac('sha256', signing).update(toSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${key}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

it('refuses a backend that points back at the proxy instead of forwarding forever', async () => {
  const service = new InspectorService({
    backend: { kind: 'endpoint', endpoint: 'http://127.0.0.1:9' },
    dataDir,
  });
  closing.push(() => service.close());
  const proxy = await service.startProxy(0);
  closing.push(() => proxy.close());
  // As if the backend were the proxy itself: the forwarded call arrives carrying the proxy's mark.
  const res = await fetch(`${proxy.url}/configuration?configuration_token=x`, {
    headers: { 'user-agent': 'aws-sdk-js/3 appconfig-inspector/proxy' },
    signal: AbortSignal.timeout(5000),
  });
  expect(res.status).toBe(508);
  expect(res.headers.get('x-amzn-errortype')).toBe('ProxyLoopDetected');
});
