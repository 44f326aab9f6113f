// Path router for the emulator: both APIs sign as `appconfig`, so routing must go by method + path,
// never by the SigV4 credential scope (docs/protocol.md §1.1).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, BodyTooLarge, readBody, sendError } from './http.js';
import { admit, plainlyAdmitted, type AccessPolicy } from './access.js';
import type { InjectedFault } from './faults.js';
import { nextId } from './ids.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  /** The request target, parsed on first use (most polls never need it: see `search`). */
  readonly url: URL;
  /** The target's query as `URL.search` gives it (`?a=b`, or '' when there is none). */
  readonly search: string;
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
  /**
   * The handler puts `x-amzn-RequestId` (ctx.requestId) in its own writeHead call, so the router skips
   * setHeader: a header set beforehand sends writeHead down node's slower merging path (bench/emulator).
   * Refusals and faulted answers still get it (see `ensureRequestId`).
   */
  headsItself?: boolean;
}

export const route = (
  method: string,
  pattern: string,
  handler: Handler,
  options: { headsItself?: boolean } = {},
): Route => ({
  method,
  segments: pattern.split('/').filter(Boolean),
  handler,
  ...(options.headsItself ? { headsItself: true } : {}),
});

export const REQUEST_ID_HEADER = 'x-amzn-RequestId';

/** Sets `x-amzn-RequestId` unless it already is, before anything but a headsItself handler answers. */
export function ensureRequestId(ctx: { res: ServerResponse; requestId: string }): void {
  if (!ctx.res.headersSent && !ctx.res.hasHeader(REQUEST_ID_HEADER))
    ctx.res.setHeader(REQUEST_ID_HEADER, ctx.requestId);
}

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

const BASE = 'http://emulator.invalid';
/**
 * Paths `new URL` leaves as they are: no dots or `%` (dot segments, `%2e`), no backslash, no leading `//`
 * (a host). Anything else goes through URL, so both parse the same targets the same way.
 */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_-]*)+$/;

/**
 * `new URL` per request cost ~4 µs of a poll, most of it parsing the ~1.2 kB token in the query
 * (bench/emulator profile). For a plain path and a query without `#`, `pathname` is the path and `search`
 * the raw query: the only bytes URL would change there are the percent-encoding of `"`, `'`, `<`, `>` and
 * of non-ASCII, which every reader of the query (decodeURIComponent, URLSearchParams) decodes back (llhttp
 * has already refused spaces and control characters in the target).
 */
function splitTarget(target: string): { pathname: string; search: string } | undefined {
  const q = target.indexOf('?');
  const pathname = q < 0 ? target : target.slice(0, q);
  if (target.charCodeAt(1) === 0x2f || !PLAIN_PATH.test(pathname)) return undefined;
  const search = q < 0 || q === target.length - 1 ? '' : target.slice(q);
  return search.includes('#') ? undefined : { pathname, search };
}

class Context implements RequestContext {
  params: Record<string, string> = {};
  fault?: InjectedFault;
  private parsed: URL | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly requestId: string,
    readonly search: string,
    parsed: URL | undefined,
  ) {
    this.parsed = parsed;
  }

  get url(): URL {
    return (this.parsed ??= new URL(this.req.url ?? '/', BASE));
  }

  body(limit = 1024 * 1024): Promise<Buffer> {
    return readBody(this.req, limit).catch((e: unknown) => {
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
    });
  }
}

/** Answers what a handler threw (or records the reset when the head was already out). */
function failed(ctx: Context, e: unknown): void {
  const res = ctx.res;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  ensureRequestId(ctx);
  if (e instanceof AwsError) sendError(res, e);
  else {
    console.error('[emulator] internal error', e);
    sendError(res, new AwsError(500, 'InternalServerException', 'Internal server error.'));
  }
}

/**
 * Routes without parameters by method, then by their path spelled plainly (`/configuration`), for a lookup
 * instead of splitting the path and matching route after route (bench/emulator profile). A route is listed
 * only when no earlier route matches its path, so the lookup finds what the ordered scan would.
 */
function plainRoutes(routes: Route[]): Map<string, Map<string, Route>> {
  const byMethod = new Map<string, Map<string, Route>>();
  routes.forEach((r, i) => {
    if (r.segments.some((seg) => seg.startsWith(':'))) return;
    if (routes.slice(0, i).some((earlier) => match(earlier, r.method, r.segments))) return;
    let byPath = byMethod.get(r.method);
    if (!byPath) byMethod.set(r.method, (byPath = new Map()));
    byPath.set(`/${r.segments.join('/')}`, r);
  });
  return byMethod;
}

export function createRequestListener(routes: Route[], access: AccessPolicy) {
  const plain = plainRoutes(routes);
  return (req: IncomingMessage, res: ServerResponse): void => {
    const requestId = nextId();
    // The common request (allowed Host, no Origin, not a preflight) passes without touching `res`; anything
    // else goes through admit(), which may answer, so the request id is set first.
    if (!plainlyAdmitted(access, req)) {
      res.setHeader(REQUEST_ID_HEADER, requestId);
      if (!admit(access, req, res)) return;
    }
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    let split = splitTarget(target);
    // A plain path is its own segments: no percent-escapes to decode, no empty segment to drop.
    const direct = split && plain.get(method)?.get(split.pathname);
    if (split && direct) {
      const ctx = new Context(req, res, requestId, split.search, undefined);
      return run(ctx, direct);
    }
    let url: URL | undefined;
    let parts: string[];
    try {
      if (!split) {
        url = new URL(target, BASE);
        split = { pathname: url.pathname, search: url.search };
      }
      parts = split.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      if (!res.hasHeader(REQUEST_ID_HEADER)) res.setHeader(REQUEST_ID_HEADER, requestId);
      sendError(res, new AwsError(400, 'BadRequestException', 'Malformed request URL.'));
      req.resume();
      return;
    }
    let found: Route | undefined;
    let params: Record<string, string> | undefined;
    for (const r of routes) {
      params = match(r, method, parts);
      if (params) {
        found = r;
        break;
      }
    }
    const ctx = new Context(req, res, requestId, split.search, url);
    if (!found || !params) {
      req.resume();
      ensureRequestId(ctx);
      sendError(
        res,
        new AwsError(
          404,
          'UnknownOperationException',
          `No operation matches ${method} ${split.pathname}.`,
        ),
      );
      return;
    }
    ctx.params = params;
    run(ctx, found);
  };
}

function run(ctx: Context, found: Route): void {
  if (!found.headsItself) ensureRequestId(ctx);
  // Called at once rather than from a promise chain: most handlers (every poll) are synchronous, and a
  // microtask plus two closures per request showed in the profile.
  let result: void | Promise<void>;
  try {
    result = found.handler(ctx);
  } catch (e) {
    failed(ctx, e);
    return;
  }
  if (result) result.catch((e: unknown) => failed(ctx, e));
}
