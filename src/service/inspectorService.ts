// The engine behind the protocol: owns every session's token chain and poll loop, persists the ledger, and
// pushes protocol events. Used in-process by the browser-mode server and by the VS Code extension host.
// May import core, protocol, the AWS SDK and node:*; knows nothing of HTTP, React or VS Code.
import { randomBytes } from 'node:crypto';
import type { SessionInfo } from '../core/ledger.js';
import {
  PROTOCOL_VERSION,
  ProtocolError,
  type InspectorEvent,
  type Method,
  type Params,
  type Result,
  type SessionSummary,
} from '../protocol/messages.js';
import type { RequestHandler } from '../protocol/requestHandler.js';
import { validateRequest } from '../protocol/validate.js';
import {
  DEFAULT_TIMEOUTS,
  type Backend,
  type BackendConfig,
  type CallTimeouts,
} from './backend.js';
import { BackendSwitch, recordedBackend, sameBackendAs } from './backendSwitch.js';
import { systemClock, type Clock } from './clock.js';
import { ContentRepo } from './contentRepo.js';
import { rawResponseAt } from './rawResponse.js';
import { Recorder, type RestoredSession } from './recorder.js';
import { recordingHandlers } from './recordingHandlers.js';
import { controlPlaneHandlers } from './controlPlaneHandlers.js';
import { eventFor, stateEventFor } from './pushedEvents.js';
import { SessionRunner, type RunnerDeps } from './sessionRunner.js';
import { ObservationFollower } from './observer.js';
import { ObservedSessions, type ObservedLimits } from './observedSessions.js';
import { startRecordingProxy, type RunningProxy } from './proxyServer.js';
import { assertNotMember, Fleets, listedSessions } from './fleets.js';

export interface InspectorServiceOptions {
  backend: BackendConfig;
  /** Where recordings and contents live (see defaultDataDir). */
  dataDir: string;
  clock?: Clock;
  /** Follow the emulator's observation stream and show other apps' sessions (emulator backend; default on). */
  observe?: boolean;
  /** Connection and whole-call limits for every AWS call (defaults in backend.ts, documented in README). */
  timeouts?: Partial<CallTimeouts>;
  /** Events each session holds in memory (default LEDGER_WINDOW in core/ledger.ts); tests use small ones. */
  ledgerWindow?: number;
  /** Bounds for observed sessions (defaults in observedSessions.ts). */
  observedLimits?: Partial<ObservedLimits>;
  /**
   * View another owner's data directory (serve --read-only): restore its recordings as read-only, stopped
   * sessions, follow no observations, and create or write no file.
   */
  readOnly?: boolean;
}

type Handlers = { [M in Method]: (params: Params<M>) => Promise<Result<M>> | Result<M> };

export class InspectorService implements RequestHandler {
  private readonly sessions = new Map<string, SessionRunner>();
  private readonly listeners = new Set<(event: InspectorEvent) => void>();
  /** The current backend; switchBackend replaces it for new sessions (running ones keep theirs). */
  private readonly backends: BackendSwitch;
  private readonly clock: Clock;
  private readonly contents: ContentRepo;
  private readonly recorder: Recorder;
  /** Problems met while restoring recordings (damaged lines), for the log. */
  readonly restoreProblems: string[];
  private readonly follower?: ObservationFollower;
  private readonly observed?: ObservedSessions;
  private pendingReveal?: string;
  private readonly readOnly: boolean;
  private readonly fleets: Fleets;
  private readonly proxies: RunningProxy[] = [];

  constructor(options: InspectorServiceOptions) {
    this.clock = options.clock ?? systemClock;
    const readOnly = options.readOnly === true;
    this.readOnly = readOnly;
    this.contents = new ContentRepo(options.dataDir, undefined, { readOnly });
    this.recorder = new Recorder(options.dataDir, { readOnly });
    const depsFor = (backend: Backend): RunnerDeps => ({
      backend,
      clock: this.clock,
      contents: this.contents,
      record: (id, line) => this.recorder.append(id, line),
      ...(options.ledgerWindow !== undefined ? { ledgerWindow: options.ledgerWindow } : {}),
      emitEvent: (session, event) => this.emit(eventFor(session.id, event)),
      emitState: (session) => this.emit(stateEventFor(session)),
    });
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.backends = new BackendSwitch(options.backend, timeouts, depsFor, (backend) =>
      this.emit({ type: 'backendChanged', backend }),
    );
    const at = { dataDir: options.dataDir, readOnly, backend: this.backendLabel() };
    this.fleets = new Fleets(
      at,
      () => this.deps,
      this.recorder,
      this.sessions,
      (e) => this.emit(e),
    );
    const { restored, problems } = this.recorder.restoreAll();
    this.restoreProblems = [...problems, ...this.fleets.restoreProblems];
    const emulatorUrl = this.backend.info.emulatorUrl;
    const follow = emulatorUrl !== undefined && options.observe !== false && !readOnly;
    // Also without the emulator: the recording proxy (startProxy) folds its calls into observed sessions.
    if (!readOnly) {
      this.observed = new ObservedSessions({
        ...(follow ? { emulatorUrl } : {}),
        backend: this.backendLabel(),
        runnerDeps: this.deps,
        contents: this.contents,
        clock: this.clock,
        ...(options.observedLimits ? { limits: options.observedLimits } : {}),
        find: (id) => this.sessions.get(id),
        adopt: (runner) => this.adopt(runner),
        evict: (runner) => this.forget(runner),
      });
    }
    // A viewer polls nothing, so nothing it lists is live: a session another process polls shows as stopped.
    for (const r of restored) {
      const { state } = r.session;
      const shown = state === 'failed' || state === 'ended' ? state : 'stopped';
      this.restore(readOnly ? { ...r, session: { ...r.session, readOnly, state: shown } } : r);
    }
    this.fleets.restored();
    if (this.observed && emulatorUrl && follow) {
      const observed = this.observed;
      this.follower = new ObservationFollower(
        emulatorUrl,
        (record) => observed.accept(record),
        (m) => console.error(`[observer] ${m}`),
        this.backend.observerSecret,
      );
      this.follower.start();
    }
  }

