// The router's lookup of parameterless routes (router.ts plainRoutes) must pick what the ordered scan picks:
// a real node:http server on 127.0.0.1 with a small route table, driven by the raw test client.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { accessPolicy } from './access.js';
import { createRequestListener, route, type Route } from './router.js';
import { rawRequest } from './test/rawHttp.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Serves `routes`; each route answers its own name, plus its parameters as JSON. */
async function serve(routes: Route[]): Promise<number> {
  const access = accessPolicy({ host: '127.0.0.1', allowedHosts: [], corsOrigins: [] });
  server = createServer(createRequestListener(routes, access));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const answering = (name: string) => (ctx: Parameters<Route['handler']>[0]) => {
  ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
  ctx.res.end(JSON.stringify({ name, params: ctx.params, search: ctx.search }));
};

async function get(port: number, path: string, method = 'GET') {
  const res = await rawRequest(port, { method, path });
  return {
    status: res.status,
    requestId: res.headers['x-amzn-requestid'],
    body: res.status === 200 ? (JSON.parse(res.body.toString()) as unknown) : undefined,
  };
}

describe('router', () => {
  it('answers a plain path with the earlier parameter route that matches it, as the ordered scan does', async () => {
    const port = await serve([
      route('GET', '/things/:ThingId', answering('thing by id')),
      route('GET', '/things/latest', answering('latest thing')),
      route('GET', '/plain', answering('plain')),
      route('GET', '/plain', answering('second plain')),
    ]);
    expect(await get(port, '/things/latest')).toMatchObject({
      status: 200,
      body: { name: 'thing by id', params: { ThingId: 'latest' } },
    });
    expect(await get(port, '/plain?a=1&b=2')).toMatchObject({
      status: 200,
      body: { name: 'plain', params: {}, search: '?a=1&b=2' },
    });
  });

  it('routes spellings of a plain path other than its own (empty or escaped segments) through the scan', async () => {
    const port = await serve([route('GET', '/plain', answering('plain'))]);
    expect((await get(port, '/plain/')).body).toMatchObject({ name: 'plain' });
    expect((await get(port, '/pl%61in')).body).toMatchObject({ name: 'plain' });
  });

  it('gives a plain path of another method 404 UnknownOperationException with a request id', async () => {
    const port = await serve([route('GET', '/plain', answering('plain'))]);
    const res = await get(port, '/plain', 'DELETE');
    expect(res.status).toBe(404);
    expect(res.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
