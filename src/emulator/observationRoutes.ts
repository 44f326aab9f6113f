// The reserved `/__emulator/` routes (AWS never uses this prefix): health and the observation log as JSON
// pages or a Server-Sent Events stream. Built by the emulator's index; imports node: and its own folder only.
import type { EmulatorContext } from './index.js';
import { AwsError, badRequest, sendJson } from './http.js';
import { route, type Route } from './router.js';
import { streamObservations } from './observationStream.js';
import { seesFullTokens, servedRecord } from './observationAccess.js';

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

export interface ObservationRouteOptions {
  /** Comment line sent on idle streams so proxies and client timeouts keep them open. */
  heartbeatMs?: number;
}

function parseCount(name: string, raw: string, min: number, max: number): number {
  const value = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

function singleParam(url: URL, name: string): string | undefined {
  const values = url.searchParams.getAll(name);
  if (values.length > 1)
    throw badRequest(`Query parameter ${name} was given ${values.length} times; give it once.`);
  return values[0];
}

export function observationRoutes(
  context: EmulatorContext,
  options: ObservationRouteOptions = {},
): Route[] {
  const log = context.observations;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  return [
    route('GET', '/__emulator/health', ({ res }) => sendJson(res, 200, { status: 'ok' })),
    route('GET', '/__emulator/observations', ({ req, res, url }) => {
      const full = seesFullTokens(req, context.observerSecret);
      const after = singleParam(url, 'after');
      const limit = singleParam(url, 'limit');
      const page = log.list(
        after === undefined ? 0 : parseCount('after', after, 0, Number.MAX_SAFE_INTEGER),
        limit === undefined ? DEFAULT_PAGE_LIMIT : parseCount('limit', limit, 1, MAX_PAGE_LIMIT),
      );
      sendJson(res, 200, { ...page, records: page.records.map((r) => servedRecord(r, full)) });
    }),
    route('GET', '/__emulator/contents/:sha256', ({ res, params }) => {
      if (!/^[0-9a-f]{64}$/.test(params.sha256 ?? ''))
        throw badRequest('Content hashes are 64 lowercase hex characters (SHA-256).');
      const served = context.servedContents.get(params.sha256!);
      if (!served) {
        throw new AwsError(
          404,
          'ResourceNotFoundException',
          `No served configuration has hash ${params.sha256} (never served, or evicted).`,
        );
      }
      res.writeHead(200, {
        'Content-Type': served.contentType,
        'Content-Length': String(served.body.length),
      });
      res.end(served.body);
    }),
    route('GET', '/__emulator/observations/stream', ({ req, res, url }) => {
      const full = seesFullTokens(req, context.observerSecret);
      // EventSource resends the URL's original `after` on reconnect; Last-Event-ID is the newer cursor.
      const lastEventId = req.headers['last-event-id'];
      const after = singleParam(url, 'after');
      let cursor = 0;
      if (typeof lastEventId === 'string' && lastEventId !== '') {
        cursor = parseCount('Last-Event-ID', lastEventId, 0, Number.MAX_SAFE_INTEGER);
      } else if (after !== undefined)
        cursor = parseCount('after', after, 0, Number.MAX_SAFE_INTEGER);
      streamObservations(log, res, cursor, heartbeatMs, (r) => servedRecord(r, full));
    }),
  ];
}