  /**
   * Asks the UI to show a session (the VS Code commands start or import one outside the page). A page that
   * is open gets the event; one still loading gets it in its hello answer.
   */
  reveal(sessionId: string): void {
    this.runner(sessionId);
    this.pendingReveal = sessionId;
    this.emit({ type: 'sessionRevealed', sessionId });
  }

  /**
   * Puts a recorded session back. One that was polling when the last run ended (a crash, a restart) resumes
   * on its own when this run talks to the same backend; an observed app's session is over.
   */
  private restore(r: RestoredSession): void {
    const live = ['starting', 'polling', 'retrying', 'idle'].includes(r.session.state);
    const sameBackend = sameBackendAs(r.session, this.backend);
    const state =
      !live || r.session.readOnly
        ? r.session.state
        : r.session.origin === 'observed'
          ? 'ended'
          : sameBackend
            ? 'polling'
            : 'paused';
    const info = this.fleets.memberInfo({ ...r.session, state });
    const runner =
      this.fleets.restoreMember(info, r.events, r.tokens) ??
      SessionRunner.restore(info, r.events, r.tokens, this.deps);
    this.sessions.set(r.session.id, runner);
    if (r.session.origin === 'observed') this.observed?.track(runner);
    if (state === 'polling') runner.resumeRestored();
  }

  /** What a session records as its backend: 'aws' or the endpoint it talks to (a switch keeps it). */
  private backendLabel(): string {
    return recordedBackend(this.backend).backend;
  }

  private get backend(): Backend {
    return this.backends.backend;
  }

  /** New runners' deps; a runner keeps the ones it was made with, and so its backend. */
  private get deps(): RunnerDeps {
    return this.backends.deps;
  }

  private forget(runner: SessionRunner): void {
    runner.dispose();
    this.sessions.delete(runner.info.id);
    this.recorder.delete(runner.info.id);
    this.emit({ type: 'sessionDeleted', sessionId: runner.info.id });
  }

  /** Resolves once every observation received so far is in the ledger (tests). */
  async observationsSettled(): Promise<void> {
    await this.follower?.drained();
    for (const proxy of this.proxies) await proxy.settled();
  }

  /**
   * Starts the recording proxy (serve --proxy-port): a loopback AppConfig Data endpoint whose calls are
   * forwarded to this backend with the inspector's credentials and shown as observed sessions.
   */
  async startProxy(port: number): Promise<RunningProxy> {
    this.assertOwner();
    const observed = this.observed!;
    const proxy = await startRecordingProxy({
      backend: () => this.backend,
      port,
      accept: async (record, content, via) => {
        // A profile's own region is known once resolved; an app may call before any UI said hello.
        await via.resolveRegion();
        await observed.accept(record, { content, holdTokens: true, via: recordedBackend(via) });
      },
      log: (m) => console.error(`[proxy] ${m}`),
    });
    this.proxies.push(proxy);
    return proxy;
  }

  private adopt(runner: SessionRunner): void {
    this.recorder.create(runner.info);
    this.sessions.set(runner.info.id, runner);
    this.emit({ type: 'sessionStarted', session: runner.summary() });
  }

