// The browser-mode server's gate: per-launch token, token→cookie exchange, Host/Origin checks.
// Imported by src/server only. Uses node:crypto; must not import ui, service internals or vscode.
// Any local process or web page can reach a loopback port, and this server can spend AWS credentials,
// so every request except /healthz proves it holds the token, and DNS-rebinding/CSRF attempts are refused.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { HttpErrorCode } from './types.js';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,512}$/;

/** 32 random bytes, base64url: safe in a query string and a cookie value without escaping. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Throws when a caller-supplied token is too short or would need escaping in a URL or cookie. */
export function assertUsableToken(token: string): void {
  if (!TOKEN_PATTERN.test(token)) {
    throw new Error('The server token must be 16–512 characters of A–Z, a–z, 0–9, "-" or "_".');
  }
}

/** Constant-time comparison; hashing first makes unequal lengths take the same time as equal ones. */
export function tokensEqual(candidate: string, token: string): boolean {
  const a = createHash('sha256').update(candidate, 'utf8').digest();
  const b = createHash('sha256').update(token, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** Cookies ignore ports, so two inspectors on one host each need their own cookie name. */
export function cookieName(port: number): string {
  return `appconfig-inspector-${port}`;
}

export function sessionCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    // The first occurrence wins, as in browsers' most-specific-path-first ordering.
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** Host must name this very listener, or a rebinding DNS name could ride the browser's cookie. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const value = host.toLowerCase();
  return value === `127.0.0.1:${port}` || value === `localhost:${port}`;
}

/** Origin is optional (same-origin GETs omit it) but, when sent, must be this listener's own origin. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  const value = origin.toLowerCase();
  return value === `http://127.0.0.1:${port}` || value === `http://localhost:${port}`;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

export function isAuthorized(req: IncomingMessage, port: number, token: string): boolean {
  const bearer = bearerToken(req.headers.authorization);
  if (bearer !== undefined && tokensEqual(bearer, token)) return true;
  const cookie = parseCookies(req.headers.cookie).get(cookieName(port));
  return cookie !== undefined && tokensEqual(cookie, token);
}

export type GateRefusal = { status: number; code: HttpErrorCode; message: string };

/** Host and Origin checks, which come before anything else (even /healthz and the token exchange). */
export function checkRequestOrigin(req: IncomingMessage, port: number): GateRefusal | undefined {
  if (!hostAllowed(req.headers.host, port)) {
    return {
      status: 403,
      code: 'forbidden',
      message: `Host header must be 127.0.0.1:${port} or localhost:${port}.`,
    };
  }
  const origin = req.headers.origin;
  if (!originAllowed(typeof origin === 'string' ? origin : undefined, port)) {
    return { status: 403, code: 'forbidden', message: 'Cross-origin requests are not allowed.' };
  }
  return undefined;
}

export const UNAUTHORIZED: GateRefusal = {
  status: 401,
  code: 'unauthorized',
  message: 'Missing or wrong inspector token. Open the URL the inspector printed when it started.',
};
