// Wire helpers for the emulator: body reading with limits, AWS-shaped JSON and error responses.
// Node-only; imports node: only (the emulator shares no code with the inspector).
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An AWS error as restJson1 clients parse it: the name goes in `x-amzn-ErrorType` and the body carries
 * `Message` plus the modelled members (Reason, Details, ResourceType, ReferencedBy, ...).
 */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
    readonly members: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, members: Record<string, unknown> = {}) =>
  new AwsError(400, 'BadRequestException', message, members);

/** Data-plane BadRequest with the modelled `Reason`/`Details` union (docs/protocol.md §1.4). */
export const invalidParameter = (
  message: string,
  parameter: string,
  problem: 'Corrupted' | 'Expired' | 'PollIntervalNotSatisfied',
) =>
  badRequest(message, {
    Reason: 'InvalidParameters',
    Details: { InvalidParameters: { [parameter]: { Problem: problem } } },
  });

export class BodyTooLarge extends Error {}

/** Reads the whole body, refusing more than `limit` bytes without buffering them. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Parses a JSON object body; anything else is a precise BadRequest, never a crash. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw badRequest(`Request body is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('Request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = Buffer.from(JSON.stringify(body));
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(payload.length),
    ...headers,
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: AwsError): void {
  sendJson(
    res,
    error.status,
    { Message: error.message, ...error.members },
    { 'x-amzn-ErrorType': error.errorType },
  );
}

/** AppConfig models its timestamps as `Iso8601DateTime` (timestampFormat iso8601), not epoch seconds. */
export const isoTime = (d: Date) => d.toISOString();
