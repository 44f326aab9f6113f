// Bounded log of every StartConfigurationSession and GetLatestConfiguration the emulator answered, refusals
// included, for the inspector and tests to read over `/__emulator/observations`.
// Imported across the emulator; imports node: and its own folder only (nothing else under src/).
import type { EmulatorClock } from './store.js';
import type { FaultNote } from './faults.js';

export type ObservationKind = 'startSession' | 'poll';

/** What a record says about the request beyond its status; all false on an ordinary poll. */
export interface ObservationFacts {
  /** The token had already been spent by another request (not an SDK retry of the spending one). */
  replay: boolean;
  /** The SDK marked this an automatic retry (`amz-sdk-request: attempt=N`, N > 1). */
  retry: boolean;
  tooEarly: boolean;
  expired: boolean;
  corrupted: boolean;
  /** 200 with an empty body: the session already held the version it would be served. */
  unchanged: boolean;
  /** The injected fault (`--fault`, `/__emulator/faults`) that hit this request; null on most. */
  fault: FaultNote | null;
}

export interface ObservationRecord {
  /** 1, 2, 3… in arrival order; never reused within one emulator run. */
  seq: number;
  kind: ObservationKind;
  receivedAt: string;
  answeredAt: string;
  sourceAddress: string | null;
  sourcePort: number | null;
  userAgent: string | null;
  invocationId: string | null;
  attempt: number | null;
  sessionId: string | null;
  /** Position of the incoming token in its session chain (0 = initial token); null if unreadable. */
  tokenSeq: number | null;
  /** StartConfigurationSession members as sent (null for polls). */
  identifiers: {
    application: unknown;
    environment: unknown;
    configurationProfile: unknown;
    requiredMinimumPollIntervalInSeconds: unknown;
  } | null;
  resolved: { applicationId: string; environmentId: string; configurationProfileId: string } | null;
  tokenIn: string | null;
  tokenOut: string | null;
  status: number;
  errorType: string | null;
  message: string | null;
  /** `Details.InvalidParameters.*.Problem` of a BadRequestException: Corrupted, Expired, PollIntervalNotSatisfied. */
  problem: string | null;
  versionNumber: number | null;
  versionLabel: string | null;
  contentType: string | null;
  /** Bytes of configuration sent (0 when unchanged); null on errors. */
  byteSize: number | null;
  /** SHA-256 of the body sent, when one was; fetch it at `/__emulator/contents/<sha256>`. */
  contentSha256: string | null;
  /** Next-Poll-Interval-In-Seconds returned; null on errors. */
  intervalReturned: number | null;
  facts: ObservationFacts;
}

export type ObservationInput = Omit<ObservationRecord, 'seq'>;

export interface ObservationPage {
  records: ObservationRecord[];
  /** Pass as `after` next time: the last seq returned, or the `after` given when nothing newer exists. */
  nextSeq: number;
  /** Records dropped so far because the log was full (oldest first). */
  evicted: number;
}

export interface ObservationSubscriber {
  /** A record was appended; read it (and anything missed) with `list`. */
  appended(record: ObservationRecord): void;
  /** The log closed (emulator shutdown): end the stream. */
  closed(): void;
}

/** Ring buffer holding at most `limit` records; the oldest are evicted first and counted. */
export class ObservationLog {
  private readonly ring: (ObservationRecord | undefined)[];
  private lastSeqValue = 0;
  private evictedCount = 0;
  private readonly subscribers = new Set<ObservationSubscriber>();
  private isClosed = false;

  constructor(
    readonly limit: number,
    readonly clock: EmulatorClock,
  ) {
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new RangeError(`observationLimit must be an integer ≥ 0, got ${limit}`);
    }
    this.ring = new Array<ObservationRecord | undefined>(limit);
  }

  get lastSeq(): number {
    return this.lastSeqValue;
  }

  get evicted(): number {
    return this.evictedCount;
  }

  get size(): number {
    return this.lastSeqValue - this.evictedCount;
  }

  /** Live streams attached right now. */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  append(input: ObservationInput): ObservationRecord {
    return this.adopt({ seq: 0, ...input });
  }

  /**
   * Appends `record` itself, numbering it (its `seq` is overwritten): the data plane builds each record
   * once, in this shape, rather than have append() copy its ~25 fields on every poll. The caller must not
   * change it afterwards.
   */
  adopt(record: ObservationRecord): ObservationRecord {
    record.seq = ++this.lastSeqValue;
    if (this.limit === 0) this.evictedCount++;
    else {
      if (this.size > this.limit) this.evictedCount++;
      this.ring[(record.seq - 1) % this.limit] = record;
    }
    for (const s of this.subscribers) s.appended(record);
    return record;
  }

  /** Records with seq > `after`, oldest first, at most `max` of them. */
  list(after: number, max: number): ObservationPage {
    const oldest = this.evictedCount + 1;
    const records: ObservationRecord[] = [];
    for (
      let seq = Math.max(after + 1, oldest);
      seq <= this.lastSeqValue && records.length < max;
      seq++
    ) {
      const r = this.ring[(seq - 1) % this.limit];
      if (r) records.push(r);
    }
    return { records, nextSeq: records.at(-1)?.seq ?? after, evicted: this.evictedCount };
  }

  /** Returns the unsubscribe function; after close() the subscriber is told at once. */
  subscribe(subscriber: ObservationSubscriber): () => void {
    if (this.isClosed) {
      subscriber.closed();
      return () => {};
    }
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Ends every live stream so server shutdown never waits on one; records stay readable. */
  close(): void {
    this.isClosed = true;
    const subscribers = [...this.subscribers];
    this.subscribers.clear();
    for (const s of subscribers) s.closed();
  }
}
