// Folds emulator observation records into 'observed' sessions: one per emulator session (keyed by its id),
// one per failed StartConfigurationSession, and one per client for polls whose token could not be read.
// Contents are fetched once from the emulator by hash and stored like our own.
import type { SessionInfo } from '../core/ledger.js';
import type { ContentRepo } from './contentRepo.js';
import { tokenFingerprint } from './hashing.js';
import { clientLabel, eventOf, type ObservationRecord } from './observer.js';
import { SessionRunner, type RunnerDeps } from './sessionRunner.js';

export interface ObservedSessionsDeps {
  emulatorUrl: string;
  runnerDeps: RunnerDeps;
  contents: ContentRepo;
  /** Registers a new session with the service (list, recording, sessionStarted event). */
  adopt(runner: SessionRunner): void;
  /** Session already known to the service, by inspector id. */
  find(id: string): SessionRunner | undefined;
}

const text = (v: unknown, fallback: string) => (typeof v === 'string' && v !== '' ? v : fallback);

export class ObservedSessions {
  constructor(private readonly deps: ObservedSessionsDeps) {}

  async accept(record: ObservationRecord): Promise<void> {
    const runner = this.sessionFor(record);
    let hash: string | undefined;
    if (record.contentSha256 && (record.byteSize ?? 0) > 0)
      hash = await this.fetchContent(record.contentSha256, record.contentType);
    runner.recordObserved(eventOf(record, hash));
    if (record.kind === 'startSession' && record.status >= 400) runner.markFailed();
  }

  private sessionFor(record: ObservationRecord): SessionRunner {
    const client = clientLabel(record);
    // Ids are derived, so a restarted inspector following the same emulator finds its sessions again.
    const id =
      record.sessionId !== null
        ? `o-${record.sessionId}`
        : record.kind === 'startSession'
          ? `o-refused-${record.seq}`
          : `o-unreadable-${tokenFingerprint(client)}`;
    const known = this.deps.find(id);
    if (known) return known;
    const ids = record.identifiers;
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
      backend: this.deps.emulatorUrl,
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
    const res = await fetch(new URL(`/__emulator/contents/${sha256}`, this.deps.emulatorUrl));
    if (!res.ok) return undefined;
    return this.deps.contents.put(
      new Uint8Array(await res.arrayBuffer()),
      contentType ?? res.headers.get('content-type') ?? undefined,
    );
  }
}
