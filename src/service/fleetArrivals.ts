// What a fleet's members held over time, kept compactly: per member only its content arrivals (time + a small
// version index), plus a per-fleet table of versions with how many members hold each now, updated as content
// arrives. getFleet's series and legend come from here in O(members × points), never from the ledgers, so
// members can keep a tiny event window. Used by fleetRunner.ts only.
import type { RolloutSample } from '../core/rollout.js';
import type { FleetVersion } from '../protocol/fleetTypes.js';

interface MemberArrivals {
  /** answeredAt of each content arrival that changed what the member holds, ascending. */
  at: number[];
  /** Index into the version table, parallel to `at`. */
  version: number[];
}

export class FleetArrivals {
  private readonly members: MemberArrivals[];
  private readonly versions: { contentHash: string; versionLabel?: string }[] = [];
  private readonly byHash = new Map<string, number>();
  /** Members holding each version now, parallel to `versions`. */
  private readonly holders: number[] = [];

  constructor(size: number) {
    this.members = Array.from({ length: size }, () => ({ at: [], version: [] }));
  }

  /**
   * Records that member `index` received this content at `at`. The same content again (a replay's answer, a
   * restarted chain) changes nothing: only what the member holds matters to the chart.
   */
  arrive(index: number, at: number, contentHash: string, versionLabel?: string): void {
    const member = this.members[index];
    if (!member) return;
    const version = this.versionIndex(contentHash, versionLabel);
    const last = member.version.length - 1;
    if (last >= 0 && member.version[last] === version) return;
    if (last >= 0) this.holders[member.version[last]!]!--;
    this.holders[version]!++;
    // Answers of one member come in order; a late one (clock skew) still keeps the list sorted.
    if (last >= 0 && at < member.at[last]!) at = member.at[last]!;
    member.at.push(at);
    member.version.push(version);
  }

  /** Content hash member `index` holds now. */
  heldBy(index: number): string | undefined {
    const member = this.members[index];
    const v = member?.version[member.version.length - 1];
    return v === undefined ? undefined : this.versions[v]!.contentHash;
  }

  /** Every version a member has held, with its holders now, most holders first. */
  versionsNow(): FleetVersion[] {
    return this.versions
      .map((v, i) => ({ ...v, holders: this.holders[i]! }))
      .sort((a, b) => b.holders - a.holders);
  }

  /** Only the versions someone holds now, most holders first: the list entry's split (FleetSummary.held). */
  heldNow(): FleetVersion[] {
    return this.versionsNow().filter((v) => v.holders > 0);
  }

  /**
   * How many members held each version at `points` evenly spaced times from `from` to `to` (both included).
   * One pass per member over its arrivals and the sample times.
   */
  series(from: number, to: number, points: number): RolloutSample[] {
    if (to < from || points < 1) return [];
    const n = to === from ? 1 : Math.max(2, Math.floor(points));
    const times = Array.from({ length: n }, (_, i) =>
      i === n - 1 ? to : Math.round(from + ((to - from) * i) / (n - 1)),
    );
    // Counts by version index first; hashes only once at the end (a string key per member per point is slow).
    const counts = times.map(() => new Array<number>(this.versions.length).fill(0));
    const none = times.map(() => 0);
    for (const member of this.members) {
      let i = 0;
      let held = -1;
      for (let s = 0; s < n; s++) {
        while (i < member.at.length && member.at[i]! <= times[s]!) held = member.version[i++]!;
        if (held < 0) none[s]!++;
        else counts[s]![held]!++;
      }
    }
    return times.map((at, s) => {
      const byHash: Record<string, number> = {};
      counts[s]!.forEach((c, v) => {
        if (c > 0) byHash[this.versions[v]!.contentHash] = c;
      });
      return { at, counts: byHash, none: none[s]! };
    });
  }

  private versionIndex(contentHash: string, versionLabel?: string): number {
    let index = this.byHash.get(contentHash);
    if (index === undefined) {
      index = this.versions.length;
      this.versions.push(versionLabel ? { contentHash, versionLabel } : { contentHash });
      this.holders.push(0);
      this.byHash.set(contentHash, index);
    } else if (versionLabel && this.versions[index]!.versionLabel !== versionLabel) {
      // The same bytes deployed again under a new label: name it as members see it now.
      this.versions[index] = { contentHash, versionLabel };
    }
    return index;
  }
}
