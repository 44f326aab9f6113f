// Rebuilds one poll's HTTP exchange from the ledger for the Raw view and the poll detail pane: the request
// (method, path with the token, body, invocation id, attempts) and the answer (status, headers, body or
// error), rather than keeping every call's headers in memory. Called by inspectorService.ts.
import type { PollEvent, SessionInfo } from '../core/ledger.js';
import {
  ProtocolError,
  type ContentBlob,
  type RawRequest,
  type RawResponse,
} from '../protocol/messages.js';
import type { SessionRunner } from './sessionRunner.js';

/** getRawResponse: poll `seq` of a session, or 'notFound' saying whether it only left memory. */
export function rawResponseAt(
  runner: SessionRunner,
  seq: number,
  content: (hash: string) => ContentBlob,
): RawResponse {
  const event = runner.ledger.eventAt(seq);
  if (!event) {
    const id = runner.info.id;
    throw new ProtocolError(
      'notFound',
      seq >= 0 && seq < runner.ledger.firstHeldSeq
        ? `Poll ${seq} of session ${id} is older than the ${runner.events.length} held in memory; it is in the session's recording file.`
        : `Session ${id} has no poll ${seq}.`,
    );
  }
  return rawResponseOf(runner.info, event, (fp) => runner.tokenOf(fp), content);
}

/** Shown in a path instead of a token the service no longer holds (it keeps only the newest ones). */
export const TOKEN_NOT_HELD = '(token no longer held)';

/** The request as the SDK sent it: StartConfigurationSession's JSON, or the poll's token in the query. */
export function rawRequestOf(
  session: SessionInfo,
  event: PollEvent,
  fullToken: (fp: string) => string | undefined,
): RawRequest {
  const sdk = {
    ...(event.invocationId ? { invocationId: event.invocationId } : {}),
    attempts: event.attempts,
  };
  if (event.kind === 'start') {
    const body = {
      ApplicationIdentifier: session.applicationIdentifier,
      EnvironmentIdentifier: session.environmentIdentifier,
      ConfigurationProfileIdentifier: session.configurationProfileIdentifier,
      ...(session.requiredMinimumPollIntervalInSeconds !== undefined
        ? { RequiredMinimumPollIntervalInSeconds: session.requiredMinimumPollIntervalInSeconds }
        : {}),
    };
    return { method: 'POST', path: '/configurationsessions', body: JSON.stringify(body), ...sdk };
  }
  const fingerprint = event.tokenIn;
  const full = fingerprint ? fullToken(fingerprint) : undefined;
  return {
    method: 'GET',
    path: `/configuration?configuration_token=${full ? encodeURIComponent(full) : TOKEN_NOT_HELD}`,
    ...(fingerprint ? { tokenIn: { ...(full ? { full } : {}), fingerprint } } : {}),
    ...sdk,
  };
}

export function rawResponseOf(
  session: SessionInfo,
  event: PollEvent,
  fullToken: (fp: string) => string | undefined,
  content: (hash: string) => ContentBlob,
): RawResponse {
  const request = rawRequestOf(session, event, fullToken);
  const headers: Record<string, string> = {};
  const call = event.kind === 'start' ? 'StartConfigurationSession' : 'GetLatestConfiguration';
  if (event.requestId) headers['x-amzn-RequestId'] = event.requestId;
  const o = event.outcome;
  if (o.type === 'error') {
    headers['x-amzn-ErrorType'] = o.errorName;
    headers['Content-Type'] = 'application/json';
    return {
      seq: event.seq,
      call,
      request,
      ...((event.httpStatus ?? o.httpStatus)
        ? { httpStatus: event.httpStatus ?? o.httpStatus }
        : {}),
      headers,
      error: {
        errorName: o.errorName,
        message: o.message,
        ...(o.details !== undefined ? { details: o.details } : {}),
      },
    };
  }
  const token = event.tokenOut
    ? (fullToken(event.tokenOut) ?? `(token no longer held; fingerprint ${event.tokenOut})`)
    : undefined;
  if (event.kind === 'start') {
    headers['Content-Type'] = 'application/json';
    return {
      seq: event.seq,
      call,
      request,
      httpStatus: event.httpStatus ?? 201,
      headers,
      ...(token ? { body: jsonBlob({ InitialConfigurationToken: token }) } : {}),
    };
  }
  if (token) headers['Next-Poll-Configuration-Token'] = token;
  if (event.intervalSeconds !== undefined)
    headers['Next-Poll-Interval-In-Seconds'] = String(event.intervalSeconds);
  if (o.type === 'content') {
    if (o.contentType) headers['Content-Type'] = o.contentType;
    if (o.versionLabel) headers['Version-Label'] = o.versionLabel;
    return {
      seq: event.seq,
      call,
      request,
      httpStatus: event.httpStatus ?? 200,
      headers,
      body: content(o.contentHash),
    };
  }
  if (o.type === 'unchanged' && o.contentType) headers['Content-Type'] = o.contentType;
  return { seq: event.seq, call, request, httpStatus: event.httpStatus ?? 200, headers };
}

function jsonBlob(value: unknown): ContentBlob {
  const bytes = Buffer.from(JSON.stringify(value));
  return {
    contentHash: '',
    contentType: 'application/json',
    size: bytes.length,
    base64: bytes.toString('base64'),
  };
}
