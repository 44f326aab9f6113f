import { afterEach, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { dataClient, startTestEmulator, type TestEmulator } from './test/support.js';
import { addVersion, deployNow, seedFixture } from './test/dataPlaneFixture.js';

let t: TestEmulator | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  await t?.close();
  t = undefined;
  proxy = undefined;
});

/**
 * Forwards everything to the emulator, but swaps the emulator's answer to the first poll for a 500: the token
 * was spent, the client never saw the reply, and the SDK retries the same token (docs/protocol.md §1.7).
 */
async function lossyProxy(target: URL): Promise<string> {
  let dropped = false;
  proxy = createServer((req, res) => {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        const chunks: Buffer[] = [];
        up.on('data', (c: Buffer) => chunks.push(c));
        up.on('end', () => {
          if (!dropped && req.url?.startsWith('/configuration?')) {
            dropped = true;
            res.writeHead(500, {
              'Content-Type': 'application/json',
              'x-amzn-ErrorType': 'InternalServerException',
            });
            res.end('{"Message":"injected failure"}');
            return;
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

it('answers a real SDK retry of a spent token normally, even under strictTokens', async () => {
  t = await startTestEmulator({ strictTokens: true });
  const store = t.emulator.context.store;
  const fx = seedFixture(store);
  addVersion(store, fx.profile, '{"retry":true}', { label: 'r1' });
  deployNow(store, fx.envId, fx.profile, 1);
  const client = dataClient(await lossyProxy(new URL(t.emulator.url)));
  try {
    const { InitialConfigurationToken } = await client.send(
      new StartConfigurationSessionCommand({
        ApplicationIdentifier: 'MyMobileApp',
        EnvironmentIdentifier: 'Prod',
        ConfigurationProfileIdentifier: 'Settings',
      }),
    );
    const out = await client.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: InitialConfigurationToken }),
    );
    expect(out.$metadata.attempts).toBe(2);
    expect(Buffer.from(out.Configuration!).toString()).toBe('{"retry":true}');
    expect(out.VersionLabel).toBe('r1');
  } finally {
    client.destroy();
  }
  const polls = t.emulator.context.observations
    .list(0, 10)
    .records.filter((r) => r.kind === 'poll');
  expect(polls).toHaveLength(2);
  expect(polls[0]!.status).toBe(200);
  expect(polls[1]!.status).toBe(200);
  expect(polls[1]!.attempt).toBe(2);
  expect(polls[1]!.invocationId).toBe(polls[0]!.invocationId);
  expect(polls[1]!.tokenIn).toBe(polls[0]!.tokenIn);
  expect(polls[1]!.facts).toMatchObject({ retry: true, replay: false });
});
