// One session's poller: owns its token chain, its one operation queue and its poll timer, and writes every
// call to its ledger (sessionLedger.ts). Tokens are single-use, each answer naming the next: every operation
// goes through the queue. Used by inspectorService.ts, fleetRunner.ts, observedSessions.ts (ledger only).
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import type { PollEvent, PollOutcome, PollTrigger, SessionInfo } from '../core/ledger.js';
import { afterCall } from './afterCall.js';
import { ProtocolError, type SessionSummary } from '../protocol/messages.js';
import { timedCall } from './awsCall.js';
import { answerOutcome, replayableToken } from './pollAnswer.js';
import type { Backend } from './backend.js';
import type { Clock } from './clock.js';
import type { ContentRepo } from './contentRepo.js';
import { SerialQueue } from './serialQueue.js';
import { SessionLedger, type LedgerDeps } from './sessionLedger.js';
import { TokenStore, type HeldToken } from './tokenStore.js';

export interface RunnerDeps extends LedgerDeps {
  backend: Backend;
  clock: Clock;
  contents: ContentRepo;
  /** Fleet members (fleetRunner.ts): fewer full tokens in memory; a delay past each interval AWS returns. */
  maxHeldTokens?: number;
  jitterMs?: () => number;
}

const LIVE_STATES = new Set(['starting', 'polling', 'retrying']);

export class SessionRunner {
  readonly ledger: SessionLedger;
  private readonly tokens: TokenStore;
  private readonly queue = new SerialQueue();
  /** Fingerprint of the newest unspent token of the chain; undefined when the chain must be restarted. */
  private newest?: string;
  /** Why the chain was lost, for the start event that replaces it. */
  private restartReason?: string;
  private timer: unknown;
  /** Bumped whenever the plan changes, so a timer that fired before the change does nothing. */
  private plan = 0;
  private failures = 0;
  private disposed = false;

  constructor(
    info: SessionInfo,
    private readonly deps: RunnerDeps,
  ) {
    this.ledger = new SessionLedger(info, deps);
    this.tokens = new TokenStore(
      (fingerprint, held) => this.ledger.recordLine({ t: 'token', fingerprint, ...held }),
      deps.maxHeldTokens,
    );
  }

  get info(): SessionInfo {
    return this.ledger.info;
  }

  get events(): PollEvent[] {
    return this.ledger.events;
  }

  /** True while the session should be polling (or retrying) on its own. */
  get isLive(): boolean {
    return LIVE_STATES.has(this.info.state);
  }

  /** Rebuilds a runner from its recording, idle; the service decides whether it resumes. */
  static restore(
    info: SessionInfo,
    events: PollEvent[],
    tokens: (HeldToken & { fingerprint: string })[],
    deps: RunnerDeps,
  ): SessionRunner {
    const runner = new SessionRunner(info, deps);
    runner.ledger.restore(events);
    for (const t of tokens)
      runner.tokens.restore(t.fingerprint, { token: t.token, issuedAt: t.issuedAt });
    for (const e of events) {
      // The chain continues from the newest token a non-replay call received.
      if (e.trigger !== 'replay' && e.tokenOut && runner.tokens.has(e.tokenOut))
        runner.newest = e.tokenOut;
    }
    return runner;
  }

  summary(): SessionSummary {
    return this.ledger.summary();
  }

  /**
   * StartConfigurationSession; the first poll follows at once. A transient failure leaves the session retrying
   * (it says when); one that retrying cannot fix fails it and is thrown to the caller.
   */
  start(): Promise<PollEvent> {
    return this.queue.run(async () => {
      this.assertUsable();
      const event = await this.startChain('start');
      if (event.outcome.type === 'error' && this.info.state === 'failed') {
        throw new ProtocolError(
          'awsError',
          event.outcome.message,
          event.outcome.errorName,
          this.info.id,
        );
      }
      return event;
    });
  }

  pause(): Promise<void> {
    return this.queue.run(() => {
      this.assertWritable();
      if (this.info.state === 'stopped')
        throw new ProtocolError('conflict', 'The session is stopped.');
      this.cancelTimer();
      this.ledger.setState('paused');
      this.ledger.changed();
    });
  }

  /** Polls again when the interval allows (paused or failed sessions). */
  resume(): Promise<void> {
    return this.queue.run(() => this.resumeNow());
  }

  /**
   * Resumes a session just restored from its recording. Called before anything can reach the runner, so it
   * needn't queue; the schedule it sets is visible at once.
   */
  resumeRestored(): void {
    this.resumeNow();
  }

