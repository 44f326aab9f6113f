// One configuration session: owns its token chain and poll timer, and records every call as a ledger
// event. Tokens are single-use and each answer names the next one, so exactly one owner may hold them.
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import type {
  PollEvent,
  PollOutcome,
  PollTrigger,
  SessionInfo,
  SessionState,
} from '../core/ledger.js';
import { nextPollAt } from '../core/schedule.js';
import { ProtocolError, type SessionSummary } from '../protocol/messages.js';
import { timedCall, type CallFacts } from './awsCall.js';
import type { Backend } from './backend.js';
import type { Clock } from './clock.js';
import type { ContentRepo } from './contentRepo.js';
import { TokenStore, type HeldToken } from './tokenStore.js';
import type { RecordLine } from './recorder.js';

export interface RunnerDeps {
  backend: Backend;
  clock: Clock;
  contents: ContentRepo;
  /** Persists a line; called before `emit` so recordings never lag the UI. */
  record(sessionId: string, line: RecordLine): void;
  /** Tells the UI about a recorded event or a state change. */
  emitEvent(session: SessionSummary, event: PollEvent): void;
  emitState(session: SessionSummary): void;
}

const MAX_CONSECUTIVE_FAILURES = 5;

export class SessionRunner {
  readonly events: PollEvent[] = [];
  private readonly tokens: TokenStore;
  /** Fingerprint of the newest unspent token of the chain. */
  private newest?: string;
  private timer: unknown;
  private nextPollAt?: number;
  private inFlight?: Promise<PollEvent>;
  private failures = 0;
  private lastError?: string;
  private currentVersionLabel?: string;

  constructor(
    public info: SessionInfo,
    private readonly deps: RunnerDeps,
  ) {
    this.tokens = new TokenStore((fingerprint, held) =>
      deps.record(info.id, { t: 'token', fingerprint, ...held }),
    );
  }

  /** Rebuilds a runner from its recording; polling stays paused until the user resumes. */
  static restore(
    info: SessionInfo,
    events: PollEvent[],
    tokens: (HeldToken & { fingerprint: string })[],
    deps: RunnerDeps,
  ) {
    const live = info.state === 'polling' || info.state === 'starting';
    // Our own sessions can be resumed; an observed app's session is over as far as this run can tell.
    const state: SessionState = live
      ? info.origin === 'observed'
        ? 'stopped'
        : 'paused'
      : info.state;
    const runner = new SessionRunner({ ...info, state }, deps);
    runner.events.push(...events);
    for (const t of tokens)
      runner.tokens.restore(t.fingerprint, { token: t.token, issuedAt: t.issuedAt });
    for (const e of events) {
      runner.absorb(e);
      // The chain continues from the newest token a non-replay call received.
      if (e.trigger !== 'replay' && e.tokenOut && runner.tokens.has(e.tokenOut))
        runner.newest = e.tokenOut;
    }
    return runner;
  }

  summary(): SessionSummary {
    return {
      ...this.info,
      pollCount: this.events.filter((e) => e.kind === 'poll').length,
      ...(this.nextPollAt !== undefined ? { nextPollAt: this.nextPollAt } : {}),
      ...(this.currentVersionLabel !== undefined
        ? { currentVersionLabel: this.currentVersionLabel }
        : {}),
      ...(this.lastError !== undefined ? { lastError: this.lastError } : {}),
    };
  }

  /** StartConfigurationSession, then the first poll at once (the first poll always returns content). */
  async start(): Promise<PollEvent> {
    const event = await this.startChain('start');
    if (event.outcome.type === 'error') {
      this.setState('failed');
      throw new ProtocolError('awsError', event.outcome.message, event.outcome.errorName);
    }
    this.setState('polling');
    void this.poll('schedule').catch(() => undefined);
    return event;
  }

  pause(): void {
    this.assertWritable();
    if (this.info.state === 'stopped')
      throw new ProtocolError('conflict', 'The session is stopped.');
    this.cancelTimer();
    this.setState('paused');
  }

  resume(): void {
    this.assertWritable();
    if (this.info.state === 'stopped')
      throw new ProtocolError('conflict', 'The session is stopped; start a new one.');
    this.setState('polling');
    const last = this.lastAnswered();
    const due =
      last?.intervalSeconds !== undefined
        ? last.answeredAt + last.intervalSeconds * 1000
        : this.deps.clock.now();
    this.schedule(Math.max(due, this.deps.clock.now()), 'schedule');
  }

  stop(): void {
    this.assertWritable();
    this.cancelTimer();
    this.setState('stopped');
  }

