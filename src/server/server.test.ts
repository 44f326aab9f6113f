// The gate, end to end over real HTTP: who gets in (token → cookie, Bearer), who is refused (no token,
// wrong token, foreign Host, foreign Origin) on every surface (API, SSE, static), and the headers sent.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './respond.js';
import { startInspectorServer } from './server.js';
import {
  bearer,
  createTestHandler,
  rawRequest,
  startTestServer,
  type RawResponse,
  type TestServer,
} from './testSupport.js';

const PAGE = '<!doctype html><title>inspector-ui-marker</title>';
let uiDir: string;
let t: TestServer;

beforeAll(async () => {
  uiDir = await mkdtemp(join(tmpdir(), 'inspector-ui-'));
  await writeFile(join(uiDir, 'index.html'), PAGE);
  t = await startTestServer({ uiDir });
});
afterAll(async () => {
  await t.close();
  await rm(uiDir, { recursive: true, force: true });
});

const hello = JSON.stringify({ protocolVersion: 1 });
/** One request per surface, each with whatever extra headers the case adds. */
const surfaces = (headers: Record<string, string>) => ({
  api: () =>
    rawRequest(t.server.port, {
      method: 'POST',
      path: '/api/hello',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: hello,
    }),
  sse: () => rawRequest(t.server.port, { path: '/api/events', headers }),
  page: () => rawRequest(t.server.port, { path: '/', headers }),
  file: () => rawRequest(t.server.port, { path: '/index.html', headers }),
});

function expectRefused(res: RawResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(JSON.parse(res.body)).toMatchObject({ error: { code } });
  expect(res.body).not.toContain('inspector-ui-marker');
}

