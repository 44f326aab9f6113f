// The browser-mode adapter: one loopback HTTP server that gates every request (Host, Origin, token), then
// routes POST /api/<method> to the RequestHandler, GET /api/events to SSE, and the rest to the built UI.
// Imported by the CLI. Imports protocol, core and node:* only; never the UI source or vscode.
// Modelled on vitest's UI server: a per-launch token in the opened URL, traded at once for an HttpOnly cookie.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { handleApiRequest, type ApiContext } from './api.js';
import {
  assertUsableToken,
  checkRequestOrigin,
  generateToken,
  isAuthorized,
  sessionCookie,
  tokensEqual,
  UNAUTHORIZED,
} from './auth.js';
import { rawErrorAnswer, sendError, sendText, setSecurityHeaders } from './respond.js';
import { createEventHub } from './sse.js';
import { DEFAULT_UI_DIR, serveStatic } from './static.js';
import type { InspectorServer, InspectorServerOptions } from './types.js';

const LOOPBACK = '127.0.0.1';
const DEFAULT_HEARTBEAT_MS = 15_000;
const DEFAULT_HANDLER_TIMEOUT_MS = 60_000;
/** In-flight requests get this long to finish on close() before their sockets are cut. */
const CLOSE_GRACE_MS = 1_000;
/** Node's own default, made explicit because the README documents it: request line plus all headers. */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Requests the HTTP parser refuses never reach route(); Node's default answer is a bare 400 with no body.
 * Answer with the same envelope as every other refusal, unless a response is already under way on the socket.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as { _httpMessage?: ServerResponse })._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, `Request headers exceed the ${MAX_HEADER_BYTES / 1024} KiB limit.`]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request was not received in time.']
        : [400, `Malformed HTTP request (${err.code ?? 'parse error'}).`];
  socket.end(rawErrorAnswer(status, 'invalidParams', message));
}

function splitUrl(rawUrl: string): { pathname: string; query: URLSearchParams } | undefined {
  // Only origin-form targets ("/path?query"); absolute or "//host" forms could smuggle another host.
  if (!rawUrl.startsWith('/') || rawUrl.startsWith('//')) return undefined;
  const q = rawUrl.indexOf('?');
  return q < 0
    ? { pathname: rawUrl, query: new URLSearchParams() }
    : { pathname: rawUrl.slice(0, q), query: new URLSearchParams(rawUrl.slice(q + 1)) };
}

function checkOptions(options: InspectorServerOptions): { port: number; token: string } {
  if (options.host !== undefined && options.host !== LOOPBACK) {
    throw new Error(
      `The inspector server only binds ${LOOPBACK} (got host "${options.host}"): it can spend AWS credentials.`,
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`Invalid port ${String(port)}.`);
  const token = options.token ?? generateToken();
  assertUsableToken(token);
  return { port, token };
}

/** Starts the server on 127.0.0.1 (port 0 = ephemeral) and resolves once it is listening. */
export async function startInspectorServer(
  options: InspectorServerOptions,
): Promise<InspectorServer> {
  const checked = checkOptions(options);
  const token = checked.token;
  const uiDir = options.uiDir ?? DEFAULT_UI_DIR;
  const log = options.log ?? ((message: string) => console.error(message));
  const hub = createEventHub(options.handler, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
  const api: ApiContext = {
    handler: options.handler,
    handlerTimeoutMs: options.handlerTimeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS,
    log,
  };
  let port = checked.port;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const refusal = checkRequestOrigin(req, port);
    if (refusal) return sendError(res, refusal.status, refusal.code, refusal.message);
    const target = splitUrl(req.url ?? '');
    if (!target)
      return sendError(
        res,
        400,
        'invalidParams',
        'Request target must be a path starting with "/".',
      );
    const { pathname, query } = target;
    const isRead = req.method === 'GET' || req.method === 'HEAD';

    if (pathname === '/healthz') {
      if (isRead) return sendText(res, 200, 'ok', req.method === 'HEAD');
      return sendError(res, 405, 'methodNotAllowed', 'Use GET for /healthz.', {
        headers: { Allow: 'GET, HEAD' },
      });
    }

    const isApi = pathname === '/api' || pathname.startsWith('/api/');
    const offered = query.get('token');
    if (isRead && !isApi && offered !== null) {
      if (!tokensEqual(offered, token))
        return sendError(res, 401, UNAUTHORIZED.code, UNAUTHORIZED.message);
      // Trade the token for a cookie and drop it from the URL, so it never lands in history or Referer.
      query.delete('token');
      const rest = query.toString();
      res.writeHead(302, {
        Location: rest ? `${pathname}?${rest}` : pathname,
        'Set-Cookie': sessionCookie(port, token),
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (!isAuthorized(req, port, token))
      return sendError(res, 401, UNAUTHORIZED.code, UNAUTHORIZED.message);

    if (pathname === '/api/events') {
      if (req.method !== 'GET') {
        return sendError(res, 405, 'methodNotAllowed', 'Use GET for /api/events.', {
          headers: { Allow: 'GET' },
        });
      }
      return hub.attach(req, res);
    }
    if (pathname.startsWith('/api/'))
      return handleApiRequest(req, res, pathname.slice('/api/'.length), api);
    if (isApi) return sendError(res, 404, 'notFound', 'Use POST /api/<method> or GET /api/events.');
    return serveStatic(req, res, uiDir, pathname);
  }

  // requireHostHeader off: Node's own refusal of a missing Host is a bare 400; the gate answers it instead.
  const httpOptions = { maxHeaderSize: MAX_HEADER_BYTES, requireHostHeader: false };
  const server = createServer(httpOptions, (req, res) => {
    route(req, res).catch((e: unknown) => {
      log(
        `appconfig-inspector: request failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      if (res.headersSent) res.destroy();
      else sendError(res, 500, 'internal', 'Internal server error.');
    });
  });

  server.on('clientError', answerClientError);
  // Without a listener Node drops CONNECT sockets unanswered; this server is no proxy.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
    socket.end(rawErrorAnswer(405, 'methodNotAllowed', 'CONNECT is not supported.')),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      hub.closeAll();
      const cut = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      server.close(() => {
        clearTimeout(cut);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };

  const url = `http://${LOOPBACK}:${port}`;
  return { url, pageUrl: `${url}/?token=${token}`, port, token, close };
}