  private resumeNow(): void {
    this.assertWritable();
    if (this.info.state === 'stopped')
      throw new ProtocolError('conflict', 'The session is stopped; start a new one.');
    this.failures = 0;
    this.ledger.live.consecutiveFailures = 0;
    this.ledger.setState('polling');
    const last = this.lastAnswered();
    const now = this.deps.clock.now();
    const due =
      last?.intervalSeconds !== undefined ? last.answeredAt + last.intervalSeconds * 1000 : now;
    if (!this.newest) this.restartReason ??= 'resumed without a usable token';
    this.schedule(Math.max(due, now));
  }

  stop(): Promise<void> {
    return this.queue.run(() => {
      this.assertWritable();
      this.cancelTimer();
      this.ledger.setState('stopped');
      this.ledger.changed();
    });
  }

  /** Polls with the newest token now, whether or not the interval has elapsed; then the schedule resumes. */
  pollNow(): Promise<PollEvent> {
    return this.queue.run(() => {
      this.assertWritable();
      if (this.info.state === 'stopped')
        throw new ProtocolError('conflict', 'The session is stopped.');
      const due = this.ledger.live.nextPollAt;
      const early = due !== undefined && this.deps.clock.now() < due;
      return this.chainCall(early ? 'early' : 'pollNow');
    });
  }

  /** Deliberate misuse: sends an already-spent token again. The chain keeps its newest token. */
  replay(seq?: number): Promise<PollEvent> {
    return this.queue.run(() => {
      this.assertWritable();
      const fingerprint = replayableToken(this.events, seq, (fp) => this.tokens.has(fp));
      return this.call('replay', fingerprint);
    });
  }

  /**
   * Deletes: waits its turn, refuses a live session of our own, then stops every timer and write for good.
   * `force` skips the check (observed apps are not ours to stop; eviction).
   */
  close(force = false): Promise<void> {
    return this.queue.run(() => {
      if (!force && this.info.origin !== 'observed' && this.isLive)
        throw new ProtocolError('conflict', 'Stop the session before deleting it.');
      this.dispose();
    });
  }

  /** Records a call someone else made: an app observed through the emulator (never scheduled by us). */
  recordObserved(event: Omit<PollEvent, 'seq' | 'sessionId'>): PollEvent {
    return this.ledger.appendObserved(event);
  }

  /** Holds a full token an observed call carried (the recording proxy has them), for the Raw view. */
  holdObservedToken(token: string, issuedAt: number): void {
    this.tokens.hold(token, issuedAt);
  }

  /** Full token behind a fingerprint (for the Raw view); undefined once pruned. */
  tokenOf(fingerprint: string): string | undefined {
    return this.tokens.get(fingerprint)?.token;
  }

