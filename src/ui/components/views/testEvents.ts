// Literal ledger builders for the views' unit tests (not shipped: only *.test.ts files import it).
import type { PollEvent, PollOutcome } from '../../../core/ledger.js';

export const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);

export function ev(seq: number, fields: Partial<PollEvent> = {}): PollEvent {
  const sentAt = fields.sentAt ?? T0 + seq * 15_000;
  const outcome: PollOutcome = fields.outcome ?? {
    type: 'unchanged',
    contentType: 'application/json',
  };
  return {
    seq,
    sessionId: 's1',
    kind: seq === 0 ? 'start' : 'poll',
    trigger: seq === 0 ? 'start' : 'schedule',
    sentAt,
    answeredAt: sentAt + 40,
    latencyMs: 40,
    attempts: 1,
    ...fields,
    outcome,
  };
}

/** A well-behaved chain: start issues t0, poll n sends t(n-1) and gets t(n), 15 s apart. */
export function chain(length: number): PollEvent[] {
  return Array.from({ length }, (_, seq) =>
    ev(seq, {
      tokenIn: seq === 0 ? undefined : `t${seq - 1}`,
      tokenOut: `t${seq}`,
      intervalSeconds: seq === 0 ? undefined : 15,
    }),
  );
}
