// Collects the sessions `watch`'s CMD makes: the inspector's service follows the private emulator's
// observation stream into a private, owner-only data directory; after CMD exits it waits (bounded) until every
// observation the emulator made is in the ledger, then hands over each session with core's anomalies, and
// writes them as recordings the inspector's Import opens. Imported by watchCommand.ts only.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectAnomalies } from '../core/anomalies.js';
import { recordingSlug } from '../core/recordingName.js';
import type { WatchSessionInput } from '../core/watchReport.js';
import type { RunningEmulator } from '../emulator/index.js';
import type { InspectorEvent } from '../protocol/messages.js';
import { InspectorService } from '../service/inspectorService.js';
import { writePrivateFile } from '../service/privateFs.js';

/** How long watch waits after CMD exits for the last observations to reach the ledger. */
export const SETTLE_TIMEOUT_MS = 5_000;

/** Pushed events that each stand for one folded observation record (see service/pushedEvents.ts). */
const FOLDED: ReadonlySet<InspectorEvent['type']> = new Set([
  'tokenIssued',
  'configurationReceived',
  'pollUnchanged',
  'pollFailed',
]);

export class WatchCollector {
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'aci-watch-'));
  private readonly service: InspectorService;
  private folded = 0;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly emulator: RunningEmulator) {
    this.service = new InspectorService({
      backend: {
        kind: 'emulator',
        endpoint: emulator.url,
        observerSecret: emulator.observerSecret,
      },
      dataDir: this.dataDir,
      // Every session CMD made belongs in the report: none may be evicted to bound an open-ended UI list.
      observedLimits: { maxSessions: 1_000_000 },
    });
    this.service.onEvent((event) => {
      if (!FOLDED.has(event.type)) return;
      this.folded++;
      for (const wake of this.waiters) wake();
    });
  }

  /**
   * Resolves true once as many records are folded as the emulator has made, false when SETTLE_TIMEOUT_MS
   * passed first (the report then says what it holds).
   */
  async settle(): Promise<{ settled: boolean; folded: number; made: number }> {
    const made = this.emulator.context.observations.lastSeq;
    const settled = await new Promise<boolean>((resolve) => {
      const check = () => {
        if (this.folded < made) return;
        finish(true);
      };
      const timer = setTimeout(() => finish(false), SETTLE_TIMEOUT_MS);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(ok);
      };
      this.waiters.add(check);
      check();
    });
    // A record is counted when its event is pushed; the follower's queue may still be writing the next.
    await this.service.observationsSettled();
    return { settled, folded: this.folded, made };
  }

  /** Every session CMD made, with the flags core computes for it exactly as the UI does. */
  async sessions(now: number): Promise<WatchSessionInput[]> {
    const listed = await this.service.request('listSessions', {});
    const sessions: WatchSessionInput[] = [];
    for (const summary of listed) {
      if (summary.origin !== 'observed') continue;
      const { session, events } = await this.service.request('getSession', {
        sessionId: summary.id,
      });
      sessions.push({ info: session, events, anomalies: detectAnomalies(session, events, now) });
    }
    return sessions.sort((a, b) => a.info.startedAt - b.info.startedAt);
  }

  /** Writes each session as `watch-<n>-<app>-<env>-<profile>.json` in dir (n as in the report). */
  async writeRecordings(dir: string, sessions: { index: number; id: string }[]): Promise<string[]> {
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (const { index, id } of sessions) {
      const recording = await this.service.request('exportSession', { sessionId: id });
      const file = join(dir, `watch-${index}-${recordingSlug(recording.session)}.json`);
      // A recording holds full tokens and contents: owner-only, as everything the inspector writes.
      writePrivateFile(file, `${JSON.stringify(recording, null, 2)}\n`);
      files.push(file);
    }
    return files;
  }

  /** Stops following and removes the private data directory (recordings were written elsewhere). */
  close(): void {
    this.service.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
