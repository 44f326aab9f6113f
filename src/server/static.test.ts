// Static UI serving over real HTTP: index for "/", MIME types, HEAD, 404s, and every way out of the UI
// folder refused (raw "..", encoded dots and slashes, backslashes, symlinks, dot-files).
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mimeType, toRelativeFile } from './static.js';
import { bearer, rawRequest, startTestServer, type TestServer } from './testSupport.js';

const SECRET = 'secret-outside-the-ui-dir';
let base: string;
let t: TestServer;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'inspector-static-'));
  const ui = join(base, 'ui');
  await mkdir(join(ui, 'assets'), { recursive: true });
  await writeFile(join(base, 'secret.txt'), SECRET);
  await writeFile(join(ui, 'index.html'), '<!doctype html><title>ui</title>');
  await writeFile(join(ui, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(ui, 'assets', 'index-abc123.css'), 'body{}');
  await writeFile(join(ui, 'assets', 'logo.svg'), '<svg/>');
  await writeFile(join(ui, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(join(ui, 'assets', 'blob.bin'), 'bin');
  await writeFile(join(ui, '.env'), SECRET);
  await symlink(join(base, 'secret.txt'), join(ui, 'link-out.txt'));
  t = await startTestServer({ uiDir: ui });
});
afterAll(async () => {
  await t.close();
  await rm(base, { recursive: true, force: true });
});

const fetchPath = (path: string, method = 'GET') =>
  rawRequest(t.server.port, { method, path, headers: bearer(t.server) });

describe('serving the built UI', () => {
  it('serves index.html for "/" as no-store HTML', async () => {
    const res = await fetchPath('/');
    expect(res.status).toBe(200);
    expect(res.body).toBe('<!doctype html><title>ui</title>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['/assets/index-abc123.js', 'text/javascript; charset=utf-8', 'console.log(1)'],
    ['/assets/index-abc123.css', 'text/css; charset=utf-8', 'body{}'],
    ['/assets/logo.svg', 'image/svg+xml', '<svg/>'],
    ['/assets/font.woff2', 'font/woff2', 'wOF2'],
    ['/assets/blob.bin', 'application/octet-stream', 'bin'],
  ])('serves %s as %s', async (path, type, body) => {
    const res = await fetchPath(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toBe(body);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('answers HEAD with headers only', async () => {
    const res = await fetchPath('/assets/index-abc123.js', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('14');
    expect(res.body).toBe('');
  });

  it('404s missing files and directories, 405s other methods', async () => {
    expect((await fetchPath('/nope.js')).status).toBe(404);
    expect((await fetchPath('/assets')).status).toBe(404);
    expect((await fetchPath('/assets/')).status).toBe(404);
    const put = await fetchPath('/index.html', 'PUT');
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD');
  });

  it('says the UI is not built when the folder has no index.html', async () => {
    const empty = await startTestServer({ uiDir: join(base, 'does-not-exist') });
    try {
      const res = await rawRequest(empty.server.port, { path: '/', headers: bearer(empty.server) });
      expect(res.status).toBe(404);
      expect(res.body).toMatch(/not built yet: run `npm run build`/);
    } finally {
      await empty.close();
    }
  });
});

describe('path traversal', () => {
  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
    '/%2Fetc%2Fpasswd',
    '//etc/passwd',
    '/link-out.txt',
    '/.env',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('refuses %s', async (path) => {
    const res = await fetchPath(path);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
    expect(res.body).not.toContain('root:');
  });

  it('refuses an encoded absolute path to the secret', async () => {
    const res = await fetchPath(`/${encodeURIComponent(join(base, 'secret.txt'))}`);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
  });

  it('maps URL paths to relative files only when they stay inside', () => {
    expect(toRelativeFile('/')).toBe('index.html');
    expect(toRelativeFile('/assets/a%20b.js')).toBe(['assets', 'a b.js'].join(sep));
    expect(toRelativeFile('/a/../b')).toBeUndefined();
    expect(toRelativeFile('/%2e%2e')).toBeUndefined();
    expect(toRelativeFile('/a//b')).toBeUndefined();
    expect(toRelativeFile('/%ZZ')).toBeUndefined();
  });

  it('knows the MIME types a Vite build emits', () => {
    expect(mimeType('x.MJS')).toBe('text/javascript; charset=utf-8');
    expect(mimeType('x.map')).toBe('application/json; charset=utf-8');
    expect(mimeType('favicon.ico')).toBe('image/x-icon');
    expect(mimeType('noext')).toBe('application/octet-stream');
  });
});
