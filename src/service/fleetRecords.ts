// A fleet's own small file, <data-dir>/fleets/<id>.json: what it was started with and which sessions are its
// members, so a restarted service puts the fleet back together from the members' recordings. Members' events
// and tokens live in their ordinary session recordings (recorder.ts). Used by fleets.ts and fleetRunner.ts.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FleetState, StartFleetParams } from '../protocol/fleetTypes.js';
import { ensurePrivateDir, replacePrivateFile } from './privateFs.js';

export interface FleetRecord {
  format: 'appconfig-inspector-fleet';
  id: string;
  params: StartFleetParams & { jitterSeconds: number };
  backend: string;
  region?: string;
  startedAt: number;
  state: FleetState;
  stoppedAt?: number;
  /** Member session ids in start order. */
  memberIds: string[];
}

export class FleetRecords {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly readOnly: boolean,
  ) {
    this.dir = join(dataDir, 'fleets');
  }

  save(record: FleetRecord): void {
    if (this.readOnly) return;
    ensurePrivateDir(this.dir, false);
    // Replaced whole (temp file + rename): a crash leaves the old or the new record, never half of one.
    replacePrivateFile(this.file(record.id), JSON.stringify(record));
  }

  delete(id: string): void {
    if (!this.readOnly) rmSync(this.file(id), { force: true });
  }

  /** Every readable record; a damaged one is reported and skipped (its members then show as sessions). */
  loadAll(): { records: FleetRecord[]; problems: string[] } {
    const records: FleetRecord[] = [];
    const problems: string[] = [];
    if (!existsSync(this.dir)) return { records, problems };
    for (const name of readdirSync(this.dir).filter((n) => n.endsWith('.json'))) {
      try {
        const r = JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as Partial<FleetRecord>;
        if (r.format !== 'appconfig-inspector-fleet' || typeof r.id !== 'string')
          throw new Error('not a fleet record');
        if (!Array.isArray(r.memberIds) || typeof r.params !== 'object')
          throw new Error('no members or parameters');
        records.push(r as FleetRecord);
      } catch (e) {
        problems.push(`fleets/${name}: ${(e as Error).message}; skipped`);
      }
    }
    return { records, problems };
  }

  private file(id: string): string {
    return join(this.dir, `${id}.json`);
  }
}
