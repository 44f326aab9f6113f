// POST /api/<method> over real HTTP: results, every method of the request map served (the map read from
// messages.ts, so a new method is covered, and must be documented and fuzzed, without editing this file),
// precise 400s for bad bodies, 405/413/415, and every protocol error code sent with the server's status for
// it. Every request must settle.
import { readFileSync } from 'node:fs';
import { request, STATUS_CODES, type ClientRequest } from 'node:http';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProtocolError, type ErrorCode } from '../protocol/messages.js';
import { BODY_LIMITS } from './api.js';
import { METHODS } from './test/fuzzCases.js';
import { statusForCode } from './respond.js';
import { bearer, postJson, rawRequest, startTestServer, type TestServer } from './testSupport.js';
import type { RequestHandler } from '../protocol/requestHandler.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const errorOf = (body: string) =>
  (JSON.parse(body) as { error: { code: string; message: string; awsErrorName?: string } }).error;

describe('requests that succeed', () => {
  it('answers {"result": ...} with 200', async () => {
    const res = await postJson(t.server, 'hello', '{"protocolVersion":1}');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      result: {
        protocolVersion: 1,
        backend: { kind: 'emulator', region: 'us-east-1', canListResources: true },
      },
    });
  });

  it('accepts a charset on the JSON content type', async () => {
    const res = await postJson(t.server, 'listSessions', '{}', {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ result: [] });
  });
});

