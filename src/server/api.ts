// POST /api/<method>: reads and checks the JSON body, runs it through the RequestHandler and maps the
// outcome to {"result": ...} or {"error": ErrorEnvelope} with an HTTP status. Imported by server.ts only.
// Every request settles: bad bodies, unknown methods, thrown errors and slow handlers all get an answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toEnvelope } from '../protocol/client.js';
import { ProtocolError } from '../protocol/messages.js';
import { isMethod } from '../protocol/validate.js';
import { sendError, sendJson, statusForCode } from './respond.js';
import type { RequestHandler } from '../protocol/requestHandler.js';

const MiB = 1024 * 1024;
/** Recordings carry every configuration version as base64, so only their import gets the big limit. */
export const BODY_LIMITS = { importRecording: 64 * MiB, default: 1 * MiB } as const;

export interface ApiContext {
  handler: RequestHandler;
  handlerTimeoutMs: number;
  log: (message: string) => void;
}

type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'tooLarge' | 'aborted' };

/** Reads at most `limit` bytes; stops buffering as soon as the declared or actual size goes over. */
function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      resolve({ ok: false, reason: 'tooLarge' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        chunks.length = 0;
        resolve({ ok: false, reason: 'tooLarge' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    req.on('error', () => resolve({ ok: false, reason: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ ok: false, reason: 'aborted' });
    });
  });
}

/** Parses params or explains exactly why not (empty, not UTF-8, not JSON). */
function parseParams(body: Buffer): { ok: true; params: unknown } | { ok: false; message: string } {
  if (body.length === 0) {
    return {
      ok: false,
      message: 'Request body is empty: send the params as a JSON object, e.g. {}.',
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, message: 'Request body is not valid UTF-8.' };
  }
  try {
    return { ok: true, params: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `Request body is not valid JSON: ${(e as Error).message}.` };
  }
}

function isJsonContentType(value: string | undefined): boolean {
  return (value ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

function withTimeout<T>(work: Promise<T>, ms: number, method: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ProtocolError('timeout', `${method} got no answer within ${ms} ms.`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function handleApiRequest(
  req: IncomingMessage,
  res: ServerResponse,
  rawMethod: string,
  ctx: ApiContext,
): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, 405, 'methodNotAllowed', `Use POST for /api/${rawMethod.slice(0, 100)}.`, {
      headers: { Allow: 'POST' },
    });
    return;
  }
  if (!isMethod(rawMethod)) {
    sendError(res, 400, 'unknownMethod', `Unknown method "${rawMethod.slice(0, 100)}".`);
    return;
  }
  const method = rawMethod;
  if (!isJsonContentType(req.headers['content-type'])) {
    sendError(
      res,
      415,
      'invalidParams',
      `Content-Type must be application/json (got ${req.headers['content-type'] ?? 'none'}).`,
    );
    return;
  }
  const limit = method === 'importRecording' ? BODY_LIMITS.importRecording : BODY_LIMITS.default;
  const read = await readBody(req, limit);
  if (!read.ok) {
    if (read.reason === 'aborted') return;
    // Closing after the answer stops the client from streaming the rest of an oversized body to us.
    sendError(
      res,
      413,
      'invalidParams',
      `Request body exceeds the ${limit / MiB} MiB limit for ${method}.`,
      {
        headers: { Connection: 'close' },
      },
    );
    return;
  }
  const parsed = parseParams(read.body);
  if (!parsed.ok) {
    sendError(res, 400, 'invalidParams', parsed.message);
    return;
  }
  try {
    const work = Promise.resolve().then(() => ctx.handler.handle(method, parsed.params));
    const result = await withTimeout(work, ctx.handlerTimeoutMs, method);
    // undefined would vanish from JSON and leave the client without a "result" key.
    sendJson(res, 200, { result: result ?? null });
  } catch (e) {
    const envelope = toEnvelope(e);
    if (!(e instanceof ProtocolError)) {
      ctx.log(
        `appconfig-inspector: ${method} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
    }
    sendError(res, statusForCode(envelope.code), envelope.code, envelope.message, {
      awsErrorName: envelope.awsErrorName,
      sessionId: envelope.sessionId,
    });
  }
}