  /** Stops the timer and every later write; queued operations become no-ops. */
  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.ledger.close();
  }

  private assertUsable(): void {
    if (this.disposed) throw new ProtocolError('notFound', `Session ${this.info.id} was deleted.`);
  }

  private assertWritable(): void {
    this.assertUsable();
    if (this.info.readOnly)
      throw new ProtocolError(
        'conflict',
        'This session is read-only: an imported recording, an observed app, or a data directory opened with --read-only.',
      );
  }

  /** One call on the chain with its newest token, or a new session when the chain was lost. */
  private chainCall(trigger: PollTrigger, scheduledAt?: number): Promise<PollEvent> {
    this.cancelTimer();
    if (!this.newest) return this.startChain(trigger === 'schedule' ? 'start' : trigger);
    return this.call(trigger, this.newest, scheduledAt);
  }

  private async startChain(trigger: PollTrigger): Promise<PollEvent> {
    const i = this.info;
    const command = new StartConfigurationSessionCommand({
      ApplicationIdentifier: i.applicationIdentifier,
      EnvironmentIdentifier: i.environmentIdentifier,
      ConfigurationProfileIdentifier: i.configurationProfileIdentifier,
      ...(i.requiredMinimumPollIntervalInSeconds !== undefined
        ? { RequiredMinimumPollIntervalInSeconds: i.requiredMinimumPollIntervalInSeconds }
        : {}),
    });
    const result = await this.inFlight(() =>
      timedCall(
        this.deps.clock,
        command,
        (c, options) => this.deps.backend.data.send(c, options),
        this.deps.backend.timeouts.requestTimeoutMs,
      ),
    );
    let tokenOut: string | undefined;
    if (result.ok && result.value.InitialConfigurationToken) {
      tokenOut = this.tokens.hold(result.value.InitialConfigurationToken, result.facts.answeredAt);
      this.newest = tokenOut;
    }
    const restartReason = this.restartReason;
    this.restartReason = undefined;
    const event = this.ledger.append({
      kind: 'start',
      trigger,
      facts: result.facts,
      outcome: result.ok ? { type: 'started' } : result.error,
      ...(tokenOut ? { tokenOut } : {}),
      ...(restartReason ? { restartReason } : {}),
    });
    this.afterChainCall(event);
    return event;
  }

  private async call(
    trigger: PollTrigger,
    fingerprint: string,
    scheduledAt?: number,
  ): Promise<PollEvent> {
    const token = this.tokens.get(fingerprint)!.token;
    const result = await this.inFlight(() =>
      timedCall(
        this.deps.clock,
        new GetLatestConfigurationCommand({ ConfigurationToken: token }),
        (c, options) => this.deps.backend.data.send(c, options),
        this.deps.backend.timeouts.requestTimeoutMs,
      ),
    );
    let outcome: PollOutcome;
    let tokenOut: string | undefined;
    let interval: number | undefined;
    if (result.ok) {
      const v = result.value;
      if (v.NextPollConfigurationToken)
        tokenOut = this.tokens.hold(v.NextPollConfigurationToken, result.facts.answeredAt);
      interval = v.NextPollIntervalInSeconds;
      outcome = answerOutcome(v, this.deps.contents);
      if (trigger !== 'replay') this.newest = tokenOut;
    } else {
      outcome = result.error;
    }
    const event = this.ledger.append({
      kind: 'poll',
      trigger,
      facts: result.facts,
      outcome,
      tokenIn: fingerprint,
      ...(tokenOut ? { tokenOut } : {}),
      ...(interval !== undefined ? { intervalSeconds: interval } : {}),
      ...(scheduledAt !== undefined ? { scheduledAt } : {}),
    });
    if (trigger !== 'replay') this.afterChainCall(event);
    return event;
  }

  /** Runs one call, showing the session as waiting for an answer meanwhile. */
  private async inFlight<T>(run: () => Promise<T>): Promise<T> {
    // A replay leaves the chain's timer armed: its planned time comes back once the replay is answered.
    const plan = this.plan;
    const planned = this.ledger.live.nextPollAt;
    this.ledger.live.callInFlightSince = this.deps.clock.now();
    delete this.ledger.live.nextPollAt;
    this.ledger.changed();
    try {
      return await run();
    } finally {
      delete this.ledger.live.callInFlightSince;
      if (planned !== undefined && plan === this.plan && this.timer !== undefined)
        this.ledger.live.nextPollAt = planned;
    }
  }

  /** Follows core's schedule decision (src/core/schedule.ts, via afterCall.ts): the rules the UI explains. */
  private afterChainCall(event: PollEvent): void {
    if (this.disposed || this.ledger.recordingFailure) {
      this.cancelTimer();
      return;
    }
    // An answer that names no next token cannot continue the chain either: it counts as a failure.
    const failed = event.outcome.type === 'error' || event.tokenOut === undefined;
    this.failures = failed ? this.failures + 1 : 0;
    this.ledger.live.consecutiveFailures = this.failures;
    const issuedAt = event.tokenIn ? this.tokens.get(event.tokenIn)?.issuedAt : undefined;
    const next = afterCall(event, this.info, this.failures, {
      tokenIssuedAt: issuedAt,
      jitterMs: this.deps.jitterMs?.() ?? 0,
      now: this.deps.clock.now(),
    });
    if (next.kind === 'hold') return this.ledger.changed();
    if (next.kind === 'fail') {
      this.cancelTimer();
      this.ledger.setState('failed');
      return this.ledger.changed();
    }
    if (next.restartReason !== undefined) {
      this.newest = undefined;
      this.restartReason = next.restartReason;
    }
    this.ledger.setState(next.state);
    this.schedule(next.at);
  }

  private schedule(at: number): void {
    this.cancelTimer();
    const plan = this.plan;
    this.ledger.live.nextPollAt = at;
    const due = () =>
      this.queue
        .run(() => {
          // Another operation took the turn and changed the plan (or the session ended): nothing to do.
          if (this.disposed || plan !== this.plan || !this.isLive) return undefined;
          return this.chainCall('schedule', at);
        })
        .catch((e: unknown) => console.error(`[session ${this.info.id}] poll failed`, e));
    const wait = at - this.deps.clock.now();
    // Due now (the first poll after a start, a restart): take the next turn rather than a timer tick.
    if (wait <= 0) void due();
    else
      this.timer = this.deps.clock.setTimeout(() => {
        this.timer = undefined;
        void due();
      }, wait);
    this.ledger.changed();
  }

  private cancelTimer(): void {
    this.plan++;
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    delete this.ledger.live.nextPollAt;
  }

  private lastAnswered(): PollEvent | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i]!;
      if (e.kind === 'poll' && e.trigger !== 'replay' && e.outcome.type !== 'error') return e;
    }
    return undefined;
  }
}