describe('bad requests get a precise answer', () => {
  it('explains malformed JSON', async () => {
    const res = await postJson(t.server, 'hello', '{"protocolVersion":');
    expect(res.status).toBe(400);
    expect(errorOf(res.body)).toMatchObject({
      code: 'invalidParams',
      message: expect.stringMatching(/^Request body is not valid JSON: .+/),
    });
  });

  it('explains an empty body and invalid UTF-8', async () => {
    expect(errorOf((await postJson(t.server, 'listSessions', '')).body).message).toMatch(
      /body is empty.*\{\}/,
    );
    const latin1 = await postJson(t.server, 'listSessions', Buffer.from([0x7b, 0xff, 0x7d]));
    expect(latin1.status).toBe(400);
    expect(errorOf(latin1.body).message).toBe('Request body is not valid UTF-8.');
  });

  it('passes the validator’s field-level message through', async () => {
    const res = await postJson(
      t.server,
      'startSession',
      '{"applicationIdentifier":"app","environmentIdentifier":"","configurationProfileIdentifier":"p"}',
    );
    expect(res.status).toBe(400);
    expect(errorOf(res.body)).toEqual({
      code: 'invalidParams',
      message: '"environmentIdentifier" must be 1–128 characters long (got 0).',
    });
    const array = await postJson(t.server, 'listSessions', '[]');
    expect(errorOf(array.body)).toEqual({
      code: 'invalidParams',
      message: 'params must be a JSON object.',
    });
  });

  it('refuses an unknown method with 400 unknownMethod', async () => {
    for (const name of ['dropDatabase', '__proto__', 'hello/extra', 'constructor']) {
      const res = await postJson(t.server, name, '{}');
      expect(res.status).toBe(400);
      expect(errorOf(res.body)).toEqual({
        code: 'unknownMethod',
        message: `Unknown method "${name}".`,
      });
    }
  });

  it('refuses a non-JSON content type with 415 and a GET with 405', async () => {
    const form = await postJson(t.server, 'hello', '{"protocolVersion":1}', {
      'Content-Type': 'text/plain',
    });
    expect(form.status).toBe(415);
    expect(errorOf(form.body).message).toBe(
      'Content-Type must be application/json (got text/plain).',
    );
    const get = await rawRequest(t.server.port, { path: '/api/hello', headers: bearer(t.server) });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('refuses a body over 1 MiB with 413, but lets importRecording carry it', async () => {
    const big = JSON.stringify({ recording: 'x'.repeat(BODY_LIMITS.default) });
    const hello = await postJson(t.server, 'hello', big);
    expect(hello.status).toBe(413);
    expect(errorOf(hello.body).message).toBe('Request body exceeds the 1 MiB limit for hello.');
    const imported = await postJson(t.server, 'importRecording', big);
    expect(imported.status).toBe(400);
    expect(errorOf(imported.body).message).toMatch(/recording\.format/);
  });

  /** Status of a POST whose body is written by `send`; the request is cut once the answer arrives. */
  const statusOf = (
    path: string,
    headers: Record<string, string>,
    send: (req: ClientRequest) => void,
  ) =>
    new Promise<number>((resolve, reject) => {
      const all = { ...bearer(t.server), 'Content-Type': 'application/json', ...headers };
      const req = request(
        { host: '127.0.0.1', port: t.server.port, method: 'POST', path, headers: all },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', () => undefined);
      setTimeout(() => reject(new Error('no answer')), 5000).unref();
      send(req);
    });

  it('refuses an oversized chunked body (no Content-Length) while it streams', async () => {
    const status = await statusOf('/api/hello', { 'Transfer-Encoding': 'chunked' }, (req) => {
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      for (let i = 0; i < 5; i++) req.write(chunk);
      req.end();
    });
    expect(status).toBe(413);
  });

  it('refuses a declared Content-Length over 64 MiB for importRecording without reading it', async () => {
    const declared = { 'Content-Length': String(BODY_LIMITS.importRecording + 1) };
    expect(
      await statusOf('/api/importRecording', declared, (req) => req.write('{"recording":')),
    ).toBe(413);
  });
});

const MESSAGES = 'src/protocol/messages.ts';
const protocolSource = () =>
  ts.createSourceFile(MESSAGES, readFileSync(MESSAGES, 'utf8'), ts.ScriptTarget.Latest, true);

/** RequestMap's members as messages.ts declares them, each with whether it carries its doc comment. */
function requestMap(): Array<{ method: string; documented: boolean }> {
  const file = 'src/protocol/messages.ts';
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const map = source.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === 'RequestMap',
  );
  if (!map) throw new Error('messages.ts declares no RequestMap');
  return map.members.map((member) => ({
    method: member.name!.getText(source),
    documented: ts.getJSDocCommentsAndTags(member).length > 0,
  }));
}

/** The members of messages.ts's ErrorCode union. */
function errorCodes(): ErrorCode[] {
  const alias = protocolSource().statements.find(
    (s): s is ts.TypeAliasDeclaration =>
      ts.isTypeAliasDeclaration(s) && s.name.text === 'ErrorCode',
  );
  if (!alias || !ts.isUnionTypeNode(alias.type))
    throw new Error('messages.ts declares no ErrorCode union');
  return alias.type.types.map((t) => {
    if (!ts.isLiteralTypeNode(t) || !ts.isStringLiteral(t.literal))
      throw new Error(`ErrorCode member ${t.getText()} is not a string literal`);
    return t.literal.text as ErrorCode;
  });
}

describe('every protocol method is served', () => {
  const methods = requestMap().map((m) => m.method);

  it('reads the request map from messages.ts: each method documented, each one the fuzzer covers', () => {
    expect(methods).toEqual(expect.arrayContaining(['hello', 'startSession', 'importRecording']));
    expect(requestMap().filter((m) => !m.documented)).toEqual([]);
    expect([...METHODS].sort()).toEqual([...methods].sort());
  });

  it('routes each method of the request map to the handler, with its params', async () => {
    const seen: Array<[string, unknown]> = [];
    const echo: RequestHandler = {
      handle: async (method, params) => {
        seen.push([method, params]);
        return { method };
      },
      onEvent: () => () => undefined,
    };
    const served = await startTestServer({ handler: echo });
    try {
      for (const method of methods) {
        const res = await postJson(served.server, method, '{"probe":1}');
        expect([method, res.status, JSON.parse(res.body)]).toEqual([
          method,
          200,
          { result: { method } },
        ]);
      }
      expect(seen).toEqual(methods.map((method) => [method, { probe: 1 }]));
    } finally {
      await served.close();
    }
  });
});

describe('handler outcomes map to HTTP statuses', () => {
  // Every code of the protocol's ErrorCode, read from messages.ts; the status each one gets is the server's
  // own table (statusForCode), so what is under test is that every code is sent, with that status.
  const statuses = errorCodes().map((code) => [code, statusForCode(code)] as const);
  let failing: TestServer;
  const logged: string[] = [];
  beforeAll(async () => {
    // Throws whatever code the params name: the server's mapping is what is under test here.
    const handler: RequestHandler = {
      handle: async (_method, params) => {
        const { sessionId } = params as { sessionId: string };
        if (sessionId === 'plain-error') throw new Error('disk on fire');
        if (sessionId === 'never') return new Promise(() => undefined);
        if (sessionId === 'nothing') return undefined;
        throw new ProtocolError(
          sessionId as ErrorCode,
          `failed with ${sessionId}`,
          sessionId === 'awsError' ? 'ThrottlingException' : undefined,
        );
      },
      onEvent: () => () => undefined,
    };
    failing = await startTestServer({ handler, handlerTimeoutMs: 100, log: (m) => logged.push(m) });
  });
  afterAll(() => failing.close());

  it.each(statuses)('%s → %i', async (code, status) => {
    const res = await postJson(failing.server, 'getSession', JSON.stringify({ sessionId: code }));
    expect(STATUS_CODES[status]).toBeDefined();
    expect(status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBe(status);
    expect(errorOf(res.body)).toEqual({
      code,
      message: `failed with ${code}`,
      ...(code === 'awsError' ? { awsErrorName: 'ThrottlingException' } : {}),
    });
  });

  it('turns a stray Error into 500 internal and logs it', async () => {
    const res = await postJson(failing.server, 'getSession', '{"sessionId":"plain-error"}');
    expect(res.status).toBe(500);
    expect(errorOf(res.body)).toEqual({ code: 'internal', message: 'disk on fire' });
    expect(
      logged.some((line) => line.includes('getSession failed') && line.includes('disk on fire')),
    ).toBe(true);
  });

  it('settles a handler that never answers as 504 timeout', async () => {
    const res = await postJson(failing.server, 'getSession', '{"sessionId":"never"}');
    expect(res.status).toBe(504);
    expect(errorOf(res.body)).toEqual({
      code: 'timeout',
      message: 'getSession got no answer within 100 ms.',
    });
  });

  it('sends {"result": null} when a handler resolves with nothing', async () => {
    const res = await postJson(failing.server, 'getSession', '{"sessionId":"nothing"}');
    expect(JSON.parse(res.body)).toEqual({ result: null });
  });
});
