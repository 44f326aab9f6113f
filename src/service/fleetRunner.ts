// One fleet: N member SessionRunners of one profile, each an ordinary session with its own token chain and
// schedule, started spread over the first interval and jittered past every interval after, as real clients
// are. Members keep a small event window and few full tokens in memory (all of both are in their recordings);
// what the fleet chart needs is kept compactly in FleetArrivals. Members' own events are not pushed: the
// fleet pushes one throttled `fleetChanged`. Used by fleets.ts only.
import { DEFAULT_POLL_INTERVAL_SECONDS } from '../core/awsLimits.js';
import type { PollEvent, SessionInfo, SessionState } from '../core/ledger.js';
import {
  FLEET_EVENT_INTERVAL_MS,
  MAX_FLEET_SERIES_POINTS,
  type FleetMember,
  type FleetSnapshot,
  type FleetSummary,
} from '../protocol/fleetTypes.js';
import type { InspectorEvent } from '../protocol/messages.js';
import type { Clock } from './clock.js';
import { FleetArrivals } from './fleetArrivals.js';
import type { FleetRecord } from './fleetRecords.js';
import { SessionRunner, type RunnerDeps } from './sessionRunner.js';
import type { HeldToken } from './tokenStore.js';

/**
 * Events a member holds in memory: ten minutes at 15 s, its timeline's recent polls (the rest are in its
 * recording). An event is ~0.5 KiB in memory, so 1,000 members hold ~20 MB of them, whatever the run's length.
 */
export const FLEET_MEMBER_WINDOW = 40;
/** The chain's current token and the one it answered (the schedule reads when that was issued). */
export const FLEET_MEMBER_TOKENS = 2;

export interface FleetRunnerDeps {
  /** The service's runner deps (backend, clock, contents, recording); members override the rest. */
  runnerDeps: RunnerDeps;
  clock: Clock;
  /** Writes the fleet's record (fleetRecords.ts). */
  save(record: FleetRecord): void;
  emit(event: InspectorEvent): void;
}

export class FleetRunner {
  /** Indexed like record.memberIds; a member whose recording was lost on restore stays undefined. */
  private readonly members: (SessionRunner | undefined)[];
  private readonly arrivals: FleetArrivals;
  private readonly lastPollAt: (number | undefined)[];
  private readonly lastError: (string | undefined)[];
  private polls = 0;
  private startTimers: unknown[] = [];
  private emitTimer: unknown;
  /** Starts at creation, so the first fleetChanged follows fleetStarted rather than racing it. */
  private lastEmitAt: number;
  private closed = false;

  constructor(
    public record: FleetRecord,
    private readonly deps: FleetRunnerDeps,
  ) {
    const n = record.memberIds.length;
    this.members = new Array<SessionRunner | undefined>(n);
    this.arrivals = new FleetArrivals(n);
    this.lastPollAt = new Array<number | undefined>(n);
    this.lastError = new Array<string | undefined>(n);
    this.lastEmitAt = deps.clock.now();
  }

  get id(): string {
    return this.record.id;
  }

  /** Every member that exists, in start order. */
  get runners(): SessionRunner[] {
    return this.members.filter((r): r is SessionRunner => r !== undefined);
  }

  /** A new member, not yet started (its recording is the caller's to create). */
  createMember(index: number, info: SessionInfo): SessionRunner {
    const runner = new SessionRunner(info, this.memberDeps(index));
    this.members[index] = runner;
    return runner;
  }

  /** A member rebuilt from its recording; what it held over time goes back into the arrivals. */
  restoreMember(
    info: SessionInfo,
    events: PollEvent[],
    tokens: (HeldToken & { fingerprint: string })[],
  ): SessionRunner | undefined {
    const index = this.record.memberIds.indexOf(info.id);
    if (index < 0) return undefined;
    const runner = SessionRunner.restore(info, events, tokens, this.memberDeps(index));
    for (const e of events) this.absorb(index, e);
    this.members[index] = runner;
    return runner;
  }

  /**
   * Starts member 0 now (its refusal, e.g. an unknown profile, is the caller's error) and the others spread
   * evenly, with a little randomness, over the first interval: a fleet that all polled in the same second
   * would show a staircase no real rollout has.
   */
  async start(): Promise<void> {
    await this.members[0]!.start();
    const n = this.members.length;
    const spreadMs =
      (this.record.params.requiredMinimumPollIntervalInSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS) *
      1000;
    let pending = n - 1;
    const started = () => {
      if (--pending > 0 || this.closed || this.record.state !== 'starting') return;
      this.setState('running');
    };
    if (pending === 0) this.setState('running');
    for (let i = 1; i < n; i++) {
      const at = ((i - 1 + Math.random()) / (n - 1)) * spreadMs;
      this.startTimers.push(
        this.deps.clock.setTimeout(() => {
          const member = this.members[i]!;
          // Stopped by hand before its turn came: it never calls.
          if (member.info.state !== 'starting') return started();
          // A start that fails is in the member's ledger (and its state): nothing more to do here.
          void member
            .start()
            .catch(() => undefined)
            .finally(started);
        }, at),
      );
    }
  }