describe('refusals', () => {
  it.each(['api', 'sse', 'page', 'file'] as const)(
    'refuses a tokenless %s request with 401',
    async (surface) => {
      expectRefused(await surfaces({})[surface](), 401, 'unauthorized');
    },
  );

  it.each(['api', 'sse', 'page', 'file'] as const)(
    'refuses a wrong Bearer token or cookie on %s with 401',
    async (surface) => {
      expectRefused(
        await surfaces({ Authorization: `Bearer ${t.server.token}x` })[surface](),
        401,
        'unauthorized',
      );
      expectRefused(
        await surfaces({ Cookie: `appconfig-inspector-${t.server.port}=nope` })[surface](),
        401,
        'unauthorized',
      );
    },
  );

  it('refuses a wrong ?token= on a page, and a right one on the API (only cookie or Bearer count there)', async () => {
    expectRefused(await rawRequest(t.server.port, { path: '/?token=wrong' }), 401, 'unauthorized');
    const path = `/api/hello?token=${t.server.token}`;
    const api = await rawRequest(t.server.port, {
      method: 'POST',
      path,
      headers: { 'Content-Type': 'application/json' },
      body: hello,
    });
    expectRefused(api, 401, 'unauthorized');
  });

  it('ignores a valid token held in another port’s cookie', async () => {
    const res = await surfaces({
      Cookie: `appconfig-inspector-${t.server.port + 1}=${t.server.token}`,
    }).page();
    expectRefused(res, 401, 'unauthorized');
  });

  it.each(['api', 'sse', 'page', 'file'] as const)(
    'refuses a foreign Host on %s with 403 even with the token',
    async (surface) => {
      for (const host of [
        'attacker.example',
        `attacker.example:${t.server.port}`,
        `127.0.0.1:${t.server.port + 1}`,
      ]) {
        expectRefused(
          await surfaces({ ...bearer(t.server), Host: host })[surface](),
          403,
          'forbidden',
        );
      }
    },
  );

  it.each(['api', 'sse', 'page', 'file'] as const)(
    'refuses a foreign Origin on %s with 403 even with the token',
    async (surface) => {
      for (const origin of [
        'http://attacker.example',
        'null',
        `http://127.0.0.1:${t.server.port + 1}`,
      ]) {
        expectRefused(
          await surfaces({ ...bearer(t.server), Origin: origin })[surface](),
          403,
          'forbidden',
        );
      }
    },
  );

  it('refuses the token exchange itself from a foreign Host', async () => {
    const res = await rawRequest(t.server.port, {
      path: `/?token=${t.server.token}`,
      headers: { Host: `evil.example:${t.server.port}` },
    });
    expectRefused(res, 403, 'forbidden');
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('admission', () => {
  it('trades ?token= for an HttpOnly SameSite=Strict cookie and redirects to the URL without it', async () => {
    const res = await rawRequest(t.server.port, { path: `/?view=raw&token=${t.server.token}` });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/?view=raw');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toBe(
      `appconfig-inspector-${t.server.port}=${t.server.token}; HttpOnly; SameSite=Strict; Path=/`,
    );
    expect(res.body).toBe('');

    const jar = { Cookie: cookie.split(';')[0]! };
    const page = await surfaces(jar).page();
    expect(page.status).toBe(200);
    expect(page.body).toBe(PAGE);
    const api = await surfaces({ ...jar, Origin: `http://127.0.0.1:${t.server.port}` }).api();
    expect(api.status).toBe(200);
    expect(JSON.parse(api.body)).toMatchObject({ result: { protocolVersion: 1 } });
  });

  it('opens pageUrl to a clean "/" redirect', async () => {
    expect(t.server.pageUrl).toBe(`http://127.0.0.1:${t.server.port}/?token=${t.server.token}`);
    const res = await rawRequest(t.server.port, {
      path: new URL(t.server.pageUrl).pathname + new URL(t.server.pageUrl).search,
    });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
  });

  it('accepts Host localhost:<port> and the localhost Origin', async () => {
    const port = t.server.port;
    const res = await surfaces({
      ...bearer(t.server),
      Host: `localhost:${port}`,
      Origin: `http://localhost:${port}`,
    }).api();
    expect(res.status).toBe(200);
  });

  it('answers /healthz without auth and says nothing else', async () => {
    const res = await rawRequest(t.server.port, { path: '/healthz' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('ok');
  });
});

describe('headers', () => {
  it('sends the security headers on every kind of response', async () => {
    const responses = [
      await rawRequest(t.server.port, { path: '/healthz' }),
      await surfaces({}).api(),
      await surfaces({ ...bearer(t.server), Origin: 'http://attacker.example' }).api(),
      await rawRequest(t.server.port, { path: `/?token=${t.server.token}` }),
      await surfaces(bearer(t.server)).page(),
      await surfaces(bearer(t.server)).api(),
      await rawRequest(t.server.port, { path: '/missing.js', headers: bearer(t.server) }),
    ];
    for (const res of responses) {
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; " +
        "connect-src 'self'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it('marks API answers and HTML no-store', async () => {
    expect((await surfaces(bearer(t.server)).api()).headers['cache-control']).toBe('no-store');
    const page = await surfaces(bearer(t.server)).page();
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});

describe('startInspectorServer options', () => {
  it('refuses to bind anything but 127.0.0.1', async () => {
    const handler = createTestHandler();
    await expect(startInspectorServer({ handler, host: '0.0.0.0' })).rejects.toThrow(
      /only binds 127\.0\.0\.1/,
    );
    await expect(startInspectorServer({ handler, host: 'localhost' })).rejects.toThrow(
      /only binds/,
    );
    await expect(startInspectorServer({ handler, token: 'weak' })).rejects.toThrow(/16–512/);
    await expect(startInspectorServer({ handler, port: 70_000 })).rejects.toThrow(/Invalid port/);
  });

  it('uses a given token, listens on an ephemeral loopback port and stops accepting after close()', async () => {
    const own = await startInspectorServer({
      handler: createTestHandler(),
      token: 'fixed-token-for-e2e-0001',
    });
    expect(own.token).toBe('fixed-token-for-e2e-0001');
    expect(own.port).toBeGreaterThan(0);
    expect(own.url).toBe(`http://127.0.0.1:${own.port}`);
    expect((await rawRequest(own.port, { path: '/healthz' })).status).toBe(200);
    await own.close();
    await own.close();
    await expect(rawRequest(own.port, { path: '/healthz' })).rejects.toThrow(/ECONNREFUSED/);
  });
});
