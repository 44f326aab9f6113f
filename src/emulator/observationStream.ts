// Server-Sent Events view of the observation log: backlog after a cursor, then live records, heartbeats.
// Used by observationRoutes.ts only; imports node: and its own folder only.
import type { ServerResponse } from 'node:http';
import type { ObservationLog, ObservationRecord } from './observations.js';

const PAGE = 200;
/** A reader this far behind is dropped; EventSource reconnects with Last-Event-ID and resumes from the log. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * Streams records with seq > `after` to `res` until the client leaves or the log closes. Records are always
 * read from the log, never queued per client, so a slow reader costs no memory: it just falls behind, and
 * anything evicted meanwhile is skipped (the `evicted` count on the JSON endpoint shows that).
 */
export function streamObservations(
  log: ObservationLog,
  res: ServerResponse,
  after: number,
  heartbeatMs: number,
  /** What this reader may see of a record (tokens or their fingerprints). */
  view: (record: ObservationRecord) => unknown,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  let cursor = after;
  let waitingForDrain = false;
  let done = false;

  const pump = () => {
    if (done || waitingForDrain) return;
    for (;;) {
      const page = log.list(cursor, PAGE);
      if (page.records.length === 0) return;
      let writable = true;
      for (const record of page.records) {
        writable = res.write(`id: ${record.seq}\ndata: ${JSON.stringify(view(record))}\n\n`);
        cursor = record.seq;
      }
      if (!writable) {
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          res.destroy();
          return;
        }
        waitingForDrain = true;
        res.once('drain', () => {
          waitingForDrain = false;
          pump();
        });
        return;
      }
    }
  };

  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
  let unsubscribe = () => {};
  const stop = () => {
    done = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  res.on('close', stop);
  // Sends the headers now, so the client sees the stream open before the first record.
  res.write(': connected\n\n');
  pump();
  unsubscribe = log.subscribe({
    appended: pump,
    closed: () => {
      stop();
      res.end();
    },
  });
}