  /** Stops every member for good; members not started yet are stopped without a call. */
  async stop(): Promise<void> {
    this.cancelStarts();
    const done: SessionState[] = ['stopped', 'failed'];
    await Promise.all(
      this.runners.filter((r) => !done.includes(r.info.state)).map((r) => r.stop()),
    );
    this.record = { ...this.record, stoppedAt: this.deps.clock.now() };
    this.setState('stopped');
  }

  /** Ends every timer of the fleet and its members (delete, service close). */
  close(): void {
    this.closed = true;
    this.cancelStarts();
    if (this.emitTimer !== undefined) this.deps.clock.clearTimeout(this.emitTimer);
    this.emitTimer = undefined;
    for (const r of this.runners) r.dispose();
  }

  summary(): FleetSummary {
    const { params, id, backend, startedAt, stoppedAt, state } = this.record;
    const memberStates: Partial<Record<SessionState, number>> = {};
    let callsInFlight = 0;
    for (const r of this.runners) {
      memberStates[r.info.state] = (memberStates[r.info.state] ?? 0) + 1;
      if (r.ledger.live.callInFlightSince !== undefined) callsInFlight++;
    }
    const lastError = this.lastError.findLast((e) => e !== undefined);
    return {
      id,
      applicationIdentifier: params.applicationIdentifier,
      environmentIdentifier: params.environmentIdentifier,
      configurationProfileIdentifier: params.configurationProfileIdentifier,
      ...(params.requiredMinimumPollIntervalInSeconds !== undefined
        ? { requiredMinimumPollIntervalInSeconds: params.requiredMinimumPollIntervalInSeconds }
        : {}),
      jitterSeconds: params.jitterSeconds,
      size: this.record.memberIds.length,
      state,
      backend,
      startedAt,
      ...(stoppedAt !== undefined ? { stoppedAt } : {}),
      memberStates,
      pollCount: this.polls,
      ...(callsInFlight > 0 ? { callsInFlight } : {}),
      ...(lastError !== undefined ? { lastError } : {}),
      held: this.arrivals.heldNow(),
    };
  }

  snapshot(): FleetSnapshot {
    const to = this.record.stoppedAt ?? this.deps.clock.now();
    const members: FleetMember[] = [];
    this.members.forEach((r, i) => {
      if (!r) return;
      const s = r.ledger.summary();
      const hash = this.arrivals.heldBy(i);
      const at = this.lastPollAt[i];
      const error = this.lastError[i];
      members.push({
        sessionId: r.info.id,
        state: r.info.state,
        ...(s.currentVersionLabel !== undefined
          ? { currentVersionLabel: s.currentVersionLabel }
          : {}),
        ...(hash !== undefined ? { contentHash: hash } : {}),
        ...(at !== undefined ? { lastPollAt: at } : {}),
        pollCount: s.pollCount,
        ...(error !== undefined ? { lastError: error } : {}),
      });
    });
    return {
      fleet: this.summary(),
      series: this.arrivals.series(this.record.startedAt, to, MAX_FLEET_SERIES_POINTS),
      versions: this.arrivals.versionsNow(),
      members,
    };
  }

  private memberDeps(index: number): RunnerDeps {
    const jitterMs = this.record.params.jitterSeconds * 1000;
    return {
      ...this.deps.runnerDeps,
      ledgerWindow: FLEET_MEMBER_WINDOW,
      maxHeldTokens: FLEET_MEMBER_TOKENS,
      jitterMs: () => Math.random() * jitterMs,
      emitEvent: (_summary, event) => {
        this.absorb(index, event);
        this.changed();
      },
      emitState: () => this.changed(),
    };
  }

  /** The compact facts the fleet keeps from one member event. */
  private absorb(index: number, e: PollEvent): void {
    if (e.kind === 'poll') {
      this.polls++;
      if (e.trigger !== 'replay') this.lastPollAt[index] = e.answeredAt;
    }
    const o = e.outcome;
    if (o.type === 'error') this.lastError[index] = `${o.errorName}: ${o.message}`;
    // A replay shows what AWS would send for an old token, not what the member holds.
    else if (e.trigger !== 'replay') this.lastError[index] = undefined;
    if (o.type === 'content' && e.trigger !== 'replay')
      this.arrivals.arrive(index, e.answeredAt, o.contentHash, o.versionLabel);
  }

  private setState(state: FleetSummary['state']): void {
    this.record = { ...this.record, state };
    this.deps.save(this.record);
    this.changed();
  }

  /** Throttled push: at once after a quiet second, else once when the second is up (trailing edge). */
  private changed(): void {
    if (this.closed || this.emitTimer !== undefined) return;
    const wait = this.lastEmitAt + FLEET_EVENT_INTERVAL_MS - this.deps.clock.now();
    if (wait <= 0) return this.emitNow();
    this.emitTimer = this.deps.clock.setTimeout(() => {
      this.emitTimer = undefined;
      this.emitNow();
    }, wait);
  }

  private emitNow(): void {
    if (this.closed) return;
    this.lastEmitAt = this.deps.clock.now();
    this.deps.emit({ type: 'fleetChanged', fleet: this.summary() });
  }

  private cancelStarts(): void {
    for (const t of this.startTimers) this.deps.clock.clearTimeout(t);
    this.startTimers = [];
  }
}
