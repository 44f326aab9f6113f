import { afterEach, describe, expect, it } from 'vitest';
import { ListApplicationsCommand, ListDeploymentsCommand } from '@aws-sdk/client-appconfig';
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { checkAllowedHost, checkCorsOrigin } from './access.js';
import { startEmulator } from './index.js';
import { addVersion, deployNow, seedFixture } from './test/dataPlaneFixture.js';
import { rawRequest, type RawResponse } from './test/rawHttp.js';
import { startTestEmulator, type TestEmulator } from './test/support.js';

let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const send = (req: Parameters<typeof rawRequest>[1]) => rawRequest(t!.emulator.port, req);
const message = (res: RawResponse) =>
  (JSON.parse(res.body.toString()) as { Message: string }).Message;

function expectRefused(res: RawResponse, pattern: RegExp) {
  expect(res.status).toBe(403);
  expect(res.headers['x-amzn-errortype']).toBe('AccessDeniedException');
  expect(message(res)).toMatch(pattern);
  // A refused page gets nothing it could read.
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
}

describe('Host check (DNS rebinding)', () => {
  it('refuses a Host the emulator does not serve, naming it and the flag, before anything runs', async () => {
    t = await startTestEmulator();
    const res = await send({
      method: 'POST',
      path: '/applications',
      headers: [
        ['Host', `evil.example:${t.emulator.port}`],
        ['Content-Type', 'application/json'],
      ],
      body: '{"Name":"rebound"}',
    });
    expectRefused(res, /Host "evil\.example:\d+".*--allow-host evil\.example\b/);
    const apps = await t.control.send(new ListApplicationsCommand({}));
    expect(apps.Items).toEqual([]);
  });

  it('answers loopback names on any port, and names added with allowedHosts', async () => {
    t = await startTestEmulator({ allowedHosts: ['Dev-Box.internal', '::2'] });
    for (const host of [
      '127.0.0.1:1',
      'localhost',
      'LOCALHOST:8080',
      '[::1]:4567',
      'dev-box.internal:9',
      '[::2]',
    ]) {
      const res = await send({
        method: 'GET',
        path: '/__emulator/health',
        headers: [['Host', host]],
      });
      expect([host, res.status]).toEqual([host, 200]);
    }
    for (const host of ['dev-box.internal.evil', '127.0.0.1.nip.io:80', 'localhost:80:80', '']) {
      const res = await send({
        method: 'GET',
        path: '/__emulator/health',
        headers: [['Host', host]],
      });
      expect([host, res.status]).toEqual([host, 403]);
    }
  });

  it('checks --allow-host values', () => {
    expect(checkAllowedHost(' MyHost.Example ')).toBe('myhost.example');
    expect(checkAllowedHost('fe80::1')).toBe('[fe80::1]');
    for (const bad of ['*', '*.example', 'host:8080', 'http://host', 'a b', ''])
      expect(() => checkAllowedHost(bad)).toThrow(/--allow-host/);
  });
});

describe('CORS', () => {
  const origin = 'https://evil.example';

  it('is off by default: a cross-site simple POST can neither create an application nor deploy', async () => {
    t = await startTestEmulator();
    const fx = seedFixture(t.emulator.context.store);
    const deploy = `/applications/${fx.appId}/environments/${fx.envId}/deployments`;
    const deployBody = JSON.stringify({
      DeploymentStrategyId: 'allnow1',
      ConfigurationProfileId: fx.profile.Id,
      ConfigurationVersion: '1',
    });
    const asPage = (path: string, body: string) =>
      send({
        method: 'POST',
        path,
        headers: [
          ['Origin', origin],
          ['Content-Type', 'text/plain;charset=UTF-8'],
        ],
        body,
      });
    expectRefused(
      await asPage('/applications', '{"Name":"cross-site"}'),
      /Origin "https:\/\/evil\.example".*--cors-origin https:\/\/evil\.example/,
    );
    expectRefused(await asPage(deploy, deployBody), /Origin/);
    const preflight = await send({
      method: 'OPTIONS',
      path: '/applications',
      headers: [
        ['Origin', origin],
        ['Access-Control-Request-Method', 'POST'],
      ],
    });
    expectRefused(preflight, /--cors-origin/);
    const apps = await t.control.send(new ListApplicationsCommand({}));
    expect(apps.Items!.map((a) => a.Name)).toEqual(['MyMobileApp']);
    const deployments = await t.control.send(
      new ListDeploymentsCommand({ ApplicationId: fx.appId, EnvironmentId: fx.envId }),
    );
    expect(deployments.Items).toEqual([]);
    // The same bytes without an Origin (any SDK or CLI) are served: the Origin alone was refused.
    const direct = await send({ method: 'POST', path: '/applications', body: '{"Name":"direct"}' });
    expect(direct.status).toBe(201);
    expect(direct.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('echoes an allowed origin, with Vary and the poll headers exposed, and answers its preflight', async () => {
    t = await startTestEmulator({ corsOrigins: ['http://localhost:5173/'] });
    seedFixture(t.emulator.context.store);
    const page = 'http://localhost:5173';
    const preflight = await send({
      method: 'OPTIONS',
      path: '/configurationsessions',
      headers: [
        ['Origin', page],
        ['Access-Control-Request-Method', 'POST'],
        ['Access-Control-Request-Headers', 'authorization,content-type,x-amz-date'],
      ],
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': page,
      vary: 'Origin',
      'access-control-allow-headers': 'authorization,content-type,x-amz-date',
    });
    const res = await send({
      method: 'POST',
      path: '/configurationsessions',
      headers: [
        ['Origin', page],
        ['Content-Type', 'application/json'],
      ],
      body: JSON.stringify({
        ApplicationIdentifier: 'MyMobileApp',
        EnvironmentIdentifier: 'Prod',
        ConfigurationProfileIdentifier: 'Settings',
      }),
    });
    expect(res.status).toBe(201);
    expect(res.headers['access-control-allow-origin']).toBe(page);
    expect(res.headers['access-control-expose-headers']).toContain('Next-Poll-Configuration-Token');
    expectRefused(
      await send({
        method: 'GET',
        path: '/__emulator/health',
        headers: [['Origin', 'http://localhost:5174']],
      }),
      /localhost:5174/,
    );
  });

  it('leaves SDK calls alone (they send no Origin)', async () => {
    t = await startTestEmulator();
    const store = t.emulator.context.store;
    const fx = seedFixture(store);
    addVersion(store, fx.profile, '{"sdk":true}');
    deployNow(store, fx.envId, fx.profile, 1);
    const { InitialConfigurationToken } = await t.data.send(
      new StartConfigurationSessionCommand({
        ApplicationIdentifier: 'MyMobileApp',
        EnvironmentIdentifier: 'Prod',
        ConfigurationProfileIdentifier: 'Settings',
      }),
    );
    const poll = await t.data.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: InitialConfigurationToken }),
    );
    expect(Buffer.from(poll.Configuration!).toString()).toBe('{"sdk":true}');
  });

  it('refuses * and null as origins, as a usage error and from startEmulator', async () => {
    expect(() => checkCorsOrigin('*')).toThrow(/any web page/);
    expect(() => checkCorsOrigin('null')).toThrow(/any web page/);
    expect(() => checkCorsOrigin('http://x.example/path')).toThrow(/no path/);
    expect(checkCorsOrigin('HTTP://Localhost:3000/')).toBe('http://localhost:3000');
    await expect(startEmulator({ port: 0, seed: 'none', corsOrigins: ['*'] })).rejects.toThrow(
      /--cors-origin \*/,
    );
  });
});
