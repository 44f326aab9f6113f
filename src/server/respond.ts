// Response helpers for the browser-mode server: security headers, JSON results and error envelopes.
// Imported by src/server only. Imports node:http types and the protocol's status vocabulary; nothing else.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { ErrorCode } from '../protocol/messages.js';
import type { HttpErrorCode } from './types.js';

/** The UI's CSP: bundled code only, Monaco's blob workers, inline styles (Monaco sets them), no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Set first on every response, so refusals, redirects and streams carry them too. */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalidParams: 400,
  unknownMethod: 400,
  notFound: 404,
  conflict: 409,
  protocolMismatch: 409,
  awsError: 502,
  timeout: 504,
  unavailable: 503,
  internal: 500,
};

export function statusForCode(code: ErrorCode): number {
  return STATUS_BY_CODE[code];
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, {
    ...extraHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(payload.length),
    'Cache-Control': 'no-store',
  });
  res.end(payload);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: HttpErrorCode,
  message: string,
  extra: { awsErrorName?: string; sessionId?: string; headers?: Record<string, string> } = {},
): void {
  const error = {
    code,
    message,
    ...(extra.awsErrorName ? { awsErrorName: extra.awsErrorName } : {}),
    ...(extra.sessionId ? { sessionId: extra.sessionId } : {}),
  };
  sendJson(res, status, { error }, extra.headers);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headOnly = false,
): void {
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(payload.length),
    'Cache-Control': 'no-store',
  });
  res.end(headOnly ? undefined : payload);
}

/**
 * A whole error answer as bytes, for sockets no ServerResponse exists for: requests the HTTP parser refused
 * and CONNECT. Same envelope and security headers as every other refusal; the connection is closed after.
 */
export function rawErrorAnswer(status: number, code: HttpErrorCode, message: string): string {
  const body = JSON.stringify({ error: { code, message } });
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    `Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`,
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
