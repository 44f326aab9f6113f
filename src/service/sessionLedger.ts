// One session's ledger: its info and state, its events, the summary the UI lists, and their persistence.
// Every event is recorded before the UI is told, so what the UI showed survives a crash. A recording that
// cannot be written (disk full, directory gone) is said out loud: the event is still shown, the session is
// marked failed with the cause, and nothing more is attempted. After close() (delete) nothing is written.
// Memory holds the newest LEDGER_WINDOW events (core/ledger.ts); older ones live on in the recording. It also
// holds the scheduling facts the summary shows, which the poller sets through its methods.
// Imported by sessionRunner.ts only (the poller that owns the token chain); everyone else reaches a session's
// ledger through SessionRunner.ledger.
import {
  LEDGER_WINDOW,
  type PollEvent,
  type PollOutcome,
  type PollTrigger,
  type SessionInfo,
  type SessionState,
} from '../core/ledger.js';
import type { SessionSummary } from '../protocol/messages.js';
import type { CallFacts } from './awsCall.js';
import type { RecordLine } from './recorder.js';
import type { HeldToken } from './tokenStore.js';

export interface LedgerDeps {
  /** Persists a line; throws when it cannot (the ledger turns that into a visible failure). */
  record(sessionId: string, line: RecordLine): void;
  /** Tells the UI about a recorded event or a state change. */
  emitEvent(session: SessionSummary, event: PollEvent): void;
  emitState(session: SessionSummary): void;
  /** Events held in memory (default LEDGER_WINDOW); tests use a small one. */
  ledgerWindow?: number;
}

/** Everything an appended event says, by name. */
export interface NewEvent {
  kind: PollEvent['kind'];
  trigger: PollTrigger;
  facts: CallFacts;
  outcome: PollOutcome;
  tokenIn?: string;
  tokenOut?: string;
  intervalSeconds?: number;
  scheduledAt?: number;
  restartReason?: string;
}

/** Scheduling facts the poller owns and the summary shows. */
export interface LiveFacts {
  nextPollAt?: number;
  /** When the call now awaiting an answer was sent. */
  callInFlightSince?: number;
  consecutiveFailures?: number;
}

export class SessionLedger {
  /** The newest events, oldest first; `dropped` older ones are on disk only. */
  readonly events: PollEvent[] = [];
  private dropped = 0;
  private polls = 0;
  private readonly window: number;
  private currentVersionLabel?: string;
  private lastError?: string;
  private recordingError?: string;
  private closed = false;
  private readonly liveFacts: LiveFacts = {};

  constructor(
    public info: SessionInfo,
    private readonly deps: LedgerDeps,
  ) {
    this.window = deps.ledgerWindow ?? LEDGER_WINDOW;
  }

  /** Puts back events read from a recording (already persisted). */
  restore(events: PollEvent[]): void {
    for (const e of events) this.hold(e);
    this.trim(0);
  }

  /** Every event the session has had, including those no longer in memory. */
  get size(): number {
    return this.dropped + this.events.length;
  }

  /** Seq of the oldest event still in memory. */
  get firstHeldSeq(): number {
    return this.dropped;
  }

  /** The event with this seq, while it is in memory. */
  eventAt(seq: number): PollEvent | undefined {
    return Number.isInteger(seq) && seq >= this.dropped
      ? this.events[seq - this.dropped]
      : undefined;
  }

  /** Why the recording stopped, once it has. */
  get recordingFailure(): string | undefined {
    return this.recordingError;
  }

  /** Scheduling facts the poller owns (fleetRunner.ts counts calls in flight from them). */
  get live(): Readonly<LiveFacts> {
    return this.liveFacts;
  }

  /** The poller's next planned call; undefined when none is planned. */
  planNext(at: number | undefined): void {
    if (at === undefined) delete this.liveFacts.nextPollAt;
    else this.liveFacts.nextPollAt = at;
  }

  /** A call went out and awaits its answer (no call is planned meanwhile); announced at once. */
  callSent(at: number): void {
    this.liveFacts.callInFlightSince = at;
    delete this.liveFacts.nextPollAt;
    this.changed();
  }

  /** The call in flight settled; its event (appended next) announces it. */
  callSettled(): void {
    delete this.liveFacts.callInFlightSince;
  }

  setFailures(count: number): void {
    this.liveFacts.consecutiveFailures = count;
  }