  onEvent(listener: (event: InspectorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validates, runs and settles one request; bad input becomes a ProtocolError with a precise message. */
  async handle(method: string, params: unknown): Promise<unknown> {
    const request = validateRequest(method, params);
    const handler = this.handlers[request.method] as (p: unknown) => Promise<unknown> | unknown;
    return handler(request.params);
  }

  /** Typed entry for in-process callers (tests, the extension's commands). */
  request<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
    return this.handle(method, params) as Promise<Result<M>>;
  }

  close(): void {
    for (const proxy of this.proxies.splice(0)) void proxy.close();
    this.follower?.close();
    this.observed?.close();
    this.fleets.close();
    for (const runner of this.sessions.values()) runner.dispose();
    this.listeners.clear();
    this.backends.close();
  }

  private readonly handlers: Handlers = {
    hello: async ({ protocolVersion }) => {
      if (protocolVersion !== PROTOCOL_VERSION) {
        throw new ProtocolError(
          'protocolMismatch',
          `UI speaks protocol ${protocolVersion}, this server speaks ${PROTOCOL_VERSION}; reload the page.`,
        );
      }
      await this.backend.resolveRegion();
      await this.backends.identify();
      const revealSessionId = this.pendingReveal;
      this.pendingReveal = undefined;
      return {
        protocolVersion: PROTOCOL_VERSION,
        backend: this.backend.info,
        ...(revealSessionId ? { revealSessionId } : {}),
      };
    },
    // A fleet is listed once, by listFleets (protocol/fleetTypes.ts), not as one row per member.
    listSessions: () => listedSessions(this.sessions.values()),
    getSession: ({ sessionId }) => {
      const runner = this.runner(sessionId);
      return { session: runner.summary(), events: [...runner.events] };
    },
    startSession: async (params) => {
      this.assertOwner();
      const info: SessionInfo = {
        id: `s-${randomBytes(6).toString('hex')}`,
        origin: 'inspector',
        applicationIdentifier: params.applicationIdentifier,
        environmentIdentifier: params.environmentIdentifier,
        configurationProfileIdentifier: params.configurationProfileIdentifier,
        ...(params.requiredMinimumPollIntervalInSeconds !== undefined
          ? { requiredMinimumPollIntervalInSeconds: params.requiredMinimumPollIntervalInSeconds }
          : {}),
        ...recordedBackend(this.backend),
        startedAt: this.clock.now(),
        state: 'starting',
      };
      const runner = new SessionRunner(info, this.deps);
      this.adopt(runner);
      await runner.start();
      return runner.summary();
    },
    pauseSession: ({ sessionId }) => this.act(sessionId, (r) => r.pause()),
    resumeSession: ({ sessionId }) => this.act(sessionId, (r) => r.resume()),
    stopSession: ({ sessionId }) => this.act(sessionId, (r) => r.stop()),
    deleteSession: async ({ sessionId }) => {
      const runner = this.runner(sessionId);
      this.assertOwner();
      assertNotMember(runner.info);
      // Waits for the session's queue. An observed app's session is not ours to stop; once forgotten, its
      // later calls are ignored so nothing is written for it again.
      await runner.close();
      if (runner.info.origin === 'observed') this.observed?.forget(sessionId);
      if (this.sessions.get(sessionId) === runner) this.forget(runner);
      return { deleted: true as const };
    },
    pollNow: ({ sessionId }) => this.runner(sessionId).pollNow(),
    replayToken: ({ sessionId, seq }) => this.runner(sessionId).replay(seq),
    getContent: ({ contentHash }) => this.contents.get(contentHash),
    getRawResponse: ({ sessionId, seq }) =>
      rawResponseAt(this.runner(sessionId), seq, (hash) => this.contents.get(hash)),
    ...controlPlaneHandlers(() => ({
      backend: this.backend,
      clock: this.clock,
      contents: this.contents,
      readOnly: this.readOnly,
    })),
    switchBackend: (params) => this.backends.switchTo(params),
    startFleet: (params) => this.fleets.start(params),
    listFleets: () => this.fleets.list(),
    getFleet: ({ fleetId }) => this.fleets.get(fleetId),
    stopFleet: ({ fleetId }) => this.fleets.stop(fleetId),
    deleteFleet: ({ fleetId }) => this.fleets.delete(fleetId),
    ...recordingHandlers(() => ({
      runner: (id) => this.runner(id),
      recorder: this.recorder,
      contents: this.contents,
      deps: this.deps,
      assertOwner: () => this.assertOwner(),
      add: (runner) => {
        this.sessions.set(runner.info.id, runner);
        this.emit({ type: 'sessionStarted', session: runner.summary() });
      },
    })),
  };

  /** A --read-only inspector shows a data directory another process owns: it changes nothing there. */
  private assertOwner(): void {
    if (this.readOnly)
      throw new ProtocolError(
        'conflict',
        'This inspector is read-only (--read-only): it shows the recordings without owning the data directory, so nothing can be started, imported or deleted.',
      );
  }

  private runner(sessionId: string): SessionRunner {
    const runner = this.sessions.get(sessionId);
    if (!runner) throw new ProtocolError('notFound', `No session ${sessionId}.`);
    return runner;
  }

  private async act(
    sessionId: string,
    change: (runner: SessionRunner) => Promise<void>,
  ): Promise<SessionSummary> {
    const runner = this.runner(sessionId);
    await change(runner);
    return runner.summary();
  }

  private emit(event: InspectorEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        console.error('[inspector] event listener failed', e);
      }
    }
  }
}
