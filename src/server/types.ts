// Types shared by the browser-mode server's files: its options, its handle and its HTTP error codes. The
// service seam it adapts is protocol/requestHandler.ts. Imported by src/server only.
// Must not import ui or vscode.
import type { ErrorCode } from '../protocol/messages.js';
import type { RequestHandler } from '../protocol/requestHandler.js';

export interface InspectorServerOptions {
  handler: RequestHandler;
  /** Only loopback is allowed; anything else is refused, because the server can spend AWS credentials. */
  host?: string;
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Per-launch secret; a random 32-byte base64url token when omitted. */
  token?: string;
  /** Built UI to serve; defaults to dist/ui under the package root. */
  uiDir?: string;
  /** SSE comment heartbeat period (default 15 s) so idle streams survive proxies and timeouts. */
  heartbeatMs?: number;
  /** Longest a handler may take before the request settles as a 504 timeout (default 60 s). */
  handlerTimeoutMs?: number;
  /** Where unexpected internal failures are reported (default: console.error). */
  log?: (message: string) => void;
}

export interface InspectorServer {
  /** http://127.0.0.1:<port>, no token. */
  url: string;
  /** The URL to open once: it trades the token for a cookie and redirects to a clean URL. */
  pageUrl: string;
  port: number;
  token: string;
  /** Ends every SSE stream and stops listening; resolves when the socket is closed. */
  close(): Promise<void>;
}

/**
 * Codes in the HTTP error envelope: the protocol's own codes, plus gate refusals that happen before any
 * protocol request is understood (they never reach the service).
 */
export type HttpErrorCode = ErrorCode | 'unauthorized' | 'forbidden' | 'methodNotAllowed';
