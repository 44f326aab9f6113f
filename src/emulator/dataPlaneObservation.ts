// Builds observation records for data-plane requests: one draft per request, filled in as the handler
// learns things, appended once the answer is known (refusals included). Used by dataPlane*.ts only.
import type { RequestContext } from './router.js';
import { AwsError } from './http.js';
import type { ObservationKind, ObservationLog, ObservationRecord } from './observations.js';
import type { EmulatorClock } from './store.js';

export interface SdkRequestInfo {
  invocationId: string | null;
  attempt: number | null;
}

const header = (ctx: RequestContext, name: string): string | null => {
  const value = ctx.req.headers[name];
  return typeof value === 'string' ? value : null;
};

/**
 * `amz-sdk-request: attempt=2; max=3` (JS) or `ttl=…; attempt=2; max=5` (botocore), docs/protocol.md §1.7.
 */
export function sdkRequestInfo(ctx: RequestContext): SdkRequestInfo {
  return {
    invocationId: header(ctx, 'amz-sdk-invocation-id'),
    attempt: attemptOf(header(ctx, 'amz-sdk-request') ?? ''),
  };
}

/**
 * The attempt number of the last `amz-sdk-request` value read, kept: an SDK sends the same few values
 * (`attempt=1; max=3`) on nearly every call, and comparing 16 characters is cheaper than the regex and its
 * match array on every poll (bench/emulator profile).
 */
let lastRequestHeader = '';
let lastAttempt: number | null = null;
function attemptOf(value: string): number | null {
  if (value !== lastRequestHeader) {
    const attempt = /(?:^|;)\s*attempt=(\d+)/.exec(value);
    lastAttempt = attempt ? Number(attempt[1]) : null;
    lastRequestHeader = value;
  }
  return lastAttempt;
}

/**
 * `toISOString` of the last millisecond asked for: a busy emulator stamps many records (two times each)
 * within one millisecond, and formatting showed in the poll profile (bench/emulator).
 */
let stampedMs = NaN;
let stamped = '';
function isoAt(ms: number): string {
  if (ms !== stampedMs) {
    stamped = new Date(ms).toISOString();
    stampedMs = ms;
  }
  return stamped;
}

export class ObservationDraft {
  /** The record itself, numbered when appended (seq 0 until then). */
  data: ObservationRecord;
  /** Parsed once here; the poll handler reuses it rather than running the header regex again. */
  readonly sdk: SdkRequestInfo;
  private readonly received: number;
  private appended = false;

  constructor(
    ctx: RequestContext,
    kind: ObservationKind,
    private readonly log: ObservationLog,
    private readonly clock: EmulatorClock,
  ) {
    this.received = ctx.fault?.receivedAt ?? clock.now();
    const sdk = (this.sdk = sdkRequestInfo(ctx));
    const iso = isoAt(this.received);
    this.data = {
      seq: 0,
      kind,
      receivedAt: iso,
      answeredAt: iso,
      sourceAddress: ctx.req.socket.remoteAddress ?? null,
      sourcePort: ctx.req.socket.remotePort ?? null,
      userAgent: header(ctx, 'user-agent') ?? header(ctx, 'x-amz-user-agent'),
      invocationId: sdk.invocationId,
      attempt: sdk.attempt,
      sessionId: null,
      tokenSeq: null,
      identifiers: null,
      resolved: null,
      tokenIn: null,
      tokenOut: null,
      status: 0,
      errorType: null,
      message: null,
      problem: null,
      versionNumber: null,
      versionLabel: null,
      contentType: null,
      byteSize: null,
      contentSha256: null,
      intervalReturned: null,
      facts: {
        replay: false,
        retry: (sdk.attempt ?? 1) > 1,
        tooEarly: false,
        expired: false,
        corrupted: false,
        unchanged: false,
        fault: ctx.fault
          ? { id: ctx.fault.id, effect: ctx.fault.effect, executed: ctx.fault.executed }
          : null,
      },
    };
  }

  /** A request that got no HTTP answer at all (an injected reset, or the client left first): status 0. */
  unanswered(message: string): void {
    this.writable().message = message;
    this.append();
  }

  succeeded(status: number): void {
    this.writable().status = status;
    this.append();
  }

  /**
   * Records the refusal the router is about to send for `error` (a non-AwsError becomes its 500). Handlers
   * record and rethrow rather than answer, so the router stays the one place that shapes error responses.
   */
  failed(error: unknown): void {
    this.writable();
    if (error instanceof AwsError) {
      this.data.status = error.status;
      this.data.errorType = error.errorType;
      this.data.message = error.message;
      this.data.problem = problemOf(error);
    } else {
      this.data.status = 500;
      this.data.errorType = 'InternalServerException';
      this.data.message = 'Internal server error.';
    }
    this.append();
  }

  /**
   * The record is appended in place, not copied; should the draft be finished again (a handler failing after
   * it recorded success), it goes on in a copy, so the first record stays as it was appended.
   */
  private writable(): ObservationRecord {
    if (this.appended) {
      this.data = { ...this.data };
      this.appended = false;
    }
    return this.data;
  }

  private append(): void {
    this.data.answeredAt = isoAt(this.clock.now());
    this.log.adopt(this.data);
    this.appended = true;
  }
}

function problemOf(error: AwsError): string | null {
  const details = error.members.Details as
    { InvalidParameters?: Record<string, { Problem?: unknown }> } | undefined;
  for (const entry of Object.values(details?.InvalidParameters ?? {})) {
    if (typeof entry.Problem === 'string') return entry.Problem;
  }
  return null;
}
