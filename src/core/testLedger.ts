// Builders for literal ledgers in core unit tests: times are seconds after T0, latency is a fixed 100 ms.
// Imported by *.test.ts in src/core only.
import type { PollEvent, PollOutcome, SessionInfo } from './ledger.js';

export const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
export const HOUR_S = 3600;

type ErrorFields = Omit<Extract<PollOutcome, { type: 'error' }>, 'type'>;

export function session(over: Partial<SessionInfo> = {}): SessionInfo {
  return {
    id: 's1',
    origin: 'observed',
    applicationIdentifier: 'app',
    environmentIdentifier: 'prod',
    configurationProfileIdentifier: 'flags',
    backend: 'emulator',
    startedAt: T0,
    state: 'polling',
    ...over,
  };
}

function event(
  seq: number,
  kind: PollEvent['kind'],
  atS: number,
  outcome: PollOutcome,
  over: Partial<PollEvent>,
): PollEvent {
  const sentAt = T0 + atS * 1000;
  return {
    seq,
    sessionId: 's1',
    kind,
    trigger: kind === 'start' ? 'start' : 'observed',
    sentAt,
    answeredAt: sentAt + 100,
    latencyMs: 100,
    attempts: 1,
    invocationId: `inv-${seq}`,
    outcome,
    ...over,
  };
}

export function start(
  seq: number,
  atS: number,
  tokenOut: string,
  over: Partial<PollEvent> = {},
): PollEvent {
  return event(seq, 'start', atS, { type: 'started' }, { tokenOut, ...over });
}

/** A successful poll answered "unchanged" with a 30 s interval unless overridden. */
export function poll(
  seq: number,
  atS: number,
  tokenIn: string,
  tokenOut: string,
  over: Partial<PollEvent> = {},
): PollEvent {
  return event(
    seq,
    'poll',
    atS,
    { type: 'unchanged' },
    { tokenIn, tokenOut, intervalSeconds: 30, ...over },
  );
}

export function failed(
  seq: number,
  atS: number,
  tokenIn: string | undefined,
  error: Partial<ErrorFields>,
  over: Partial<PollEvent> = {},
): PollEvent {
  const outcome: PollOutcome = {
    type: 'error',
    errorName: 'BadRequestException',
    message: 'bad',
    ...error,
  };
  return event(seq, tokenIn === undefined ? 'start' : 'poll', atS, outcome, { tokenIn, ...over });
}
