// Owns the extension host's one InspectorService, plus the embedded emulator when the backend is 'emulator'
// and the recording proxy when appconfigInspector.proxyPort is set: starts them from settings, restarts them
// when settings change, and keeps one event stream and one request entry point across restarts for the
// webview bridge, the status bar and the commands.
// Owns its data directory's lock while it runs (a second window gets its own folder, see windowDataDir.ts)
// and writes <dataDir>/emulator.json ({url, pid}) while an emulator runs, so tools and tests can find it.
// vscode-free so it runs in unit tests; must not import vscode, ui or server.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from '../../src/protocol/requestHandler.js';
import {
  ProtocolError,
  type InspectorEvent,
  type Method,
  type Params,
  type Result,
} from '../../src/protocol/messages.js';
import type { DataDirLock } from '../../src/service/dataDirLock.js';
import { InspectorService } from '../../src/service/inspectorService.js';
import { replacePrivateFile } from '../../src/service/privateFs.js';
import type { RunningProxy } from '../../src/service/proxyServer.js';
import { launchEmulator, type LaunchedEmulator } from './emulatorLauncher.js';
import { describeSettings, toBackendConfig, type InspectorSettings } from './settings.js';
import { claimWindowDataDir } from './windowDataDir.js';

export interface HostLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const DISCOVERY_FILE = 'emulator.json';

/** Contents of <dataDir>/emulator.json. */
export interface EmulatorDiscovery {
  url: string;
  pid: number;
  startedAt: number;
}

interface Running {
  settings: InspectorSettings;
  /** The folder this window owns: the configured one, or its own under windows/ when that was taken. */
  dataDir: string;
  lock: DataDirLock;
  notice?: string;
  service: InspectorService;
  emulator?: LaunchedEmulator;
  proxy?: RunningProxy;
  /** Why the configured proxy is not running (the service runs without it). */
  proxyFailure?: string;
  offEvents: () => void;
}

export interface HostStatus {
  settings?: InspectorSettings;
  /** Where this window's recordings are (see Running.dataDir). */
  dataDirectory?: string;
  /** Why this window does not use the configured data directory, when it doesn't. */
  dataDirectoryNotice?: string;
  emulatorUrl?: string;
  /** The recording proxy's URL, while it runs: apps use it as their AppConfig Data endpoint. */
  proxyUrl?: string;
  /** Why the recording proxy asked for in the settings is not running, while the rest runs without it. */
  proxyFailure?: string;
  /** Why the last start failed, while nothing runs. */
  failure?: string;
}

export class ServiceHost implements RequestHandler {
  private running?: Running;
  private failure?: string;
  /** Start and stop run one at a time, in call order; requests wait for the latest one. */
  private queue: Promise<Running | undefined> = Promise.resolve(undefined);
  private readonly eventListeners = new Set<(event: InspectorEvent) => void>();
  private readonly stateListeners = new Set<() => void>();
  /** The folder the last start claimed, and for which configured directory (see claimWindowDataDir). */
  private claimed?: { configured: string; dataDir: string };

  constructor(private readonly log: HostLog) {}

  /** Stops whatever runs, then starts with `settings`. Rejects when the start fails (the reason is also logged). */
  async start(settings: InspectorSettings): Promise<void> {
    await this.enqueue(async () => {
      await this.shutdown();
      return this.launch(settings);
    });
  }

  /** Stops the service (sessions stay recorded; they come back paused) and the emulator. */
  async stop(): Promise<void> {
    await this.enqueue(async () => {
      await this.shutdown();
      return undefined;
    });
  }

  status(): HostStatus {
    if (this.running) {
      return {
        settings: this.running.settings,
        dataDirectory: this.running.dataDir,
        ...(this.running.notice ? { dataDirectoryNotice: this.running.notice } : {}),
        ...(this.running.emulator ? { emulatorUrl: this.running.emulator.url } : {}),
        ...(this.running.proxy ? { proxyUrl: this.running.proxy.url } : {}),
        ...(this.running.proxyFailure ? { proxyFailure: this.running.proxyFailure } : {}),
      };
    }
    return this.failure !== undefined ? { failure: this.failure } : {};
  }

  /** Runs one protocol request on the current service, waiting for a start in progress. */
  async handle(method: string, params: unknown): Promise<unknown> {
    const running = await this.queue;
    if (!running) {
      throw new ProtocolError(
        'unavailable',
        `The inspector service is not running${this.failure ? `: ${this.failure}` : '.'}`,
      );
    }
    return running.service.handle(method, params);
  }

