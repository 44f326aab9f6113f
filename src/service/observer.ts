// Follows the embedded emulator's observation stream (`/__emulator/observations/stream`) so the inspector
// can show the polls of any app pointed at the emulator, not only its own. Turns each record into a ledger
// event of an 'observed' session. Node-only; reads the emulator over HTTP like any client (no shared code).
import { request, type ClientRequest } from 'node:http';
import type { PollEvent, PollOutcome } from '../core/ledger.js';
import { tokenFingerprint } from './hashing.js';
import { INSPECTOR_USER_AGENT } from './userAgent.js';

/** The fields of an emulator observation record this reader uses (the README documents the whole record). */
export interface ObservationRecord {
  seq: number;
  kind: 'startSession' | 'poll';
  receivedAt: string;
  answeredAt: string;
  sourceAddress: string | null;
  userAgent: string | null;
  invocationId: string | null;
  attempt: number | null;
  sessionId: string | null;
  identifiers: {
    application: unknown;
    environment: unknown;
    configurationProfile: unknown;
    requiredMinimumPollIntervalInSeconds: unknown;
  } | null;
  resolved: { applicationId: string; environmentId: string; configurationProfileId: string } | null;
  /** The token itself, or `fp:<16 hex>` when tokensRedacted (the follower did not send the secret). */
  tokenIn: string | null;
  tokenOut: string | null;
  /** Absent from emulators older than the observer secret, which always sent full tokens. */
  tokensRedacted?: boolean;
  status: number;
  errorType: string | null;
  message: string | null;
  problem: string | null;
  versionLabel: string | null;
  contentType: string | null;
  byteSize: number | null;
  contentSha256: string | null;
  intervalReturned: number | null;
}

/** A short, stable label for the client that sent a record: first user-agent product and the address. */
export function clientLabel(
  record: Pick<ObservationRecord, 'userAgent' | 'sourceAddress'>,
): string {
  const product = record.userAgent?.split(/\s+/)[0] ?? 'unknown client';
  return record.sourceAddress ? `${product} @ ${record.sourceAddress}` : product;
}

/**
 * The emulator's fingerprint is `fp:` + the same 16 hex digits tokenFingerprint gives, so a session reads
 * the same whether or not the follower holds the secret; only a full token is hashed here.
 */
function fingerprintOf(record: ObservationRecord, token: string): string {
  return record.tokensRedacted === true && token.startsWith('fp:')
    ? token.slice(3)
    : tokenFingerprint(token);
}

/** The ledger event for one record, minus seq and session id (the service assigns those). */
export function eventOf(
  record: ObservationRecord,
  contentHash?: string,
): Omit<PollEvent, 'seq' | 'sessionId'> {
  const sentAt = Date.parse(record.receivedAt);
  const answeredAt = Date.parse(record.answeredAt);
  let outcome: PollOutcome;
  // Status 0: the emulator answered nothing (an injected reset), which the app saw as a network error.
  const unanswered = record.status === 0;
  if (unanswered || record.status >= 400 || record.errorType) {
    outcome = {
      type: 'error',
      errorName: record.errorType ?? (unanswered ? 'ECONNRESET' : 'Error'),
      message:
        record.message ??
        (unanswered ? 'The connection closed with no answer.' : `HTTP ${record.status}`),
      ...(unanswered ? {} : { httpStatus: record.status }),
      ...(record.problem ? { problem: record.problem, reason: 'InvalidParameters' } : {}),
    };
  } else if (record.kind === 'startSession') {
    outcome = { type: 'started' };
  } else if ((record.byteSize ?? 0) > 0 && contentHash) {
    outcome = {
      type: 'content',
      size: record.byteSize!,
      contentHash,
      ...(record.versionLabel ? { versionLabel: record.versionLabel } : {}),
      ...(record.contentType ? { contentType: record.contentType } : {}),
    };
  } else {
    outcome = {
      type: 'unchanged',
      ...(record.contentType ? { contentType: record.contentType } : {}),
    };
  }
  return {
    kind: record.kind === 'startSession' ? 'start' : 'poll',
    trigger: 'observed',
    sentAt,
    answeredAt,
    latencyMs: Math.max(0, answeredAt - sentAt),
    attempts: record.attempt ?? 1,
    httpStatus: record.status,
    ...(record.invocationId ? { invocationId: record.invocationId } : {}),
    ...(record.tokenIn ? { tokenIn: fingerprintOf(record, record.tokenIn) } : {}),
    ...(record.tokenOut ? { tokenOut: fingerprintOf(record, record.tokenOut) } : {}),
    ...(record.intervalReturned !== null ? { intervalSeconds: record.intervalReturned } : {}),
    outcome,
  };
}

function messageOf(body: string): string {
  try {
    const message = (JSON.parse(body) as { Message?: unknown }).Message;
    return typeof message === 'string' ? `: ${message}` : '';
  } catch {
    return '';
  }
}

/**
 * Reads the stream, reconnecting (with Last-Event-ID) when it drops, and hands records over one at a time,
 * in order: each may need an HTTP fetch of its content before the next is folded.
 */
export class ObservationFollower {
  private lastSeq = 0;
  private current?: ClientRequest;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();
  private retry?: ReturnType<typeof setTimeout>;
  private lastRefusal?: string;

  constructor(
    private readonly emulatorUrl: string,
    private readonly accept: (record: ObservationRecord) => Promise<void>,
    private readonly log: (message: string) => void = () => undefined,
    /** The emulator's observer secret; without it records carry token fingerprints only. */
    private readonly secret?: string,
  ) {}

  start(): void {
    if (this.closed) return;
    const url = new URL(`/__emulator/observations/stream?after=${this.lastSeq}`, this.emulatorUrl);
    const req = request(
      url,
      {
        headers: {
          Accept: 'text/event-stream',
          'Last-Event-ID': String(this.lastSeq),
          ...(this.secret !== undefined ? { 'X-Emulator-Secret': this.secret } : {}),
        },
      },
      (res) => {
        if (res.statusCode !== 200) {
          // Said once, not every second: a wrong secret is refused on every retry (the emulator's Message says why).
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => void (text.length < 4096 && (text += chunk)));
          res.on('end', () => {
            const refusal = `observation stream answered ${res.statusCode}${messageOf(text)}`;
            if (refusal !== this.lastRefusal) this.log(`${refusal}; retrying`);
            this.lastRefusal = refusal;
            this.reconnect();
          });
          res.on('error', () => this.reconnect());
          return;
        }
        this.lastRefusal = undefined;
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            this.frame(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        });
        res.on('end', () => this.reconnect());
        res.on('error', () => this.reconnect());
      },
    );
    req.on('error', () => this.reconnect());
    req.end();
    this.current = req;
  }

  /** Resolves once every record received so far has been folded (tests, shutdown). */
  drained(): Promise<void> {
    return this.queue;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retry);
    this.current?.destroy();
  }

  private frame(text: string): void {
    const data = text
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (!data) return;
    let record: ObservationRecord;
    try {
      record = JSON.parse(data) as ObservationRecord;
    } catch {
      this.log('unreadable observation record skipped');
      return;
    }
    if (typeof record.seq !== 'number' || record.seq <= this.lastSeq) return;
    this.lastSeq = record.seq;
    if (record.userAgent?.includes(INSPECTOR_USER_AGENT)) return;
    this.queue = this.queue
      .then(() => this.accept(record))
      .catch((e: unknown) => this.log(`observation ${record.seq} not recorded: ${String(e)}`));
  }

  private reconnect(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.start();
    }, 1000);
  }
}
