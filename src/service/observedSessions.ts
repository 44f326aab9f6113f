// Folds emulator observation records into 'observed' sessions: one per emulator session (keyed by its id),
// one per client and identifiers for refused StartConfigurationSession calls, and one per client for polls
// whose token could not be read. Contents are fetched once from the emulator by hash and stored like our own.
// Lifecycle and bounds (README "Observed sessions end"): a session whose app misses IDLE_INTERVALS of its
// intervals is idle, after END_INTERVALS it is ended; at most MAX_OBSERVED_SESSIONS are kept (the longest
// quiet ended ones go first, then idle, then any), and a refused-start group rolls over to a new session
// every MAX_REFUSED_EVENTS, so a crash-looping app bounds both memory and the list.
import type { SessionInfo } from '../core/ledger.js';
import type { Clock } from './clock.js';
import type { ContentRepo } from './contentRepo.js';
import { tokenFingerprint } from './hashing.js';
import { clientLabel, eventOf, type ObservationRecord } from './observer.js';
import { SessionRunner, type RunnerDeps } from './sessionRunner.js';

/** Where an observed app's calls went, as a session records it. */
export type ObservedBackend = Pick<SessionInfo, 'backend' | 'region' | 'profile'>;

export interface ObservedSessionsDeps {
  /** Where contents are fetched by hash; absent when every record comes with its bytes (the recording proxy). */
  emulatorUrl?: string;
  /** What the sessions record as their backend (default: emulatorUrl). */
  backend?: string;
  runnerDeps: RunnerDeps;
  contents: ContentRepo;
  /** Registers a new session with the service (list, recording, sessionStarted event). */
  adopt(runner: SessionRunner): void;
  /** Session already known to the service, by inspector id. */
  find(id: string): SessionRunner | undefined;
  /** Forgets a session for good (list, recording, sessionDeleted event). */
  evict(runner: SessionRunner): void;
  clock: Clock;
  limits?: Partial<ObservedLimits>;
}

export interface ObservedLimits {
  maxSessions: number;
  maxRefusedEvents: number;
  idleIntervals: number;
  endIntervals: number;
  /** Used when the app's answers carried no interval yet (AWS's default is 60 s). */
  defaultIntervalSeconds: number;
}

export const DEFAULT_OBSERVED_LIMITS: ObservedLimits = {
  maxSessions: 100,
  maxRefusedEvents: 500,
  idleIntervals: 3,
  endIntervals: 10,
  defaultIntervalSeconds: 60,
};

const MAX_FORGOTTEN = 1_000;

interface Tracked {
  runner: SessionRunner;
  lastSeenAt: number;
  intervalSeconds: number;
  timer?: unknown;
}

const text = (v: unknown, fallback: string) => (typeof v === 'string' && v !== '' ? v : fallback);

export class ObservedSessions {
  private readonly tracked = new Map<string, Tracked>();
  private readonly forgotten = new Set<string>();
  private readonly limits: ObservedLimits;

  constructor(private readonly deps: ObservedSessionsDeps) {
    this.limits = { ...DEFAULT_OBSERVED_LIMITS, ...deps.limits };
  }

  /**
   * Folds one record. The recording proxy also passes the configuration bytes it answered with and asks for
   * the full tokens to be held (in the session's owner-only recording, like the inspector's own sessions).
   */
  async accept(
    record: ObservationRecord,
    {
      content,
      holdTokens = false,
      via,
    }: {
      content?: Uint8Array | undefined;
      holdTokens?: boolean;
      /** The backend the call went to, when it is not deps.backend (the proxy after switchBackend). */
      via?: ObservedBackend;
    } = {},
  ): Promise<void> {
    let hash: string | undefined;
    if (content && content.length > 0)
      hash = this.deps.contents.put(content, record.contentType ?? undefined);
    else if (record.contentSha256 && (record.byteSize ?? 0) > 0)
      hash = await this.fetchContent(record.contentSha256, record.contentType);
    const runner = this.sessionFor(record, via);
    if (!runner) return;
    if (holdTokens && record.tokensRedacted === false)
      for (const token of [record.tokenIn, record.tokenOut])
        if (token) runner.holdObservedToken(token, Date.parse(record.answeredAt));
    runner.ledger.appendObserved(eventOf(record, hash));
    const refused = record.kind === 'startSession' && (record.status === 0 || record.status >= 400);
    runner.ledger.setState(refused ? 'failed' : 'polling');
    this.touch(runner, record.intervalReturned);
  }

  /**
   * The user deleted this session: its later calls are ignored, so nothing is written for it again (the
   * app's next session shows up as usual). Remembers the newest MAX_FORGOTTEN ids.
   */
  forget(id: string): void {
    const t = this.tracked.get(id);
    if (t) this.clearTimer(t);
    this.tracked.delete(id);
    this.forgotten.add(id);
    if (this.forgotten.size > MAX_FORGOTTEN)
      this.forgotten.delete(this.forgotten.values().next().value!);
  }

  /** Counts a session restored from a recording against the bound (it is over: no timers). */
  track(runner: SessionRunner): void {
    const last = runner.events.at(-1);
    this.tracked.set(runner.info.id, {
      runner,
      lastSeenAt: last?.answeredAt ?? runner.info.startedAt,
      intervalSeconds: this.limits.defaultIntervalSeconds,
    });
  }

