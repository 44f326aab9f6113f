// The recording proxy (serve --proxy-port): a loopback HTTP endpoint apps use instead of AppConfig Data.
// It accepts only StartConfigurationSession and GetLatestConfiguration, forwards each to the service's backend
// re-signed with the inspector's identity (proxyForward.ts), returns the backend's answer unchanged (status,
// headers minus hop-by-hop, body byte for byte, errors included), then hands the exchange to the service as an
// observation record (proxyRecords.ts). It binds 127.0.0.1 only and refuses foreign Host and any Origin, since
// whoever reaches it spends the inspector's credentials.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Backend } from './backend.js';
import type { ObservationRecord } from './observer.js';
import { BackendFailure, forwardCall, PROXY_MARK, type BackendAnswer } from './proxyForward.js';
import { ProxyChains } from './proxyRecords.js';

export interface ProxyOptions {
  /**
   * The service's current backend (it changes with switchBackend). A new session goes to the current one; its
   * polls stay on the backend that issued its tokens, which no other backend would accept.
   */
  backend(): Backend;
  /** 0 = a free port. */
  port: number;
  /** Folds one record (and the configuration bytes it answered with) into observed sessions. */
  accept(record: ObservationRecord, content: Uint8Array | undefined, via: Backend): Promise<void>;
  log?(message: string): void;
}