  /** Polls with the newest token now, whether or not the interval has elapsed; then the schedule resumes. */
  async pollNow(): Promise<PollEvent> {
    this.assertWritable();
    if (this.info.state === 'stopped')
      throw new ProtocolError('conflict', 'The session is stopped.');
    const due = this.nextPollAt;
    const early = due !== undefined && this.deps.clock.now() < due;
    return this.poll(early ? 'early' : 'pollNow');
  }

  /** Deliberate misuse: sends an already-spent token again. The chain keeps its newest token. */
  async replay(seq?: number): Promise<PollEvent> {
    this.assertWritable();
    const source =
      seq === undefined
        ? // The newest token AWS actually spent: a refused poll ("too early") leaves its token unspent.
          [...this.events]
            .reverse()
            .find(
              (e) =>
                e.kind === 'poll' &&
                e.outcome.type !== 'error' &&
                e.tokenIn &&
                this.tokens.has(e.tokenIn),
            )
        : this.events[seq];
    const fingerprint = seq === undefined ? source?.tokenIn : source?.tokenOut;
    const held = fingerprint ? this.tokens.get(fingerprint) : undefined;
    if (!held || !fingerprint) {
      throw new ProtocolError(
        'notFound',
        seq === undefined
          ? 'No spent token to replay yet: wait for the first poll.'
          : `Poll ${seq} issued no token that is still held.`,
      );
    }
    return this.call('replay', fingerprint);
  }

  /** Records a call someone else made: an app observed through the emulator (never scheduled by us). */
  recordObserved(event: Omit<PollEvent, 'seq' | 'sessionId'>): PollEvent {
    const full = { ...event, seq: this.events.length, sessionId: this.info.id } as PollEvent;
    this.events.push(full);
    this.absorb(full);
    this.deps.record(this.info.id, { t: 'event', event: full });
    this.deps.emitEvent(this.summary(), full);
    return full;
  }

  /** Marks an observed session failed (its app's StartConfigurationSession was refused). */
  markFailed(): void {
    this.setState('failed');
  }

  /** Full token behind a fingerprint (for the Raw view); undefined once pruned. */
  tokenOf(fingerprint: string): string | undefined {
    return this.tokens.get(fingerprint)?.token;
  }

  dispose(): void {
    this.cancelTimer();
  }

  private assertWritable(): void {
    if (this.info.readOnly)
      throw new ProtocolError('conflict', 'Imported recordings are read-only.');
  }

  private async poll(trigger: PollTrigger): Promise<PollEvent> {
    if (this.inFlight) await this.inFlight.catch(() => undefined);
    const scheduledAt = trigger === 'schedule' ? this.nextPollAt : undefined;
    this.cancelTimer();
    if (!this.newest) {
      // The chain was lost (expired/corrupted token): a new StartConfigurationSession, then poll at once.
      const started = await this.startChain(trigger === 'schedule' ? 'start' : trigger);
      this.afterChainPoll(started);
      return started;
    }
    const run = this.call(trigger, this.newest, scheduledAt);
    this.inFlight = run;
    try {
      return await run;
    } finally {
      this.inFlight = undefined;
    }
  }

  private async startChain(trigger: PollTrigger): Promise<PollEvent> {
    const i = this.info;
    const result = await timedCall(this.deps.clock, () =>
      this.deps.backend.data.send(
        new StartConfigurationSessionCommand({
          ApplicationIdentifier: i.applicationIdentifier,
          EnvironmentIdentifier: i.environmentIdentifier,
          ConfigurationProfileIdentifier: i.configurationProfileIdentifier,
          ...(i.requiredMinimumPollIntervalInSeconds !== undefined
            ? { RequiredMinimumPollIntervalInSeconds: i.requiredMinimumPollIntervalInSeconds }
            : {}),
        }),
      ),
    );
    let tokenOut: string | undefined;
    if (result.ok && result.value.InitialConfigurationToken) {
      tokenOut = this.tokens.hold(result.value.InitialConfigurationToken, result.facts.answeredAt);
      this.newest = tokenOut;
    }
    const outcome: PollOutcome = result.ok ? { type: 'started' } : result.error;
    return this.append('start', trigger, result.facts, undefined, tokenOut, undefined, outcome);
  }