  /** Sessions being tracked for idleness (tests, benches). */
  get size(): number {
    return this.tracked.size;
  }

  close(): void {
    for (const t of this.tracked.values()) this.clearTimer(t);
    this.tracked.clear();
  }

  /** Restarts the quiet-app clock: idle after a few missed intervals, ended after more. */
  private touch(runner: SessionRunner, interval: number | null): void {
    const id = runner.info.id;
    let t = this.tracked.get(id);
    if (!t) {
      t = { runner, lastSeenAt: 0, intervalSeconds: this.limits.defaultIntervalSeconds };
      this.tracked.set(id, t);
    }
    t.lastSeenAt = this.deps.clock.now();
    if (interval !== null && interval > 0) t.intervalSeconds = interval;
    this.arm(t, 'idle');
  }

  private arm(t: Tracked, next: 'idle' | 'ended'): void {
    this.clearTimer(t);
    const intervals = next === 'idle' ? this.limits.idleIntervals : this.limits.endIntervals;
    const at = t.lastSeenAt + intervals * t.intervalSeconds * 1000;
    t.timer = this.deps.clock.setTimeout(
      () => {
        t.timer = undefined;
        // A refused start stays 'failed': quiet or not, that is what happened.
        if (t.runner.info.state !== 'failed') t.runner.ledger.setState(next);
        if (next === 'idle') this.arm(t, 'ended');
      },
      Math.max(0, at - this.deps.clock.now()),
    );
  }

  private clearTimer(t: Tracked): void {
    if (t.timer !== undefined) this.deps.clock.clearTimeout(t.timer);
    t.timer = undefined;
  }

  /** Makes room for one more: the longest-quiet ended sessions go first, then idle ones, then any. */
  private makeRoom(): void {
    while (this.tracked.size >= this.limits.maxSessions) {
      const rank = (t: Tracked) =>
        t.runner.info.state === 'ended' || t.runner.info.state === 'failed'
          ? 0
          : t.runner.info.state === 'idle'
            ? 1
            : 2;
      let victim: Tracked | undefined;
      for (const t of this.tracked.values()) {
        if (
          !victim ||
          rank(t) < rank(victim) ||
          (rank(t) === rank(victim) && t.lastSeenAt < victim.lastSeenAt)
        )
          victim = t;
      }
      if (!victim) return;
      this.clearTimer(victim);
      this.tracked.delete(victim.runner.info.id);
      this.deps.evict(victim.runner);
    }
  }

  private sessionFor(record: ObservationRecord, via?: ObservedBackend): SessionRunner | undefined {
    const client = clientLabel(record);
    // Ids are derived, so a restarted inspector following the same emulator finds its sessions again.
    const ids = record.identifiers;
    const base =
      record.sessionId !== null
        ? `o-${record.sessionId}`
        : record.kind === 'startSession'
          ? `o-refused-${tokenFingerprint(JSON.stringify([client, ids?.application, ids?.environment, ids?.configurationProfile]))}`
          : `o-unreadable-${tokenFingerprint(client)}`;
    let id = base;
    if (this.forgotten.has(id)) return undefined;
    // A crash loop of refused starts fills one session up to the cap, then the next one.
    for (let n = 2; ; n++) {
      const known = this.deps.find(id);
      if (!known) break;
      if (!base.startsWith('o-refused-') || known.ledger.size < this.limits.maxRefusedEvents)
        return known;
      id = `${base}-${n}`;
    }
    this.makeRoom();
    const unreadable = record.sessionId === null && record.kind === 'poll';
    const minimum = ids?.requiredMinimumPollIntervalInSeconds;
    const info: SessionInfo = {
      id,
      origin: 'observed',
      readOnly: true,
      applicationIdentifier: unreadable
        ? '(unreadable token)'
        : text(ids?.application, record.resolved?.applicationId ?? '?'),
      environmentIdentifier: unreadable
        ? '—'
        : text(ids?.environment, record.resolved?.environmentId ?? '?'),
      configurationProfileIdentifier: unreadable
        ? '—'
        : text(ids?.configurationProfile, record.resolved?.configurationProfileId ?? '?'),
      ...(typeof minimum === 'number' ? { requiredMinimumPollIntervalInSeconds: minimum } : {}),
      ...(via ?? { backend: this.deps.backend ?? this.deps.emulatorUrl ?? '?' }),
      startedAt: Date.parse(record.receivedAt),
      client,
      state: 'polling',
    };
    const runner = new SessionRunner(info, this.deps.runnerDeps);
    this.deps.adopt(runner);
    return runner;
  }

  private async fetchContent(
    sha256: string,
    contentType: string | null,
  ): Promise<string | undefined> {
    if (!this.deps.emulatorUrl) return undefined;
    const res = await fetch(new URL(`/__emulator/contents/${sha256}`, this.deps.emulatorUrl));
    if (!res.ok) return undefined;
    return this.deps.contents.put(
      new Uint8Array(await res.arrayBuffer()),
      contentType ?? res.headers.get('content-type') ?? undefined,
    );
  }
}