export interface RunningProxy {
  url: string;
  port: number;
  /** Resolves once every exchange answered so far is recorded (tests, shutdown). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
/** A StartConfigurationSession body is four small fields; anything near this is not one. */
const MAX_REQUEST_BYTES = 64 * 1024;
/** Per connection, Node's own end-to-end limits on reading a request (its defaults are minutes). */
const REQUEST_READ_MS = 10_000;
/** RFC 9110 §7.6.1 connection-specific fields: they describe one hop, not the answer. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Chains whose backend is remembered; past this the oldest is forgotten (its polls then take the current one). */
const MAX_CHAIN_BACKENDS = 2_000;

const ROUTES =
  'StartConfigurationSession (POST /configurationsessions) and GetLatestConfiguration (GET /configuration?configuration_token=…)';

/** A refusal of the proxy's own, in AWS's restJson1 error shape so any SDK reads its name and message. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startRecordingProxy(options: ProxyOptions): Promise<RunningProxy> {
  const chains = new ProxyChains();
  const backendOfSession = new Map<string, Backend>();
  const backendFor = (call: ReturnType<typeof route>): Backend => {
    const token = call.query.configuration_token;
    const session = token === undefined ? undefined : chains.sessionOf(token);
    return (session !== undefined && backendOfSession.get(session)) || options.backend();
  };
  const log = options.log ?? (() => undefined);
  let recorded: Promise<void> = Promise.resolve();
  let port = options.port;
  const server = createServer({ requireHostHeader: false }, (req, res) => {
    const receivedAt = Date.now();
    void handle(req, res, receivedAt).catch((e: unknown) => {
      const refusal =
        e instanceof Refusal ? e : new Refusal(500, 'InternalServerException', String(e));
      sendError(res, refusal);
    });
  });
  server.requestTimeout = REQUEST_READ_MS;
  server.headersTimeout = REQUEST_READ_MS;

  async function handle(req: IncomingMessage, res: ServerResponse, receivedAt: number) {
    const call = route(req, port);
    const body = await readBody(req);
    const backend = backendFor(call);
    let answer: BackendAnswer;
    try {
      answer = await forwardCall(backend, {
        ...call,
        body,
        ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      });
    } catch (e) {
      if (!(e instanceof BackendFailure)) throw e;
      // The app sees (and the timeline records) the proxy's own answer: the backend gave none.
      answer = errorAnswer(e.status, e.errorType, e.message);
    }
    const answeredAt = Date.now();
    sendAnswer(res, answer);
    // The app has its answer: from here a failure is the inspector's to log, never the app's to see.
    try {
      remember({ req, call, body, answer, backend, receivedAt, answeredAt });
    } catch (e) {
      log(`proxied call not recorded: ${String(e)}`);
    }
  }

  /** Turns the exchange into an observation record and queues it for the service. */
  function remember(exchange: Exchange): void {
    const { req, call, body, answer, backend, receivedAt, answeredAt } = exchange;
    const record = chains.recordOf({
      kind: call.method === 'POST' ? 'startSession' : 'poll',
      receivedAt,
      answeredAt,
      sourceAddress: req.socket.remoteAddress ?? null,
      headers: req.headers,
      requestBody: body,
      tokenIn: call.query.configuration_token ?? null,
      answer,
    });
    if (record.kind === 'startSession' && record.sessionId !== null) {
      backendOfSession.set(record.sessionId, backend);
      if (backendOfSession.size > MAX_CHAIN_BACKENDS)
        backendOfSession.delete(backendOfSession.keys().next().value!);
    }
    // In answer order, as the backend issued the tokens: the chain mapping above already saw this one.
    const content = record.contentSha256 ? answer.body : undefined;
    recorded = recorded
      .then(() => options.accept(record, content, backend))
      .catch((e: unknown) => log(`proxied call not recorded: ${String(e)}`));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    settled: () => recorded,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One proxied call, request to answer, as remember() records it. */
interface Exchange {
  req: IncomingMessage;
  call: ReturnType<typeof route>;
  body: Buffer;
  answer: BackendAnswer;
  /** Where it was forwarded: a session's later polls go to the backend that started it. */
  backend: Backend;
  receivedAt: number;
  answeredAt: number;
}

/** Only the two AppConfig Data calls, addressed to this listener by a loopback name, from no web page. */
function route(
  req: IncomingMessage,
  port: number,
): { method: 'GET' | 'POST'; path: string; query: Record<string, string> } {
  const host = req.headers.host?.toLowerCase();
  if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`)
    throw new Refusal(
      403,
      'ForbiddenException',
      `The recording proxy answers only Host ${LOOPBACK}:${port} or localhost:${port} (got ${host === undefined ? 'none' : `"${host}"`}).`,
    );
  // SDKs send no Origin; a browser page does, and must not spend the inspector's credentials.
  if (req.headers.origin !== undefined)
    throw new Refusal(
      403,
      'ForbiddenException',
      'The recording proxy refuses requests from web pages (an Origin header was sent).',
    );
  // A backend that is this proxy (--endpoint naming the proxy's own port) would forward forever.
  if (req.headers['user-agent']?.includes(PROXY_MARK))
    throw new Refusal(
      508,
      'ProxyLoopDetected',
      'This call already went through a recording proxy: the backend points back at the proxy.',
    );
  // Only origin-form targets ("/path?query"): an absolute or "//host" form could name another host.
  const target = req.url ?? '';
  if (!target.startsWith('/') || target.startsWith('//'))
    throw new Refusal(400, 'BadRequestException', `Unreadable request target "${target}".`);
  const url = new URL(target, `http://${LOOPBACK}:${port}`);
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method === 'GET' || req.method === 'POST' ? req.method : undefined;
  const wanted =
    path === '/configurationsessions' ? 'POST' : path === '/configuration' ? 'GET' : undefined;
  if (!wanted)
    throw new Refusal(
      404,
      'UnknownOperationException',
      `The recording proxy forwards only ${ROUTES}; ${req.method} ${url.pathname} is not one of them.`,
    );
  if (method !== wanted)
    throw new Refusal(
      405,
      'UnknownOperationException',
      `${url.pathname} takes ${wanted}, not ${req.method}: the proxy forwards only ${ROUTES}.`,
    );
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (name in query)
      throw new Refusal(400, 'BadRequestException', `Query parameter ${name} is repeated.`);
    query[name] = value;
  }
  return { method, path, query };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new Refusal(
        413,
        'BadRequestException',
        `Request bodies are limited to ${MAX_REQUEST_BYTES} bytes.`,
      );
    if (Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(tooLarge());
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The backend's status and header pairs as sent (minus hop-by-hop), and a length for the buffered body. */
function sendAnswer(res: ServerResponse, answer: BackendAnswer): void {
  const raw: string[] = [];
  let hasLength = false;
  for (let i = 0; i + 1 < answer.rawHeaders.length; i += 2) {
    const name = answer.rawHeaders[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower)) continue;
    if (lower === 'content-length') hasLength = true;
    raw.push(name, answer.rawHeaders[i + 1]!);
  }
  // A chunked answer was read whole, so it goes on with a length instead of its (hop-by-hop) framing.
  if (!hasLength) raw.push('Content-Length', String(answer.body.length));
  res.writeHead(answer.status, raw);
  res.end(answer.body);
}

function errorAnswer(status: number, errorType: string, message: string): BackendAnswer {
  const body = Buffer.from(JSON.stringify({ Message: message }));
  return {
    status,
    rawHeaders: ['Content-Type', 'application/json', 'x-amzn-ErrorType', errorType],
    body,
  };
}

function sendError(res: ServerResponse, refusal: Refusal): void {
  if (res.headersSent) return void res.destroy();
  sendAnswer(res, errorAnswer(refusal.status, refusal.errorType, refusal.message));
}
