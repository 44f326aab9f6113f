// The fleet methods' shapes as they cross the protocol: a fleet is N ordinary sessions of one profile, each
// polling on its own schedule, watched together to see a rollout spread. Part of messages.ts (re-exported
// there); imported by the service's fleet files and the UI's fleet components. Imports only core.
//
// How fleets appear next to sessions (decided here, so both sides agree):
// - `listSessions` OMITS fleet members: a fleet is listed once, by `listFleets`, as a FleetSummary.
// - A member is an ordinary session (SessionInfo.fleetId is set): `getSession`, `getRawResponse`,
//   `exportSession`, `pollNow`, `pauseSession`, `resumeSession` and `stopSession` work on it as on any session.
//   `deleteSession` refuses a member ('conflict'): members go with their fleet (`deleteFleet`).
// - Members' per-poll events (tokenIssued, configurationReceived, sessionChanged, …) are NOT pushed: 1,000
//   members would push several thousand a minute. Instead `fleetChanged` is pushed at most once a second per
//   fleet while anything in it changed; a page showing the fleet (or one of its members) refetches then.
// - A member holds its full tokens on disk only (memory keeps the chain's current one) and only a small window
//   of its newest events in memory: getSession on a member returns that window (SessionSummary.firstHeldSeq
//   says where it starts); the whole ledger is in its recording (exportSession).
import type { SessionState } from '../core/ledger.js';
import type { RolloutSample } from '../core/rollout.js';

export type { RolloutSample } from '../core/rollout.js';

/** Members a fleet may have (issue: "N sessions (1 to 1,000)"). */
export const MAX_FLEET_SIZE = 1000;
/** Most points getFleet's series has, whatever the fleet's age: the chart's cost stays flat. */
export const MAX_FLEET_SERIES_POINTS = 300;
/** A fleet's pushed `fleetChanged` comes at most this often. */
export const FLEET_EVENT_INTERVAL_MS = 1000;
/** Default extra delay each member adds to every interval (real clients are never exactly on time). */
export const DEFAULT_FLEET_JITTER_SECONDS = 2;

export interface StartFleetParams {
  applicationIdentifier: string;
  environmentIdentifier: string;
  configurationProfileIdentifier: string;
  /** Given to every member's StartConfigurationSession (15–86400). */
  requiredMinimumPollIntervalInSeconds?: number;
  /** Members, 1–1000. */
  size: number;
  /**
   * Each member waits a random 0–jitterSeconds past every interval AWS returns (0–300, default
   * DEFAULT_FLEET_JITTER_SECONDS). Never earlier: AWS refuses a poll before the interval.
   */
  jitterSeconds?: number;
}

/**
 * starting: members are still being started (spread over the first interval so they don't all call at once);
 * running: every member was started; stopped: stopFleet stopped every member.
 */
export type FleetState = 'starting' | 'running' | 'stopped';

export interface FleetSummary {
  id: string;
  applicationIdentifier: string;
  environmentIdentifier: string;
  configurationProfileIdentifier: string;
  requiredMinimumPollIntervalInSeconds?: number;
  jitterSeconds: number;
  size: number;
  state: FleetState;
  /** Which backend answered, as SessionInfo.backend. */
  backend: string;
  startedAt: number;
  stoppedAt?: number;
  /** How many members are in each session state (polling, retrying, failed, …); absent states are 0. */
  memberStates: Partial<Record<SessionState, number>>;
  /** GetLatestConfiguration calls of all members together. */
  pollCount: number;
  /** Members whose call is awaiting its answer now (a slow or hung endpoint shows here); absent = 0. */
  callsInFlight?: number;
  /** One member's error, when any member's last call failed (each member's is in getFleet's members). */
  lastError?: string;
  /**
   * The versions members hold now (holders > 0 only), most holders first; members without content yet are
   * `size` minus their sum. Here so the session list's entry shows the split without fetching getFleet (every
   * member, once a second); it costs the service one pass over the fleet's few versions.
   */
  held: FleetVersion[];
}

/** A version members hold now, by content hash (the label names it; content without a label has none). */
export interface FleetVersion {
  contentHash: string;
  versionLabel?: string;
  holders: number;
}

/** One member, compactly: enough for a table of who lags and a link to open it with getSession. */
export interface FleetMember {
  sessionId: string;
  state: SessionState;
  currentVersionLabel?: string;
  /** Hash of the content the member holds now; absent before its first content. */
  contentHash?: string;
  /** answeredAt of its newest GetLatestConfiguration. */
  lastPollAt?: number;
  pollCount: number;
  lastError?: string;
}

export interface FleetSnapshot {
  fleet: FleetSummary;
  /**
   * How many members held each version (counts keyed by content hash; `none` = no content yet) from the
   * fleet's start to now (or its stop), at most MAX_FLEET_SERIES_POINTS evenly spaced samples, oldest first.
   */
  series: RolloutSample[];
  /**
   * Every version a member has held (so it names every hash the series uses), with how many hold it now:
   * most holders first; 0 = nobody holds it any more (e.g. the old version after a completed rollout).
   */
  versions: FleetVersion[];
  /** In start order. */
  members: FleetMember[];
}

export interface FleetRef {
  fleetId: string;
}
