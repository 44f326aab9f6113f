// Runs one AppConfig Data call and describes it the way the ledger needs: timings, SDK attempts, the SDK's
// invocation id, request id, and AWS errors translated once into ledger fields (translate at the edge).
// Every call has a deadline covering the SDK's retries, so a hung endpoint becomes an error event.
import type {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import type { PollOutcome } from '../core/ledger.js';
import type { Clock } from './clock.js';

export interface CallFacts {
  sentAt: number;
  answeredAt: number;
  latencyMs: number;
  attempts: number;
  /** amz-sdk-invocation-id: shared by the SDK's retries of one call, so they are never taken for reuse. */
  invocationId?: string;
  requestId?: string;
  httpStatus?: number;
}

interface SdkMetadata {
  $metadata?: { attempts?: number; requestId?: string; httpStatusCode?: number };
}

export type CallResult<T> =
  | { ok: true; value: T; facts: CallFacts }
  | { ok: false; error: PollOutcome & { type: 'error' }; facts: CallFacts };

type DataCommand = GetLatestConfigurationCommand | StartConfigurationSessionCommand;

/** Reads the invocation id the SDK's retry layer put on the wire (it wraps this deserialize step). */
function trackInvocation(command: DataCommand): { invocationId?: string } {
  const seen: { invocationId?: string } = {};
  (command as GetLatestConfigurationCommand).middlewareStack.add(
    (next) => async (args) => {
      const headers = (args.request as { headers?: Record<string, string> }).headers;
      const id = headers?.['amz-sdk-invocation-id'];
      if (id) seen.invocationId = id;
      return next(args);
    },
    { step: 'deserialize', name: 'inspectorInvocationId' },
  );
  return seen;
}

/**
 * Sends `command` through `send` with a deadline of `timeoutMs` for the whole call (every SDK attempt
 * included). A call that misses it is aborted and reported as a TimeoutError naming the limit.
 */
export async function timedCall<C extends DataCommand, T extends SdkMetadata>(
  clock: Clock,
  command: C,
  send: (command: C, options: { abortSignal: AbortSignal }) => Promise<T>,
  timeoutMs: number,
): Promise<CallResult<T>> {
  const seen = trackInvocation(command);
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), timeoutMs);
  const sentAt = clock.now();
  const t0 = performance.now();
  try {
    const value = await send(command, { abortSignal: controller.signal });
    const facts = factsOf(sentAt, clock.now(), performance.now() - t0, value.$metadata, seen);
    return { ok: true, value, facts };
  } catch (e) {
    const meta = (e as SdkMetadata).$metadata;
    const error = controller.signal.aborted
      ? {
          type: 'error' as const,
          errorName: 'TimeoutError',
          message: `No answer within ${timeoutMs / 1000} s (the request timeout; serve --request-timeout-ms or the requestTimeoutMs setting changes it).`,
        }
      : errorOutcome(e);
    return {
      ok: false,
      error,
      facts: factsOf(sentAt, clock.now(), performance.now() - t0, meta, seen),
    };
  } finally {
    clearTimeout(deadline);
  }
}

function factsOf(
  sentAt: number,
  answeredAt: number,
  latencyMs: number,
  meta: SdkMetadata['$metadata'],
  seen: { invocationId?: string },
): CallFacts {
  return {
    sentAt,
    answeredAt,
    latencyMs: Math.round(latencyMs * 10) / 10,
    attempts: meta?.attempts ?? 1,
    ...(seen.invocationId ? { invocationId: seen.invocationId } : {}),
    ...(meta?.requestId ? { requestId: meta.requestId } : {}),
    ...(meta?.httpStatusCode ? { httpStatus: meta.httpStatusCode } : {}),
  };
}

/** The first `Problem` inside BadRequestException.Details.InvalidParameters (docs/protocol.md §1.4). */
function problemOf(details: unknown): string | undefined {
  const params = (
    details as { InvalidParameters?: Record<string, { Problem?: string }> } | undefined
  )?.InvalidParameters;
  if (!params || typeof params !== 'object') return undefined;
  for (const value of Object.values(params)) if (value?.Problem) return value.Problem;
  return undefined;
}

export function errorOutcome(e: unknown): PollOutcome & { type: 'error' } {
  const err = e as {
    name?: string;
    message?: string;
    code?: string;
    Reason?: string;
    Details?: unknown;
    ResourceType?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const problem = problemOf(err.Details);
  return {
    type: 'error',
    // Network failures have no AWS name; keep the Node error code so the flag can explain it.
    errorName: err.name && err.name !== 'Error' ? err.name : (err.code ?? 'Error'),
    message: err.message ?? String(e),
    ...(err.$metadata?.httpStatusCode ? { httpStatus: err.$metadata.httpStatusCode } : {}),
    ...(err.Reason ? { reason: err.Reason } : {}),
    ...(problem ? { problem } : {}),
    ...(err.Details !== undefined ? { details: err.Details } : {}),
    ...(err.ResourceType ? { resourceType: err.ResourceType } : {}),
  };
}
