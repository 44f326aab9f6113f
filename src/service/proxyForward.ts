// The recording proxy's outbound half: sends one app call to the service's backend, re-signed with the
// inspector's own identity, and returns the backend's answer as bytes. Signing, credentials, region and the
// AWS endpoint all come from the backend's own AppConfig Data client, so the proxy signs exactly as the
// inspector's sessions do. One attempt per call: the app's SDK does its own retries, and seeing them is the point.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Backend } from './backend.js';
import { INSPECTOR_USER_AGENT } from './userAgent.js';

/** One app call as the proxy accepted it (already validated by proxyServer.ts). */
export interface ProxiedCall {
  method: 'GET' | 'POST';
  /** `/configurationsessions` or `/configuration`. */
  path: string;
  query: Record<string, string>;
  body: Buffer;
  contentType?: string;
  /** The app's own user agent, kept in front of the inspector's mark. */
  userAgent?: string;
}

/** The backend's answer, untouched: status, raw header pairs (name case kept) and the body bytes. */
export interface BackendAnswer {
  status: number;
  rawHeaders: string[];
  body: Buffer;
}

/** Why a call got no answer from the backend; the proxy turns it into an AWS-shaped 502 or 504. */
export class BackendFailure extends Error {
  constructor(
    readonly status: 502 | 504,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}

/** Appended to the app's user agent: the emulator's follower skips it, and a proxy refuses it (a loop). */
export const PROXY_MARK = `${INSPECTOR_USER_AGENT}/proxy`;

/** AppConfig Data answers are configurations (AWS caps those at a few MB); anything bigger is not one. */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

type DataConfig = Backend['data']['config'];

/** Where the backend's AppConfig Data lives: the configured endpoint, or AWS's own for the resolved region. */
async function baseUrl(backend: Backend, config: DataConfig): Promise<URL> {
  if (backend.info.endpoint) return new URL(backend.info.endpoint);
  const endpoint = config.endpointProvider({
    Region: await config.region(),
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
  });
  return new URL(endpoint.url.href);
}

export async function forwardCall(backend: Backend, call: ProxiedCall): Promise<BackendAnswer> {
  const config = backend.data.config;
  const base = await baseUrl(backend, config).catch((e: unknown) => {
    throw new BackendFailure(502, 'ProxyEndpointUnresolved', `No AppConfig Data endpoint: ${e}`);
  });
  // The marker keeps the emulator's observation follower from counting this call a second time.
  const userAgent = `${call.userAgent ? `${call.userAgent} ` : ''}${PROXY_MARK}`;
  const headers: Record<string, string> = {
    host: base.host,
    'user-agent': userAgent,
    'x-amz-user-agent': userAgent,
    ...(call.method === 'POST'
      ? {
          'content-type': call.contentType ?? 'application/json',
          'content-length': String(call.body.length),
        }
      : {}),
  };
  let signed;
  try {
    // The client's own signer: the inspector's credential chain, signing name and region.
    const signer = await config.signer();
    signed = await signer.sign({
      method: call.method,
      protocol: base.protocol,
      hostname: base.hostname,
      ...(base.port ? { port: Number(base.port) } : {}),
      path: `${base.pathname.replace(/\/$/, '')}${call.path}`,
      query: call.query,
      headers,
      ...(call.method === 'POST' ? { body: call.body } : {}),
    });
  } catch (e) {
    throw new BackendFailure(
      502,
      'ProxySigningFailed',
      `The inspector could not sign the call with its credentials: ${(e as Error).message}`,
    );
  }
  const search = Object.entries(call.query)
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join('&');
  const target = new URL(`${signed.path}${search ? `?${search}` : ''}`, base);
  return send(target, call, signed.headers, backend.timeouts);
}

/** SigV4's own escaping, so AWS decodes exactly the values that were signed (URLSearchParams writes '+' for spaces). */
const rfc3986 = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

function send(
  target: URL,
  call: ProxiedCall,
  headers: Record<string, string>,
  timeouts: Backend['timeouts'],
): Promise<BackendAnswer> {
  return new Promise((resolve, reject) => {
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const fail = (failure: BackendFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(whole);
      clearTimeout(connect);
      req.destroy();
      reject(failure);
    };
    const req = request(target, { method: call.method, headers, agent: false }, (res) =>
      collect(
        res,
        (answer) => {
          if (settled) return;
          settled = true;
          clearTimeout(whole);
          resolve(answer);
        },
        fail,
      ),
    );
    const whole = setTimeout(
      () =>
        fail(
          new BackendFailure(
            504,
            'ProxyBackendTimeout',
            `The backend did not answer within ${timeouts.requestTimeoutMs} ms.`,
          ),
        ),
      timeouts.requestTimeoutMs,
    );
    const connect = setTimeout(
      () =>
        fail(
          new BackendFailure(
            504,
            'ProxyBackendTimeout',
            `No connection to ${target.host} within ${timeouts.connectTimeoutMs} ms.`,
          ),
        ),
      timeouts.connectTimeoutMs,
    );
    req.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connect);
      socket.once(target.protocol === 'https:' ? 'secureConnect' : 'connect', () =>
        clearTimeout(connect),
      );
    });
    req.on('error', (e) =>
      fail(new BackendFailure(502, 'ProxyBackendUnreachable', `${target.host}: ${e.message}`)),
    );
    req.end(call.method === 'POST' ? call.body : undefined);
  });
}

function collect(
  res: IncomingMessage,
  done: (answer: BackendAnswer) => void,
  fail: (failure: BackendFailure) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES)
      return fail(
        new BackendFailure(
          502,
          'ProxyAnswerTooLarge',
          `The backend's answer exceeded ${MAX_ANSWER_BYTES} bytes.`,
        ),
      );
    chunks.push(chunk);
  });
  res.on('end', () =>
    done({ status: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks) }),
  );
  res.on('error', (e) =>
    fail(new BackendFailure(502, 'ProxyBackendUnreachable', `The answer broke off: ${e.message}`)),
  );
  res.on('aborted', () =>
    fail(new BackendFailure(502, 'ProxyBackendUnreachable', 'The answer broke off.')),
  );
}
