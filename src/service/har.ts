// exportHar: a session's calls as a HAR 1.2 file (one entry per StartConfigurationSession and
// GetLatestConfiguration), so a recording opens in any browser's Network panel. Requests are rebuilt from the
// ledger (the SDK's signature headers are never recorded); responses are the ones the Raw view rebuilds
// (rawResponse.ts). The native recording stays the lossless format. Imported by recordingHandlers.ts.
import type { PollEvent, SessionInfo } from '../core/ledger.js';
import type { HarDocument, HarEntry, HarNameValue, HarRequest } from '../protocol/harTypes.js';
import type { ContentBlob, RawRequest, RawResponse } from '../protocol/messages.js';
import pkg from '../../package.json' with { type: 'json' };
import { rawResponseOf } from './rawResponse.js';

export interface HarOptions {
  redactTokens: boolean;
  /** The full token behind a fingerprint, when the service holds it (in memory or in the recording). */
  fullToken(fingerprint: string): string | undefined;
  content(hash: string): ContentBlob;
}

/** What stands in a file for a token: the token itself, or a placeholder naming its fingerprint. */
export const redactedToken = (fingerprint: string) => `REDACTED-${fingerprint}`;
export const unheldToken = (fingerprint: string) => `FINGERPRINT-${fingerprint}`;

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function buildHar(
  session: SessionInfo,
  events: PollEvent[],
  options: HarOptions,
): HarDocument {
  const base = dataPlaneUrl(session);
  const unheld = new Set<string>();
  /** The text a token is written as in this file; records which tokens were not held. */
  const tokenText = (fingerprint: string): string => {
    if (options.redactTokens) return redactedToken(fingerprint);
    const full = options.fullToken(fingerprint);
    if (full === undefined) {
      unheld.add(fingerprint);
      return unheldToken(fingerprint);
    }
    return full;
  };
  const entries = events.map((event) => entryOf(session, base, event, tokenText, options));
  const doc: HarDocument = {
    log: {
      version: '1.2',
      creator: { name: 'AppConfig Inspector', version: pkg.version },
      entries,
      comment: logComment(session, options.redactTokens, unheld.size),
    },
  };
  if (!options.redactTokens) return doc;
  // Belt and braces: a token quoted anywhere else (an error message, say) is replaced too.
  const held = new Map<string, string>();
  for (const e of events)
    for (const fp of [e.tokenIn, e.tokenOut]) {
      const full = fp === undefined ? undefined : options.fullToken(fp);
      if (fp !== undefined && full) held.set(fp, full);
    }
  return held.size ? replaceTokens(doc, held) : doc;
}

