// Path router for the emulator: both APIs sign as `appconfig`, so routing must go by method + path,
// never by the SigV4 credential scope (spec §1.1).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError, BodyTooLarge, readBody, sendError } from './http.js';
import { admit, type AccessPolicy } from './access.js';
import type { InjectedFault } from './faults.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Decoded path parameters, named as in the AWS model (e.g. ApplicationId). */
  params: Record<string, string>;
  /** Echoed as `x-amzn-RequestId`, which SDKs expose as `$metadata.requestId`. */
  requestId: string;
  /** Reads the body; over `limit` bytes (default 1 MiB) answers 413 PayloadTooLargeException. */
  body(limit?: number): Promise<Buffer>;
  /** Set by faultEffects.ts when an injected fault hit this request, so its observation can say so. */
  fault?: InjectedFault;
}

export type Handler = (ctx: RequestContext) => void | Promise<void>;

export interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export const route = (method: string, pattern: string, handler: Handler): Route => ({
  method,
  segments: pattern.split('/').filter(Boolean),
  handler,
});

function match(r: Route, method: string, parts: string[]): Record<string, string> | undefined {
  if (r.method !== method || r.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = r.segments[i]!;
    const part = parts[i]!;
    if (seg.startsWith(':')) params[seg.slice(1)] = part;
    else if (seg !== part) return undefined;
  }
  return params;
}

export function createRequestListener(routes: Route[], access: AccessPolicy) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = randomUUID();
    res.setHeader('x-amzn-RequestId', requestId);
    if (!admit(access, req, res)) return;
    const method = req.method ?? 'GET';
    let url: URL;
    let parts: string[];
    try {
      url = new URL(req.url ?? '/', 'http://emulator.invalid');
      parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      sendError(res, new AwsError(400, 'BadRequestException', 'Malformed request URL.'));
      req.resume();
      return;
    }
    let found: { r: Route; params: Record<string, string> } | undefined;
    for (const r of routes) {
      const params = match(r, method, parts);
      if (params) {
        found = { r, params };
        break;
      }
    }
    if (!found) {
      req.resume();
      sendError(
        res,
        new AwsError(
          404,
          'UnknownOperationException',
          `No operation matches ${method} ${url.pathname}.`,
        ),
      );
      return;
    }
    const ctx: RequestContext = {
      req,
      res,
      url,
      params: found.params,
      requestId,
      body: (limit = 1024 * 1024) =>
        readBody(req, limit).catch((e: unknown) => {
          if (e instanceof BodyTooLarge) {
            throw new AwsError(
              413,
              'PayloadTooLargeException',
              `Request body exceeds ${limit} bytes.`,
              {
                // The model's Measure enum only has KILOBYTES.
                Limit: limit / 1024,
                Measure: 'KILOBYTES',
              },
            );
          }
          throw e;
        }),
    };
    Promise.resolve()
      .then(() => found.r.handler(ctx))
      .catch((e: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (e instanceof AwsError) sendError(res, e);
        else {
          console.error('[emulator] internal error', e);
          sendError(res, new AwsError(500, 'InternalServerException', 'Internal server error.'));
        }
      });
  };
}
