// The service's current backend and the ones it replaced (switchBackend): new sessions, fleets and
// control-plane calls take the current one; a running session keeps the RunnerDeps, and so the Backend, it was
// created with, so every backend made here lives until the service closes. Used by inspectorService.ts.
import type { SessionInfo } from '../core/ledger.js';
import { ProtocolError, type BackendInfo, type SwitchBackendParams } from '../protocol/messages.js';
import { listAwsProfiles } from './awsProfiles.js';
import { createBackend, type Backend, type BackendConfig, type CallTimeouts } from './backend.js';
import type { RunnerDeps } from './sessionRunner.js';
import { settlesWithin } from './identity.js';
import { SerialQueue } from './serialQueue.js';

/** What a session records of the backend it starts on: 'aws' or the endpoint URL, its region, its profile. */
export function recordedBackend(
  backend: Backend,
): Pick<SessionInfo, 'backend' | 'region' | 'profile'> {
  const { info } = backend;
  return {
    backend: info.kind === 'aws' ? 'aws' : (info.endpoint ?? info.kind),
    region: info.region,
    ...(info.profile ? { profile: info.profile } : {}),
  };
}

/** A named profile must be in the shared files: otherwise the SDK would only fail at the first call. */
async function assertProfileExists(name: string): Promise<void> {
  const list = await listAwsProfiles();
  if (!list.profiles.some((p) => p.name === name))
    throw new ProtocolError(
      'notFound',
      `No profile "${name}" in ${list.configFile} or ${list.credentialsFile}.`,
    );
}

/**
 * Whether a restored session may resume here: same endpoint and, when it recorded one, the same profile (a
 * recording from before profiles were recorded has none and resumes as it always did).
 */
export function sameBackendAs(session: SessionInfo, backend: Backend): boolean {
  const here = recordedBackend(backend);
  return (
    session.backend === here.backend &&
    (session.profile === undefined || session.profile === here.profile)
  );
}

export class BackendSwitch {
  private config: BackendConfig;
  private currentDeps: RunnerDeps;
  private readonly all: Backend[] = [];
  /** Identity calls whose late answer is already awaited, so each is pushed once. */
  private readonly pushLate = new WeakSet<Promise<void>>();
  private readonly switching = new SerialQueue();

  constructor(
    config: BackendConfig,
    private readonly timeouts: CallTimeouts,
    /** The deps every runner of one backend shares; called once per backend. */
    private readonly depsFor: (backend: Backend) => RunnerDeps,
    private readonly changed: (backend: BackendInfo) => void,
  ) {
    this.config = config;
    this.currentDeps = this.make(config);
  }

  get backend(): Backend {
    return this.currentDeps.backend;
  }

  /** For new runners only: an existing runner keeps the object it was given. */
  get deps(): RunnerDeps {
    return this.currentDeps;
  }

  /** One switch at a time: two at once would both read the same old config and race to replace it. */
  switchTo(params: SwitchBackendParams): Promise<BackendInfo> {
    return this.switching.run(() => this.switchNow(params));
  }

  private async switchNow(params: SwitchBackendParams): Promise<BackendInfo> {
    const config = this.config;
    if (config.kind === 'emulator')
      throw new ProtocolError(
        'conflict',
        'The embedded emulator ignores credentials and regions, so there is nothing to switch: start the inspector against AWS (or an endpoint) to use profiles.',
      );
    const profile = params.profile ?? config.profile;
    if (profile) await assertProfileExists(profile);
    // A new profile without a region brings its own (the SDK reads it from the shared config).
    const region =
      params.region ?? (params.profile !== undefined ? undefined : this.backend.info.region);
    const { profile: _profile, region: _region, ...rest } = config;
    const next = {
      ...rest,
      ...(profile ? { profile } : {}),
      ...(region && !region.startsWith('(') ? { region } : {}),
    } as BackendConfig;
    const deps = this.make(next);
    const resolved = await deps.backend.resolveRegion();
    if (resolved.startsWith('(')) {
      this.all.splice(this.all.indexOf(deps.backend), 1);
      deps.backend.destroy();
      throw new ProtocolError(
        'invalidParams',
        `Profile ${profile ?? '(default chain)'} names no region: pick one. ${resolved}`,
      );
    }
    this.config = next;
    this.currentDeps = deps;
    await this.identify();
    this.changed(deps.backend.info);
    return deps.backend.info;
  }

  /**
   * Waits for the current backend's identity at most its connect timeout, so hello and switchBackend never
   * hang on STS; a later answer reaches the UI as backendChanged (while that backend is still current).
   */
  async identify(): Promise<void> {
    const backend = this.backend;
    const done = backend.resolveIdentity();
    if (await settlesWithin(done, backend.timeouts.connectTimeoutMs)) return;
    if (this.pushLate.has(done)) return;
    this.pushLate.add(done);
    void done.then(() => {
      if (this.backend === backend) this.changed(backend.info);
    });
  }

  /** Every backend ever made: running sessions may still hold any of them until now. */
  close(): void {
    for (const backend of this.all.splice(0)) backend.destroy();
  }

  private make(config: BackendConfig): RunnerDeps {
    const backend = createBackend(config, this.timeouts);
    this.all.push(backend);
    return this.depsFor(backend);
  }
}
