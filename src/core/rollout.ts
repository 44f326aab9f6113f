// How a rollout reaches a session: which version it held at a time (heldVersionAt, for core's rules), and the
// sample shape of the fleet chart's series (RolloutSample, built by service/fleetArrivals.ts). Pure core;
// imports only core files.
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
