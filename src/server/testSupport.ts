// Test support for src/server tests: a small real RequestHandler, a server on 127.0.0.1:0 and a raw HTTP
// helper that can send any Host/Origin/path (fetch normalises or forbids those). Test-only.
// The handler stands in for the lead's InspectorService until it exists: swapping it in is the one line
// marked SWAP below (the tests only rely on protocol behaviour: validation, startSession → sessionStarted).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import {
  ProtocolError,
  PROTOCOL_VERSION,
  type InspectorEvent,
  type SessionRef,
  type SessionSummary,
  type StartSessionParams,
} from '../protocol/messages.js';
import { validateRequest } from '../protocol/validate.js';
import { startInspectorServer } from './server.js';
import type { RequestHandler } from '../protocol/requestHandler.js';
import type { InspectorServer, InspectorServerOptions } from './types.js';

export interface TestHandler extends RequestHandler {
  /** How many event listeners are subscribed (each open SSE stream holds one). */
  listenerCount(): number;
}

/** Validates every request like the service does, keeps sessions in memory and emits the matching events. */
export function createTestHandler(): TestHandler {
  const listeners = new Set<(event: InspectorEvent) => void>();
  const sessions = new Map<string, SessionSummary>();
  const emit = (event: InspectorEvent) => listeners.forEach((listener) => listener(event));
  const find = (sessionId: string) => {
    const session = sessions.get(sessionId);
    if (!session) throw new ProtocolError('notFound', `No session "${sessionId}".`);
    return session;
  };
  return {
    async handle(method, params) {
      // Validation first, exactly as the service does; the casts below only narrow what it proved.
      const request = validateRequest(method, params);
      const ref = request.params as Partial<SessionRef>;
      switch (request.method) {
        case 'hello':
          return {
            protocolVersion: PROTOCOL_VERSION,
            backend: { kind: 'emulator', region: 'us-east-1', canListResources: true },
          };
        case 'listSessions':
          return [...sessions.values()].reverse();
        case 'startSession': {
          const p = request.params as StartSessionParams;
          const session: SessionSummary = {
            ...p,
            id: `s${sessions.size + 1}`,
            origin: 'inspector',
            backend: 'emulator',
            startedAt: Date.now(),
            state: 'polling',
            pollCount: 0,
          };
          sessions.set(session.id, session);
          emit({ type: 'sessionStarted', session });
          return session;
        }
        case 'getSession':
          return { session: find(ref.sessionId!), events: [] };
        case 'stopSession': {
          const session = find(ref.sessionId!);
          if (session.state === 'stopped')
            throw new ProtocolError('conflict', `Session "${session.id}" is already stopped.`);
          session.state = 'stopped';
          emit({ type: 'sessionEnded', session });
          return session;
        }
        case 'importRecording':
          throw new ProtocolError(
            'invalidParams',
            '"recording.format" must be "appconfig-inspector-recording".',
          );
        default:
          throw new ProtocolError(
            'unavailable',
            `${request.method} is not supported by the test handler.`,
          );
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    listenerCount: () => listeners.size,
  };
}

export interface TestServer {
  server: InspectorServer;
  handler: RequestHandler;
  close(): Promise<void>;
}

export async function startTestServer(
  options: Partial<InspectorServerOptions> = {},
): Promise<TestServer> {
  const handler = options.handler ?? createTestHandler(); // SWAP: new InspectorService({ backend: emulator })
  const server = await startInspectorServer({ port: 0, ...options, handler });
  return { server, handler, close: () => server.close() };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One HTTP request with exactly the given target and headers; Host defaults to 127.0.0.1:<port>. */
export function rawRequest(port: number, req: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: req.method ?? 'GET',
        path: req.path ?? '/',
        headers: req.headers ?? {},
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

export const bearer = (server: InspectorServer) => ({ Authorization: `Bearer ${server.token}` });

export const postJson = (
  server: InspectorServer,
  method: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) =>
  rawRequest(server.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', ...bearer(server), ...headers },
    body,
  });
