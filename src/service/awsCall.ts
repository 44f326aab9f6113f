// Runs one AppConfig Data call and describes it the way the ledger needs: timings, SDK attempts,
// request id, and AWS errors translated once into ledger fields (house style: translate at the edge).
import type { PollOutcome } from '../core/ledger.js';
import type { Clock } from './clock.js';

export interface CallFacts {
  sentAt: number;
  answeredAt: number;
  latencyMs: number;
  attempts: number;
  requestId?: string;
  httpStatus?: number;
}

interface SdkMetadata {
  $metadata?: { attempts?: number; requestId?: string; httpStatusCode?: number };
}

export type CallResult<T> =
  | { ok: true; value: T; facts: CallFacts }
  | { ok: false; error: PollOutcome & { type: 'error' }; facts: CallFacts };

export async function timedCall<T extends SdkMetadata>(
  clock: Clock,
  run: () => Promise<T>,
): Promise<CallResult<T>> {
  const sentAt = clock.now();
  const t0 = performance.now();
  try {
    const value = await run();
    const facts = factsOf(sentAt, clock.now(), performance.now() - t0, value.$metadata);
    return { ok: true, value, facts };
  } catch (e) {
    const meta = (e as SdkMetadata).$metadata;
    return {
      ok: false,
      error: errorOutcome(e),
      facts: factsOf(sentAt, clock.now(), performance.now() - t0, meta),
    };
  }
}

function factsOf(
  sentAt: number,
  answeredAt: number,
  latencyMs: number,
  meta: SdkMetadata['$metadata'],
): CallFacts {
  return {
    sentAt,
    answeredAt,
    latencyMs: Math.round(latencyMs * 10) / 10,
    attempts: meta?.attempts ?? 1,
    ...(meta?.requestId ? { requestId: meta.requestId } : {}),
    ...(meta?.httpStatusCode ? { httpStatus: meta.httpStatusCode } : {}),
  };
}

/** The first `Problem` inside BadRequestException.Details.InvalidParameters (spec §1.4). */
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
