// Applies injected faults: wraps the AWS routes' handlers (never the `/__emulator/` ones) and, when the fault
// table picks a request, answers instead of the handler (error, reset) or around it (latency, truncate,
// slow-body). Built once per emulator by index.ts; imports node: and its own folder only.
import { STATUS_CODES, type ServerResponse } from 'node:http';
import { AwsError } from './http.js';
import { FaultTable, isExecuted, type ActiveFault, type InjectedFault } from './faults.js';
import { operationOf } from './operations.js';
import { ensureRequestId, type Handler, type RequestContext, type Route } from './router.js';
import type { EmulatorClock } from './store.js';

/** How a request a fault answered instead of the handler ended, for its observation record. */
export type FaultOutcome = { error: AwsError } | { unanswered: string };

/** Records such a request; the data plane registers one per observed operation. */
export type FaultedObserver = (ctx: RequestContext, outcome: FaultOutcome) => void | Promise<void>;

/** slow-body sends at most this many pieces, so a large body is not a timer per byte. */
const SLOW_PIECES = 10;

export class FaultInjector {
  readonly table = new FaultTable();
  private readonly observers = new Map<string, FaultedObserver>();

  constructor(private readonly clock: EmulatorClock) {}

  observeWith(operation: string, observer: FaultedObserver): void {
    this.observers.set(operation, observer);
  }

  /** The routes with fault injection around their handlers; an operation is named once, here. */
  wrap(routes: Route[]): Route[] {
    return routes.map((r) => {
      const operation = operationOf(r.method, r.segments);
      const handler = r.handler;
      return {
        ...r,
        // With no faults in force (the normal case) the hot path costs one length check.
        handler: (ctx) =>
          this.table.size === 0 ? handler(ctx) : this.run(operation, ctx, handler),
      };
    });
  }

  private async run(operation: string, ctx: RequestContext, handler: Handler): Promise<void> {
    const fault = this.table.draw(operation);
    if (!fault) return handler(ctx);
    // Set before the handler writes its head, so the head goes through node's header store: truncate rebuilds
    // it from res.getHeaders(), and an error answer needs the id anyway.
    ensureRequestId(ctx);
    const note: InjectedFault = {
      id: fault.id,
      effect: fault.effectText,
      executed: isExecuted(fault.effect),
      receivedAt: this.clock.now(),
    };
    ctx.fault = note;
    const effect = fault.effect;
    switch (effect.kind) {
      case 'error': {
        const error = new AwsError(
          effect.status,
          effect.errorType,
          describe(fill(effect.message, operation, ctx, this.clock.now()), fault),
        );
        await this.observers.get(operation)?.(ctx, { error });
        // The router answers it, as any refusal: it stays the one place that shapes error responses.
        throw error;
      }
      case 'reset':
        await this.observers.get(operation)?.(ctx, {
          unanswered: `Connection reset without an answer by injected fault ${fault.id}.`,
        });
        ctx.res.destroy();
        return;
      case 'latency':
        if (await delay(ctx.res, effect.ms)) return handler(ctx);
        note.executed = false;
        await this.observers.get(operation)?.(ctx, {
          unanswered: `The client left during the ${effect.ms} ms delay of injected fault ${fault.id}; not executed.`,
        });
        return;
      case 'truncate':
        holdBody(ctx.res, truncate);
        return handler(ctx);
      case 'slow-body':
        holdBody(ctx.res, (res, send, body) => dribble(res, send, body, effect.ms));
        return handler(ctx);
    }
  }
}

/** SigV4's basic time format, as X-Amz-Date carries it: 20261201T120000Z. */
const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
const parseAmzDate = (text: string) =>
  Date.parse(text.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
/** An injected clock skew: AWS's clock as ten minutes ahead of the request's signature. */
const SKEW_MS = 10 * 60_000;

/** An error text's placeholders, from the request it refuses. */
function fill(message: string, operation: string, ctx: RequestContext, now: number): string {
  if (!message.includes('{')) return message;
  const header = ctx.req.headers['x-amz-date'];
  const signed = typeof header === 'string' ? parseAmzDate(header) : NaN;
  const requestTime = Number.isFinite(signed) ? signed : now;
  return message
    .replaceAll('{operation}', operation)
    .replaceAll('{requestTime}', amzDate(requestTime))
    .replaceAll('{earliestTime}', amzDate(requestTime + SKEW_MS - 5 * 60_000))
    .replaceAll('{now}', amzDate(requestTime + SKEW_MS));
}

const describe = (message: string, fault: ActiveFault) =>
  `${message} (injected by the emulator: fault ${fault.id}, ${fault.operation}:${fault.effectText})`;

/** Resolves true after `ms`, or false at once if the connection closes first (no timer outlives it). */
function delay(res: ServerResponse, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

type Write = (chunk: Buffer, done?: () => void) => void;
type Finish = (res: ServerResponse, write: Write, body: Buffer) => void;

/**
 * Lets the handler answer as usual (status and headers, the full Content-Length included, are its own) but
 * keeps the body it writes, then hands it to `finish` with the real write. Handlers write with
 * `res.write`/`res.end` only, so those two are all there is to hold.
 */
function holdBody(res: ServerResponse, finish: Finish): void {
  const realWrite = res.write.bind(res) as (chunk: Buffer, done?: () => void) => boolean;
  const realEnd = res.end.bind(res) as (chunk?: Buffer, done?: () => void) => ServerResponse;
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  res.write = ((chunk: unknown) => {
    keep(chunk);
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    keep(chunk);
    res.write = realWrite as typeof res.write;
    res.end = realEnd as typeof res.end;
    finish(res, (piece, done) => void realWrite(piece, done), Buffer.concat(chunks));
    return res;
  }) as typeof res.end;
}

/** Headers announcing the full length, half the body, then the connection closes. */
function truncate(res: ServerResponse, write: Write, body: Buffer): void {
  const socket = res.socket;
  if (body.length >= 2) {
    write(body.subarray(0, Math.floor(body.length / 2)), () => socket?.destroy());
    return;
  }
  // Nothing (or one byte) to cut: cut the headers instead, before the blank line that would end them.
  const lines = [`HTTP/1.1 ${res.statusCode} ${STATUS_CODES[res.statusCode] ?? ''}`];
  for (const [name, value] of Object.entries(res.getHeaders()))
    lines.push(`${name}: ${String(value)}`);
  socket?.end(`${lines.join('\r\n')}\r\n`);
}

/** Headers at once, then the body in up to SLOW_PIECES pieces, the last one `ms` after the headers. */
function dribble(res: ServerResponse, write: Write, body: Buffer, ms: number): void {
  res.flushHeaders();
  const pieces = Math.max(1, Math.min(SLOW_PIECES, body.length));
  const size = Math.ceil(body.length / pieces);
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const next = () => {
    sent++;
    const piece = body.subarray((sent - 1) * size, sent * size);
    if (sent < pieces) {
      write(piece);
      timer = setTimeout(next, ms / pieces);
    } else res.end(piece);
  };
  timer = setTimeout(next, ms / pieces);
  res.once('close', () => clearTimeout(timer));
}
