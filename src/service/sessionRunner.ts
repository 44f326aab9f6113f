// One session's poller: owns its token chain, its one operation queue and its poll timer; what each call
// said goes to the session's ledger (sessionLedger.ts: events, summary, persistence), the calls themselves
// are chainCalls.ts. Tokens are single-use, each answer naming the next: every operation goes through the
// queue. Imported across the service (the engine, fleets, recordings, the backend switch, and observed
// sessions, which only record others' calls into its ledger).
import type { PollEvent, PollTrigger, SessionInfo } from '../core/ledger.js';
import { afterCall } from './afterCall.js';
import type { SessionSummary } from '../protocol/messages.js';
import { getLatestCall, startSessionCall, type ChainCallDeps } from './chainCalls.js';
import { chainHead, replayableToken } from './pollAnswer.js';
import type { Clock } from './clock.js';
import { PollTimer } from './pollTimer.js';
import { SerialQueue } from './serialQueue.js';
import * as guard from './sessionGuards.js';
import { SessionLedger, type LedgerDeps } from './sessionLedger.js';
import { TokenStore, type HeldToken } from './tokenStore.js';

export interface RunnerDeps extends LedgerDeps, ChainCallDeps {
  clock: Clock;
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
  private readonly timer: PollTimer;
  private disposed = false;

  constructor(
    info: SessionInfo,
    private readonly deps: RunnerDeps,
  ) {
    this.ledger = new SessionLedger(info, deps);
    this.tokens = new TokenStore(
      (fingerprint, held) => this.ledger.recordToken(fingerprint, held),
      deps.maxHeldTokens,
    );
    this.timer = new PollTimer(deps.clock);
  }

  get info(): SessionInfo {
    return this.ledger.info;
  }

  get events(): PollEvent[] {
    return this.ledger.events;
  }