  /** The newest answered (non-error) poll of the chain itself, replays left out. */
  lastAnswered(): PollEvent | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i]!;
      if (e.kind === 'poll' && e.trigger !== 'replay' && e.outcome.type !== 'error') return e;
    }
    return undefined;
  }

  summary(): SessionSummary {
    const { nextPollAt, callInFlightSince, consecutiveFailures } = this.liveFacts;
    return {
      ...this.info,
      pollCount: this.polls,
      ...(this.dropped ? { firstHeldSeq: this.dropped } : {}),
      ...(nextPollAt !== undefined ? { nextPollAt } : {}),
      ...(callInFlightSince !== undefined ? { callInFlightSince } : {}),
      ...(consecutiveFailures ? { consecutiveFailures } : {}),
      ...(this.currentVersionLabel !== undefined
        ? { currentVersionLabel: this.currentVersionLabel }
        : {}),
      ...(this.recordingError !== undefined
        ? { lastError: this.recordingError }
        : this.lastError !== undefined
          ? { lastError: this.lastError }
          : {}),
    };
  }

  append(input: NewEvent): PollEvent {
    const event: PollEvent = {
      seq: this.size,
      sessionId: this.info.id,
      kind: input.kind,
      trigger: input.trigger,
      ...input.facts,
      ...(input.scheduledAt !== undefined ? { scheduledAt: input.scheduledAt } : {}),
      ...(input.tokenIn ? { tokenIn: input.tokenIn } : {}),
      ...(input.tokenOut ? { tokenOut: input.tokenOut } : {}),
      ...(input.intervalSeconds !== undefined ? { intervalSeconds: input.intervalSeconds } : {}),
      ...(input.restartReason ? { restartReason: input.restartReason } : {}),
      outcome: input.outcome,
    };
    return this.push(event);
  }

  /** Appends an event someone else's call produced (an observed app), keeping its own fields. */
  appendObserved(event: Omit<PollEvent, 'seq' | 'sessionId'>): PollEvent {
    return this.push({ ...event, seq: this.size, sessionId: this.info.id } as PollEvent);
  }

  /** Persists a full token the first time the session holds it (the recording keeps them all). */
  recordToken(fingerprint: string, held: HeldToken): void {
    this.write({ t: 'token', fingerprint, ...held });
  }

  setState(state: SessionState): void {
    if (this.closed || this.info.state === state) return;
    this.info = { ...this.info, state };
    this.write({ t: 'state', state });
    this.deps.emitState(this.summary());
  }

  /** Re-announces the summary (schedule facts changed, state did not). */
  changed(): void {
    if (!this.closed) this.deps.emitState(this.summary());
  }

  /** The session was deleted: from now on nothing is written or emitted for it. */
  close(): void {
    this.closed = true;
  }

  private push(event: PollEvent): PollEvent {
    if (this.closed) return event;
    this.hold(event);
    // Trimming in slices of a tenth keeps the copy off the per-poll path.
    this.trim(Math.ceil(this.window / 10));
    this.write({ t: 'event', event });
    this.deps.emitEvent(this.summary(), event);
    return event;
  }

  private write(line: RecordLine): boolean {
    if (this.closed || this.recordingError !== undefined) return false;
    try {
      this.deps.record(this.info.id, line);
      return true;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      this.recordingError = `RecordingFailed: could not write the session's recording (${err.code ?? err.name}: ${err.message}); polling stopped so no call goes unrecorded.`;
      if (this.info.state !== 'failed') {
        this.info = { ...this.info, state: 'failed' };
        this.deps.emitState(this.summary());
      }
      return false;
    }
  }

  private hold(event: PollEvent): void {
    this.events.push(event);
    if (event.kind === 'poll') this.polls++;
    this.absorb(event);
  }

  /** Drops the oldest events once more than `slack` past the window. */
  private trim(slack: number): void {
    const excess = this.events.length - this.window;
    if (excess > slack) {
      this.events.splice(0, excess);
      this.dropped += excess;
    }
  }

  private absorb(event: PollEvent): void {
    const o = event.outcome;
    if (o.type === 'content') this.currentVersionLabel = o.versionLabel ?? '(no label)';
    if (o.type === 'error') this.lastError = `${o.errorName}: ${o.message}`;
    else if (event.trigger !== 'replay') this.lastError = undefined;
  }
}