  private async call(
    trigger: PollTrigger,
    fingerprint: string,
    scheduledAt?: number,
  ): Promise<PollEvent> {
    const token = this.tokens.get(fingerprint)!.token;
    const result = await timedCall(this.deps.clock, () =>
      this.deps.backend.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token })),
    );
    let outcome: PollOutcome;
    let tokenOut: string | undefined;
    let interval: number | undefined;
    if (result.ok) {
      const v = result.value;
      if (v.NextPollConfigurationToken)
        tokenOut = this.tokens.hold(v.NextPollConfigurationToken, result.facts.answeredAt);
      interval = v.NextPollIntervalInSeconds;
      // An empty body means "you already have the latest", never "the configuration is empty".
      const bytes = v.Configuration;
      if (bytes && bytes.length > 0) {
        const hash = this.deps.contents.put(bytes, v.ContentType);
        outcome = {
          type: 'content',
          size: bytes.length,
          contentHash: hash,
          ...(v.VersionLabel ? { versionLabel: v.VersionLabel } : {}),
          ...(v.ContentType ? { contentType: v.ContentType } : {}),
        };
      } else {
        outcome = { type: 'unchanged', ...(v.ContentType ? { contentType: v.ContentType } : {}) };
      }
      if (trigger !== 'replay' && tokenOut) this.newest = tokenOut;
    } else {
      outcome = result.error;
    }
    const event = this.append(
      'poll',
      trigger,
      result.facts,
      fingerprint,
      tokenOut,
      interval,
      outcome,
      scheduledAt,
    );
    if (trigger !== 'replay') this.afterChainPoll(event);
    return event;
  }

  /** Follows core's schedule decision (src/core/schedule.ts): the same rules the UI explains. */
  private afterChainPoll(event: PollEvent): void {
    if (this.info.state !== 'polling') return;
    this.failures = event.outcome.type === 'error' ? this.failures + 1 : 0;
    const issuedAt = event.tokenIn ? this.tokens.get(event.tokenIn)?.issuedAt : undefined;
    const decision = nextPollAt(event, this.info.requiredMinimumPollIntervalInSeconds, {
      ...(issuedAt !== undefined ? { tokenIssuedAt: issuedAt } : {}),
      consecutiveErrors: this.failures,
    });
    // A restart that keeps failing the same way would loop; past a few in a row a person has to look.
    if (decision.token === 'stop' || this.failures > MAX_CONSECUTIVE_FAILURES) {
      this.cancelTimer();
      this.setState('failed');
      return;
    }
    // 'same' needs nothing: a refused call left `newest` on the token it sent.
    if (decision.token === 'restart') this.newest = undefined;
    this.schedule(Math.max(decision.at, this.deps.clock.now()), 'schedule');
  }

  private schedule(at: number, trigger: PollTrigger): void {
    this.cancelTimer();
    this.nextPollAt = at;
    this.timer = this.deps.clock.setTimeout(
      () => {
        this.timer = undefined;
        void this.poll(trigger).catch(() => undefined);
      },
      Math.max(0, at - this.deps.clock.now()),
    );
    this.deps.emitState(this.summary());
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.nextPollAt = undefined;
  }

  private append(
    kind: PollEvent['kind'],
    trigger: PollTrigger,
    facts: CallFacts,
    tokenIn: string | undefined,
    tokenOut: string | undefined,
    intervalSeconds: number | undefined,
    outcome: PollOutcome,
    scheduledAt?: number,
  ): PollEvent {
    const event: PollEvent = {
      seq: this.events.length,
      sessionId: this.info.id,
      kind,
      trigger,
      ...facts,
      ...(scheduledAt !== undefined ? { scheduledAt } : {}),
      ...(tokenIn ? { tokenIn } : {}),
      ...(tokenOut ? { tokenOut } : {}),
      ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
      outcome,
    };
    this.events.push(event);
    this.absorb(event);
    this.deps.record(this.info.id, { t: 'event', event });
    this.deps.emitEvent(this.summary(), event);
    return event;
  }

  /** Folds an event into the summary fields. */
  private absorb(event: PollEvent): void {
    const o = event.outcome;
    if (o.type === 'content') this.currentVersionLabel = o.versionLabel ?? '(no label)';
    if (o.type === 'error') this.lastError = `${o.errorName}: ${o.message}`;
    else if (event.trigger !== 'replay') this.lastError = undefined;
  }

  private lastAnswered(): PollEvent | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const e = this.events[i]!;
      if (e.kind === 'poll' && e.trigger !== 'replay' && e.outcome.type !== 'error') return e;
    }
    return undefined;
  }

  private setState(state: SessionState): void {
    if (this.info.state === state) return;
    this.info = { ...this.info, state };
    this.deps.record(this.info.id, { t: 'state', state });
    this.deps.emitState(this.summary());
  }
}