  /** True while the session should be polling (or retrying) on its own. */
  private get isLive(): boolean {
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
    runner.newest = chainHead(events, (fp) => runner.tokens.has(fp));
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
      guard.assertExists(this.info, this.disposed);
      const event = await this.send('start');
      guard.assertStarted(event, this.info);
      return event;
    });
  }

  pause(): Promise<void> {
    return this.queue.run(() => {
      guard.assertPollable(this.info, this.disposed, 'The session is stopped.');
      this.halt('paused');
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
    guard.assertPollable(this.info, this.disposed, 'The session is stopped; start a new one.');
    this.ledger.setFailures(0);
    this.ledger.setState('polling');
    const last = this.ledger.lastAnswered();
    const now = this.deps.clock.now();
    const due =
      last?.intervalSeconds !== undefined ? last.answeredAt + last.intervalSeconds * 1000 : now;
    if (!this.newest) this.restartReason ??= 'resumed without a usable token';
    this.schedule(Math.max(due, now));
  }

  stop(): Promise<void> {
    return this.queue.run(() => {
      guard.assertWritable(this.info, this.disposed);
      this.halt('stopped');
    });
  }

  /** Polls with the newest token now, whether or not the interval has elapsed; then the schedule resumes. */
  pollNow(): Promise<PollEvent> {
    return this.queue.run(() => {
      guard.assertPollable(this.info, this.disposed, 'The session is stopped.');
      const due = this.ledger.live.nextPollAt;
      const early = due !== undefined && this.deps.clock.now() < due;
      return this.chainCall(early ? 'early' : 'pollNow');
    });
  }

  /** Deliberate misuse: sends an already-spent token again. The chain keeps its newest token. */
  replay(seq?: number): Promise<PollEvent> {
    return this.queue.run(() => {
      guard.assertWritable(this.info, this.disposed);
      const fingerprint = replayableToken(this.events, seq, (fp) => this.tokens.has(fp));
      return this.send('replay', fingerprint);
    });
  }

  /**
   * Deletes: waits its turn, refuses a live session of our own, then stops every timer and write for good.
   * `force` skips the check (observed apps are not ours to stop; eviction).
   */
  close(force = false): Promise<void> {
    return this.queue.run(() => {
      if (!force) guard.assertDeletable(this.info, this.isLive);
      this.dispose();
    });
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

  /** One call on the chain with its newest token, or a new session when the chain was lost. */
  private chainCall(trigger: PollTrigger, scheduledAt?: number): Promise<PollEvent> {
    this.cancelTimer();
    if (!this.newest) return this.send(trigger === 'schedule' ? 'start' : trigger);
    return this.send(trigger, this.newest, scheduledAt);
  }

  /** GetLatestConfiguration with the token behind `tokenIn`; StartConfigurationSession without one. */
  private async send(
    trigger: PollTrigger,
    tokenIn?: string,
    scheduledAt?: number,
  ): Promise<PollEvent> {
    const token = tokenIn && this.tokens.get(tokenIn)!.token;
    const answer = await this.inFlight(() =>
      token ? getLatestCall(this.deps, token) : startSessionCall(this.deps, this.info),
    );
    const tokenOut = answer.token && this.tokens.hold(answer.token, answer.facts.answeredAt);
    // A replay leaves the chain alone; a failed call keeps its token, an answer names the next (or none).
    if (trigger !== 'replay' && answer.outcome.type !== 'error') this.newest = tokenOut;
    const restartReason = tokenIn ? undefined : this.restartReason;
    if (!tokenIn) this.restartReason = undefined;
    const event = this.ledger.append({
      kind: tokenIn ? 'poll' : 'start',
      trigger,
      facts: answer.facts,
      outcome: answer.outcome,
      tokenIn,
      tokenOut,
      intervalSeconds: answer.intervalSeconds,
      scheduledAt,
      restartReason,
    });
    if (trigger !== 'replay') this.afterChainCall(event);
    return event;
  }

  /** Runs one call, showing the session as waiting for an answer meanwhile. */
  private async inFlight<T>(run: () => Promise<T>): Promise<T> {
    // A replay leaves the chain's timer armed: its planned time comes back once the replay is answered.
    const plan = this.timer.current;
    const planned = this.ledger.live.nextPollAt;
    this.ledger.callSent(this.deps.clock.now());
    try {
      return await run();
    } finally {
      this.ledger.callSettled();
      if (planned !== undefined && plan === this.timer.current && this.timer.armed)
        this.ledger.planNext(planned);
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
    const failures = failed ? (this.ledger.live.consecutiveFailures ?? 0) + 1 : 0;
    this.ledger.setFailures(failures);
    const issuedAt = event.tokenIn ? this.tokens.get(event.tokenIn)?.issuedAt : undefined;
    const next = afterCall(event, this.info, failures, {
      tokenIssuedAt: issuedAt,
      jitterMs: this.deps.jitterMs?.() ?? 0,
      now: this.deps.clock.now(),
    });
    if (next.kind === 'hold') return this.ledger.changed();
    if (next.kind === 'fail') return this.halt('failed');
    if (next.restartReason !== undefined) {
      this.newest = undefined;
      this.restartReason = next.restartReason;
    }
    this.ledger.setState(next.state);
    this.schedule(next.at);
  }

  private schedule(at: number): void {
    this.cancelTimer();
    this.ledger.planNext(at);
    this.timer.arm(at, (plan) => {
      this.queue
        .run(() => {
          // Another operation took the turn and changed the plan (or the session ended): nothing to do.
          if (this.disposed || plan !== this.timer.current || !this.isLive) return undefined;
          return this.chainCall('schedule', at);
        })
        .catch((e: unknown) => console.error(`[session ${this.info.id}] poll failed`, e));
    });
    this.ledger.changed();
  }

  /** Pause, stop, or a failure retrying cannot fix: no call planned, and the summary says so. */
  private halt(state: 'paused' | 'stopped' | 'failed'): void {
    this.cancelTimer();
    this.ledger.setState(state);
    this.ledger.changed();
  }

  private cancelTimer(): void {
    this.timer.cancel();
    this.ledger.planNext(undefined);
  }
}
