// How a rollout spreads over a group of sessions (a fleet, or every session of one environment and profile):
// which version each session holds at a time, and how many hold each version over time. Pure core, the basis
// of the fleet chart (issue "Debug a deployment end to end"); imports only core files.
import type { PollEvent } from './ledger.js';

/** A version as a session holds it: the content's hash identifies it, the label names it. */
export interface HeldVersion {
  contentHash: string;
  versionLabel?: string;
}

/** One point of the series: how many sessions held each version (by content hash) at `at`. */
export interface RolloutSample {
  at: number;
  counts: Record<string, number>;
  /** Sessions that held no configuration yet at `at`. */
  none: number;
}

/** Content arrivals of one ledger in answer order: the only events that change what a session holds. */
function arrivals(events: readonly PollEvent[]): { at: number; version: HeldVersion }[] {
  const out: { at: number; version: HeldVersion }[] = [];
  for (const e of events) {
    // A deliberate replay answers from an old token: it shows what AWS would send, not what the app holds.
    if (e.outcome.type !== 'content' || e.trigger === 'replay') continue;
    const { contentHash, versionLabel } = e.outcome;
    out.push({
      at: e.answeredAt,
      version: versionLabel ? { contentHash, versionLabel } : { contentHash },
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The version a session held at `at`: the last content it received by then (an empty body keeps it). */
export function heldVersionAt(events: readonly PollEvent[], at: number): HeldVersion | undefined {
  let held: HeldVersion | undefined;
  for (const a of arrivals(events)) {
    if (a.at > at) break;
    held = a.version;
  }
  return held;
}

/**
 * Samples every `stepMs` from `from` to `to` (both included) how many of the sessions held each version.
 * One pass per session over its arrivals, so 1,000 sessions by a few hundred samples stays cheap.
 */
export function rolloutSeries(
  sessions: readonly (readonly PollEvent[])[],
  from: number,
  to: number,
  stepMs: number,
): RolloutSample[] {
  if (!(stepMs > 0) || to < from) return [];
  const times: number[] = [];
  for (let t = from; t < to; t += stepMs) times.push(t);
  times.push(to);
  const samples: RolloutSample[] = times.map((at) => ({ at, counts: {}, none: 0 }));
  for (const events of sessions) {
    const list = arrivals(events);
    let i = 0;
    let held: string | undefined;
    for (const sample of samples) {
      while (i < list.length && list[i]!.at <= sample.at) held = list[i++]!.version.contentHash;
      if (held === undefined) sample.none++;
      else sample.counts[held] = (sample.counts[held] ?? 0) + 1;
    }
  }
  return samples;
}
