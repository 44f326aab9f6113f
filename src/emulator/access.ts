// Who may talk to the emulator. A browser page must not be able to use it: the Host header has to name an
// address it serves (a DNS-rebinding page sends its own name), and a request carrying an Origin is refused
// unless that origin was allowed. SDKs and the AWS CLI send no Origin, so they never meet the CORS rules.
// Used by the router (before any route runs), and by the emulator's index and the CLI to check options;
// imports node: and its own folder only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError, sendError } from './http.js';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
/** Addresses that bind every interface: no client reaches them by that name. */
const WILDCARDS = new Set(['0.0.0.0', '[::]', '']);

const NAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

// Browsers hide response headers not listed here, so a browser SDK would lose the poll headers.
const EXPOSE_HEADERS =
  'Next-Poll-Configuration-Token,Next-Poll-Interval-In-Seconds,Version-Label,Content-Type,x-amzn-RequestId,x-amzn-ErrorType,Version-Number,VersionLabel,Latest-Version-Number,Application-Id,Configuration-Profile-Id,Description';
/** What a preflight may ask for, echoed back: `*` does not cover Authorization, which signed SDKs send. */
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~, -]{1,2048}$/;

export interface AccessPolicy {
  /**
   * Host names answered (loopback, the bound address, --allow-host names), on any port: a rebinding page
   * already uses the emulator's real port, while `ssh -L`, container port maps and proxies change it.
   */
  names: ReadonlySet<string>;
  origins: ReadonlySet<string>;
}

/** Splits `name[:port]`, keeping IPv6 brackets; lower-cased. */
function splitHost(raw: string): { name: string; port: string } {
  const host = raw.trim().toLowerCase();
  const close = host.startsWith('[') ? host.indexOf(']') + 1 : 0;
  const colon = host.indexOf(':', close);
  if (colon < 0 || (close === 0 && host.indexOf(':', colon + 1) >= 0))
    return { name: host, port: '' };
  return { name: host.slice(0, colon), port: host.slice(colon + 1) };
}

/** Normalises an `--allow-host` value (a name, an IPv4 address, an IPv6 one with or without brackets). */
export function checkAllowedHost(raw: string): string {
  let name = raw.trim().toLowerCase();
  if (!name.startsWith('[') && name.includes(':')) name = `[${name}]`;
  if (!(NAME.test(name) || IPV6.test(name)) || name.length > 253) {
    throw new Error(
      `--allow-host takes a host name or address without a port (such as myhost.internal or ` +
        `192.168.1.20; any port matches); got "${raw}". Wildcards are not accepted.`,
    );
  }
  return name;
}

/** Normalises a `--cors-origin` value (`scheme://host[:port]`); `*` and `null` are refused. */
export function checkCorsOrigin(raw: string): string {
  const origin = raw.trim().replace(/\/$/, '').toLowerCase();
  if (origin === '*' || origin === 'null') {
    throw new Error(
      `--cors-origin ${origin} would let any web page you visit read and change the emulator; ` +
        'name each origin instead, such as --cors-origin http://localhost:5173.',
    );
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/?#\s@]+$/.test(origin)) {
    throw new Error(
      `--cors-origin takes an origin, scheme://host[:port] with no path (such as http://localhost:5173); got "${raw}".`,
    );
  }
  return origin;
}

export function accessPolicy(options: {
  host: string;
  allowedHosts: readonly string[];
  corsOrigins: readonly string[];
}): AccessPolicy {
  const names = new Set(LOOPBACK_NAMES);
  const host = options.host.toLowerCase();
  const bound = host.includes(':') ? `[${host}]` : host;
  if (!WILDCARDS.has(bound)) names.add(bound);
  for (const raw of options.allowedHosts) names.add(checkAllowedHost(raw));
  return { names, origins: new Set(options.corsOrigins.map(checkCorsOrigin)) };
}

function hostAllowed(policy: AccessPolicy, host: string | undefined): boolean {
  if (host === undefined) return false;
  const { name, port } = splitHost(host);
  return /^\d{0,5}$/.test(port) && policy.names.has(name);
}

/**
 * True when admit() would let the request through without writing anything to the response (the Host is
 * allowed, no Origin, not a preflight): the router's fast path. Same checks as admit(), none skipped.
 */
export function plainlyAdmitted(policy: AccessPolicy, req: IncomingMessage): boolean {
  return (
    req.headers.origin === undefined &&
    req.method !== 'OPTIONS' &&
    hostSeen(policy, req.headers.host)
  );
}

/**
 * hostAllowed() with its last answer kept: a client sends the same Host on every request, and comparing it
 * costs less than splitting, lower-casing and testing it again on every poll (bench/emulator profile).
 */
let seenPolicy: AccessPolicy | undefined;
let seenHost: string | undefined;
let seenAllowed = false;
function hostSeen(policy: AccessPolicy, host: string | undefined): boolean {
  if (host === undefined || policy !== seenPolicy || host !== seenHost) {
    seenAllowed = hostAllowed(policy, host);
    seenPolicy = policy;
    seenHost = host;
  }
  return seenAllowed;
}

const refused = (message: string) => new AwsError(403, 'AccessDeniedException', message);

/**
 * Answers the request itself (a refusal, or a CORS preflight) and returns false, or returns true for the
 * router to go on. Runs before the body is read, so a refused request does nothing at all.
 */
export function admit(policy: AccessPolicy, req: IncomingMessage, res: ServerResponse): boolean {
  const host = req.headers.host;
  if (!hostAllowed(policy, host)) {
    const name = host === undefined ? '' : splitHost(host).name;
    const hint = NAME.test(name) || IPV6.test(name) ? `--allow-host ${name}` : '--allow-host NAME';
    const shown = host === undefined ? 'no Host header' : `Host "${host.slice(0, 300)}"`;
    return deny(
      req,
      res,
      `Refused ${shown}: this emulator answers only to the host names ${[...policy.names].join(', ')}, ` +
        'so a web page cannot reach it through a DNS name it controls. If you reach the emulator by that ' +
        `name on purpose, start it with ${hint}.`,
    );
  }
  const origin = req.headers.origin;
  if (origin === undefined) {
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return false;
    }
    return true;
  }
  if (!policy.origins.has(origin.toLowerCase())) {
    const shown = origin.slice(0, 300);
    const fix =
      shown === 'null'
        ? 'Pages with an opaque origin (sandboxed frames, file: URLs) cannot be allowed; serve the page from an origin.'
        : `To allow this one, start it with --cors-origin ${shown}.`;
    return deny(
      req,
      res,
      `Refused a request from the web page at Origin "${shown}": browser origins may call this emulator ` +
        `only when allowed (none are by default). ${fix}`,
    );
  }
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  if (req.method !== 'OPTIONS') return true;
  const asked = req.headers['access-control-request-headers'];
  res.setHeader(
    'Access-Control-Allow-Headers',
    typeof asked === 'string' && HEADER_LIST.test(asked) ? asked : '*',
  );
  res.setHeader('Access-Control-Allow-Methods', 'GET,POST,PATCH,DELETE,OPTIONS');
  res.writeHead(204).end();
  return false;
}

function deny(req: IncomingMessage, res: ServerResponse, message: string): false {
  req.resume();
  // Closing keeps a refused client from pipelining more requests on the same connection.
  res.setHeader('Connection', 'close');
  sendError(res, refused(message));
  return false;
}