/** The endpoint the session called: its own endpoint URL, or AppConfig Data's in its region. */
function dataPlaneUrl(session: SessionInfo): string {
  if (/^https?:\/\//.test(session.backend)) return session.backend.replace(/\/+$/, '');
  return `https://appconfigdata.${session.region ?? 'us-east-1'}.amazonaws.com`;
}

function entryOf(
  session: SessionInfo,
  base: string,
  event: PollEvent,
  tokenText: (fingerprint: string) => string,
  options: HarOptions,
): HarEntry {
  const tokens: string[] = [];
  const note = (fingerprint: string | undefined, role: string) => {
    if (fingerprint === undefined) return;
    const text = tokenText(fingerprint);
    tokens.push(
      text === redactedToken(fingerprint)
        ? `${role} token redacted (fingerprint ${fingerprint})`
        : text === unheldToken(fingerprint)
          ? `${role} token not held by the inspector: its fingerprint ${fingerprint} stands in for it`
          : `${role} token in full`,
    );
  };
  note(event.tokenIn, 'sent');
  note(event.tokenOut, 'returned');

  const raw = rawResponseOf(session, event, tokenText, options.content);
  const request = requestOf(
    raw.request,
    base,
    event.kind === 'poll' && event.tokenIn ? tokenText(event.tokenIn) : undefined,
  );
  return {
    startedDateTime: new Date(event.sentAt).toISOString(),
    time: event.latencyMs,
    request,
    response: responseOf(raw),
    cache: {},
    timings: { send: 0, wait: event.latencyMs, receive: 0 },
    comment: [
      `#${event.seq} ${raw.call} (${event.trigger})`,
      ...tokens,
      ...(event.restartReason ? [`restarted: ${event.restartReason}`] : []),
    ].join('; '),
  };
}

const REBUILT =
  'Rebuilt from the session ledger: the SigV4 Authorization, X-Amz-Date and User-Agent headers are not recorded.';

/** The call as rawRequestOf rebuilds it (the same one "Copy as" reproduces), as a HAR request. */
function requestOf(raw: RawRequest, base: string, tokenText: string | undefined): HarRequest {
  const headers: HarNameValue[] = [
    { name: 'Host', value: new URL(base).host },
    ...(raw.body !== undefined ? [{ name: 'Content-Type', value: 'application/json' }] : []),
    ...(raw.invocationId ? [{ name: 'amz-sdk-invocation-id', value: raw.invocationId }] : []),
    { name: 'amz-sdk-request', value: `attempt=${raw.attempts}` },
  ];
  return {
    method: raw.method,
    url: `${base}${raw.path}`,
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers,
    queryString: tokenText !== undefined ? [{ name: 'configuration_token', value: tokenText }] : [],
    ...(raw.body !== undefined
      ? { postData: { mimeType: 'application/json', text: raw.body } }
      : {}),
    headersSize: -1,
    bodySize: raw.body !== undefined ? Buffer.byteLength(raw.body) : 0,
    comment: REBUILT,
  };
}

function responseOf(raw: RawResponse): HarEntry['response'] {
  const status = raw.httpStatus ?? 0;
  const headers = Object.entries(raw.headers).map(([name, value]) => ({ name, value }));
  const mimeType = raw.headers['Content-Type'] ?? '';
  let content: HarEntry['response']['content'];
  if (raw.error && status === 0) {
    // No HTTP answer at all (timeout, refused connection): HAR's convention is status 0.
    content = { size: 0, mimeType, comment: `${raw.error.errorName}: ${raw.error.message}` };
  } else if (raw.error) {
    const details = raw.error.details;
    const text = JSON.stringify({
      Message: raw.error.message,
      ...(details !== undefined ? { Details: details } : {}),
    });
    content = { size: Buffer.byteLength(text), mimeType, text };
  } else if (raw.body) {
    content = bodyContent(raw.body, mimeType);
  } else {
    content = { size: 0, mimeType };
  }
  return {
    status,
    statusText: STATUS_TEXT[status] ?? '',
    httpVersion: 'HTTP/1.1',
    cookies: [],
    headers,
    content,
    redirectURL: '',
    headersSize: -1,
    bodySize: status === 0 ? -1 : content.size,
    ...(raw.error ? { comment: `${raw.error.errorName}: ${raw.error.message}` } : {}),
  };
}

/** UTF-8 bodies as text (readable in a Network panel); anything else as base64, as HAR allows. */
function bodyContent(body: ContentBlob, mimeType: string): HarEntry['response']['content'] {
  const bytes = Buffer.from(body.base64, 'base64');
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { size: bytes.length, mimeType, text };
  } catch {
    return { size: bytes.length, mimeType, text: body.base64, encoding: 'base64' };
  }
}

function logComment(session: SessionInfo, redacted: boolean, unheld: number): string {
  const who = `${session.applicationIdentifier} / ${session.environmentIdentifier} / ${session.configurationProfileIdentifier}`;
  const tokens = redacted
    ? 'Tokens are redacted: REDACTED-<fingerprint> stands for each one.'
    : unheld
      ? `Tokens in full where the inspector holds them; ${unheld} it does not hold (an imported recording carries none) appear as FINGERPRINT-<fingerprint>.`
      : 'Tokens in full.';
  return `AppConfig Data session ${session.id} (${who}), exported by AppConfig Inspector. ${tokens}`;
}

/** Replaces every occurrence of each full token in every string of the document. */
function replaceTokens(doc: HarDocument, held: Map<string, string>): HarDocument {
  let text = JSON.stringify(doc);
  for (const [fingerprint, token] of held) {
    const quoted = JSON.stringify(token).slice(1, -1);
    text = text.split(quoted).join(redactedToken(fingerprint));
    text = text.split(encodeURIComponent(token)).join(redactedToken(fingerprint));
  }
  return JSON.parse(text) as HarDocument;
}
