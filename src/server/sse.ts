// GET /api/events: relays the service's InspectorEvents to every connected browser as Server-Sent Events.
// Imported by server.ts only; imports node:http types and protocol types, never the UI.
// A client that reconnects may have missed events, so the UI refetches snapshots then; the server keeps
// no replay buffer and simply drops streams that stop reading.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InspectorEvent } from '../protocol/messages.js';
import type { RequestHandler } from '../protocol/requestHandler.js';

/** A stream this far behind is a stuck reader; dropping it makes the browser reconnect and refetch. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** How long EventSource waits before reconnecting after the stream ends. */
const RETRY_MS = 2000;

export function formatEvent(event: InspectorEvent): string {
  // JSON.stringify escapes CR/LF inside strings, so one event is always one `data:` line.
  return `data: ${JSON.stringify(event)}\n\n`;
}

export interface EventHub {
  /** Takes over the response for the lifetime of the stream. */
  attach(req: IncomingMessage, res: ServerResponse): void;
  /** Number of open streams (for tests and diagnostics). */
  readonly size: number;
  /** Ends every stream; later attach calls are answered with 503. */
  closeAll(): void;
}

export function createEventHub(handler: RequestHandler, heartbeatMs: number): EventHub {
  const streams = new Set<() => void>();
  let closed = false;

  return {
    attach(req, res) {
      if (closed) {
        res.writeHead(503, {
          'Content-Type': 'text/plain; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        res.end('Server is shutting down.');
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(`retry: ${RETRY_MS}\n: connected\n\n`);

      const write = (chunk: string) => {
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          end(true);
          return;
        }
        res.write(chunk);
      };
      const unsubscribe = handler.onEvent((event) => write(formatEvent(event)));
      const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
      let ended = false;
      const end = (stuck = false) => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(end);
        // A stuck reader would never drain a graceful end, holding the socket (and server.close) open.
        if (stuck) res.destroy();
        else res.end();
      };
      streams.add(end);
      req.on('close', () => end());
      res.on('error', () => end(true));
    },
    get size() {
      return streams.size;
    },
    closeAll() {
      closed = true;
      for (const end of [...streams]) end();
    },
  };
}