  /** Typed entry for the extension's own commands. */
  request<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
    return this.handle(method, params) as Promise<Result<M>>;
  }

  /** Asks the panel to show a session (see InspectorService.reveal); a no-op while nothing runs. */
  async reveal(sessionId: string): Promise<void> {
    (await this.queue)?.service.reveal(sessionId);
  }

  /** Events of whichever service is running; the subscription survives restarts. */
  onEvent(listener: (event: InspectorEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Called after every start, stop or failed start. */
  onStateChange(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private enqueue(step: () => Promise<Running | undefined>): Promise<Running | undefined> {
    const next = this.queue.then(step);
    // A failed step leaves nothing running; later steps and requests must not inherit its rejection.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async launch(settings: InspectorSettings): Promise<Running> {
    let emulator: LaunchedEmulator | undefined;
    let lock: DataDirLock | undefined;
    let service: InspectorService | undefined;
    try {
      const previous =
        this.claimed?.configured === settings.dataDirectory ? this.claimed.dataDir : undefined;
      const claimed = claimWindowDataDir(settings.dataDirectory, previous);
      lock = claimed.lock;
      const { dataDir, notice } = claimed;
      this.claimed = { configured: settings.dataDirectory, dataDir };
      if (lock.tookOver) this.log.warn(lock.tookOver);
      if (notice) this.log.info(notice);
      if (settings.backend === 'emulator') {
        emulator = await launchEmulator(
          { port: settings.emulatorPort, timeScale: settings.emulatorTimeScale },
          (message) => this.log.warn(message),
        );
        this.log.info(
          `Embedded AppConfig emulator: ${emulator.url} (point your app here: AWS_ENDPOINT_URL_APPCONFIGDATA=${emulator.url})`,
        );
      }
      service = new InspectorService({
        backend: toBackendConfig(settings, emulator?.url, emulator?.observerSecret),
        dataDir,
        timeouts: {
          connectTimeoutMs: settings.connectTimeoutMs,
          requestTimeoutMs: settings.requestTimeoutMs,
        },
      });
      for (const problem of service.restoreProblems) this.log.warn(`Recording problem: ${problem}`);
      const offEvents = service.onEvent((event) => {
        for (const listener of [...this.eventListeners]) listener(event);
      });
      // After the subscription: an app's first proxied call is an event the panel must see.
      const proxied = await this.startProxy(service, settings.proxyPort);
      if (emulator) writeDiscovery(dataDir, emulator.url);
      this.running = {
        settings,
        dataDir,
        lock,
        service,
        offEvents,
        ...(notice ? { notice } : {}),
        ...(emulator ? { emulator } : {}),
        ...proxied,
      };
      this.failure = undefined;
      // What runs: a proxy that could not listen is not named, one on "any free" port is named by its port.
      const runs = { ...settings, proxyPort: proxied.proxy?.port ?? null };
      this.log.info(`Service started with ${describeSettings(runs)}; recordings in ${dataDir}`);
      this.notify();
      return this.running;
    } catch (e) {
      service?.close();
      await emulator?.close();
      lock?.release();
      this.failure = e instanceof Error ? e.message : String(e);
      this.log.error(
        `Could not start the service with ${describeSettings(settings)}: ${this.failure}`,
      );
      this.notify();
      throw e;
    }
  }

  /**
   * The recording proxy, when the settings ask for one. A port it cannot have is said in words and leaves the
   * service (panel, sessions, emulator) running without it.
   */
  private async startProxy(
    service: InspectorService,
    port: number | null,
  ): Promise<Pick<Running, 'proxy' | 'proxyFailure'>> {
    if (port === null) return {};
    try {
      const proxy = await service.startProxy(port);
      this.log.info(
        `Recording proxy: ${proxy.url} (point your app here to watch it: AWS_ENDPOINT_URL_APPCONFIGDATA=${proxy.url})`,
      );
      return { proxy };
    } catch (e) {
      const proxyFailure = proxyFailureText(port, e);
      this.log.warn(`Recording proxy not started: ${proxyFailure}`);
      return { proxyFailure };
    }
  }

  private async shutdown(): Promise<undefined> {
    const running = this.running;
    if (!running) return undefined;
    this.running = undefined;
    running.offEvents();
    // Awaited (service.close only starts closing it): a restart on the same port must find it free.
    await running.proxy?.close();
    running.service.close();
    if (running.emulator) {
      removeDiscovery(running.dataDir, running.emulator.url);
      await running.emulator.close();
    }
    running.lock.release();
    this.log.info('Service stopped; sessions stay recorded and come back paused.');
    this.notify();
    return undefined;
  }

  private notify(): void {
    for (const listener of [...this.stateListeners]) {
      try {
        listener();
      } catch (e) {
        this.log.error(`A state listener failed: ${String(e)}`);
      }
    }
  }
}

/** Why the proxy could not listen, naming the setting to change. */
function proxyFailureText(port: number, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return `port ${port} is in use; set appconfigInspector.proxyPort to another port or 0`;
  if (code === 'EACCES')
    return `port ${port} may not be opened here; set appconfigInspector.proxyPort to another port or 0`;
  return `port ${port}: ${error instanceof Error ? error.message : String(error)}`;
}

/** Written via rename so a reader never sees half a file; owner-only like everything in the data directory. */
function writeDiscovery(dataDir: string, url: string): void {
  const discovery: EmulatorDiscovery = { url, pid: process.pid, startedAt: Date.now() };
  replacePrivateFile(join(dataDir, DISCOVERY_FILE), `${JSON.stringify(discovery, null, 2)}\n`);
}

/** Removes the file only while it names our own emulator: never one another process has written since. */
function removeDiscovery(dataDir: string, url: string): void {
  const file = join(dataDir, DISCOVERY_FILE);
  try {
    const current = JSON.parse(readFileSync(file, 'utf8')) as Partial<EmulatorDiscovery>;
    if (current.url === url && current.pid === process.pid) rmSync(file, { force: true });
  } catch {
    // Missing or unreadable: nothing of ours to remove.
  }
}
