// Seeded, bounded fuzz of the real server wrapping the real service on the real emulator: thousands of
// malformed requests, each of which must be answered promptly with a 4xx error envelope (never a 500),
// never with a byte from outside the UI folder, and leave the server healthy and unpolluted.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { InspectorService } from '../service/inspectorService.js';
import { oversized, randomCase } from './test/fuzzCases.js';
import { seeded, type FuzzCase, type Target } from './test/fuzzRequest.js';
import { sendRaw, type RawAnswer } from './test/rawHttp.js';
import { startInspectorServer } from './server.js';
import type { InspectorServer } from './types.js';

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const CASES = 2500;
const PARALLEL = 8;
const PER_REQUEST_MS = 3000;
const SECRET = 'secret-outside-the-ui-dir';
const CODES = new Set([
  'invalidParams',
  'unknownMethod',
  'notFound',
  'conflict',
  'protocolMismatch',
  'awsError',
  'timeout',
  'unavailable',
  'internal',
  'unauthorized',
  'forbidden',
  'methodNotAllowed',
]);

let emulator: RunningEmulator;
let service: InspectorService;
let server: InspectorServer;
let base: string;
const logged: string[] = [];

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'inspector-fuzz-'));
  const ui = join(base, 'ui');
  await mkdir(join(ui, 'assets'), { recursive: true });
  await writeFile(join(base, 'secret.txt'), SECRET);
  await writeFile(join(ui, 'index.html'), '<!doctype html><title>ui</title>');
  await writeFile(join(ui, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(ui, '.env'), SECRET);
  await symlink(join(base, 'secret.txt'), join(ui, 'link-out.txt'));
  emulator = await startEmulator({ port: 0, seed: 'demo' });
  service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir: join(base, 'data'),
    observe: false,
  });
  server = await startInspectorServer({
    handler: service,
    port: 0,
    uiDir: ui,
    log: (m) => logged.push(m),
  });
});

afterAll(async () => {
  await server.close();
  service.close();
  await emulator.close();
  await rm(base, { recursive: true, force: true });
});

/** What is wrong with an answer to a malformed request, or undefined when it is right. */
function problemWith(c: FuzzCase, answer: RawAnswer): string | undefined {
  const { status, headers, body } = answer;
  if (body.includes(SECRET)) return 'served a file from outside the UI folder';
  if (status === 500) return 'answered 500';
  if (c.expect === 'settles' && status < 400) return undefined;
  if (c.expect === 'clientError' && (status < 400 || status > 499))
    return `status ${status}, not 4xx`;
  if (!headers['content-type']?.startsWith('application/json'))
    return `error with Content-Type ${headers['content-type'] ?? 'none'}`;
  if (c.head) return body.length === 0 ? undefined : 'HEAD answer has a body';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return `error body is not JSON: ${body.toString('utf8').slice(0, 80)}`;
  }
  const keys = Object.keys(parsed as object);
  const error = (parsed as { error?: Record<string, unknown> }).error;
  if (keys.join() !== 'error' || typeof error !== 'object' || error === null)
    return `not an error envelope: ${JSON.stringify(parsed).slice(0, 120)}`;
  if (!CODES.has(error.code as string)) return `unknown error code ${String(error.code)}`;
  if (typeof error.message !== 'string' || error.message === '') return 'error without a message';
  const extra = Object.keys(error).filter((k) => !['code', 'message', 'awsErrorName'].includes(k));
  return extra.length ? `extra error fields ${extra.join()}` : undefined;
}

const describeCase = (c: FuzzCase, i: number) =>
  `#${i} ${c.kind}: ${JSON.stringify(c.raw.toString('latin1').slice(0, 160))}`;

describe(`server fuzz (seed ${SEED})`, () => {
  it(`answers ${CASES} malformed requests with prompt 4xx envelopes and stays healthy`, async () => {
    const target: Target = { port: server.port, token: server.token };
    const rng = seeded(SEED);
    const cases = [
      ...oversized(target),
      ...Array.from({ length: CASES }, () => randomCase(rng, target)),
    ];
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const i = next++;
        const c = cases[i]!;
        kinds.set(c.kind.split(':')[0]!, (kinds.get(c.kind.split(':')[0]!) ?? 0) + 1);
        try {
          const problem = problemWith(c, await sendRaw(server.port, c.raw, PER_REQUEST_MS));
          if (problem) failures.push(`${describeCase(c, i)} → ${problem}`);
        } catch (e) {
          failures.push(`${describeCase(c, i)} → ${(e as Error).message}`);
        }
        if (({} as Record<string, unknown>).polluted !== undefined)
          failures.push(`${describeCase(c, i)} → polluted Object.prototype`);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));

    expect(failures.slice(0, 15)).toEqual([]);
    // Every family of malformed input was exercised, not just the cheap ones.
    expect([...kinds.keys()].sort()).toEqual(
      [
        'auth',
        'body',
        'broken',
        'contentType',
        'declaredSize',
        'host',
        'id',
        'nesting',
        'origin',
        'oversized',
        'params',
        'percent',
        'traversal',
        'verb',
        'wellFormed',
      ].sort(),
    );
    expect(logged.filter((m) => m.includes('request failed') || m.includes('failed:'))).toEqual([]);

    const health = await sendRaw(
      server.port,
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
    );
    expect([health.status, health.body.toString()]).toEqual([200, 'ok']);
    const hello = await fetch(`${server.url}/api/hello`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: '{"protocolVersion":1}',
    });
    expect(hello.status).toBe(200);
    expect(
      ((await hello.json()) as { result: { protocolVersion: number } }).result.protocolVersion,
    ).toBe(1);
  }, 30_000);

  it('names the limit or rule behind each refusal the parser and gate make', async () => {
    const host = `Host: 127.0.0.1:${server.port}\r\n`;
    const auth = `Authorization: Bearer ${server.token}\r\n`;
    const ask = async (raw: string) => {
      const a = await sendRaw(server.port, raw);
      return [
        a.status,
        (JSON.parse(a.body.toString()) as { error: { message: string } }).error.message,
      ];
    };
    expect(await ask(`GET / HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`)).toEqual([
      431,
      'Request headers exceed the 16 KiB limit.',
    ]);
    expect(await ask(`CONNECT example.com:443 HTTP/1.1\r\n${host}\r\n`)).toEqual([
      405,
      'CONNECT is not supported.',
    ]);
    expect(await ask(`GET / HTTP/1.1\r\n${auth}Connection: close\r\n\r\n`)).toEqual([
      403,
      `Host header must be 127.0.0.1:${server.port} or localhost:${server.port}.`,
    ]);
    expect(await ask(`GET / HTTP/1.1\r\n${host}Content-Length: x\r\n\r\n`)).toEqual([
      400,
      'Malformed HTTP request (HPE_INVALID_CONTENT_LENGTH).',
    ]);
    const deep = `{"recording":${'['.repeat(64)}${']'.repeat(64)}}`;
    const type = 'Content-Type: application/json\r\n';
    expect(
      await ask(
        `POST /api/importRecording HTTP/1.1\r\n${host}${auth}${type}Content-Length: ${deep.length}\r\nConnection: close\r\n\r\n${deep}`,
      ),
    ).toEqual([400, 'params nest deeper than 64 levels.']);
  });
});
