// The per-session ledger: what the inspector records about every configuration session and poll.
// Pure data shared by service (writes it), protocol (carries it) and UI (draws it). Imports only core.
// Must not import react, node:*, vscode or the AWS SDK.

/**
 * Most events of one session held in memory, by the service and by the UI: the newest ones. Every event stays
 * in the session's recording on disk; this bounds memory for sessions that run for days.
 */
export const LEDGER_WINDOW = 10_000;

/** Where a session's polls come from: our own service, or an app observed through the emulator. */
export type SessionOrigin = 'inspector' | 'observed';

export interface SessionInfo {
  id: string;
  origin: SessionOrigin;
  /** Identifiers exactly as given to StartConfigurationSession (names or ids). */
  applicationIdentifier: string;
  environmentIdentifier: string;
  configurationProfileIdentifier: string;
  /** RequiredMinimumPollIntervalInSeconds, when the session set one (AWS then enforces it). */
  requiredMinimumPollIntervalInSeconds?: number;
  /** Which backend answered: 'emulator', 'aws' or an endpoint URL. */
  backend: string;
  region?: string;
  /** The shared-file profile it signed with (none: the default chain); switchBackend can change it later. */
  profile?: string;
  startedAt: number;
  /** For observed sessions: user agent / source address of the client app. */
  client?: string;
  state: SessionState;
  /** Read-only sessions come from an imported recording. */
  readOnly?: boolean;
  /** Set on a fleet's member sessions (protocol/fleetTypes.ts): lists show the fleet once, not each member. */
  fleetId?: string;
}

/**
 * starting → polling, with `retrying` while a transient failure waits out its backoff; paused/stopped by the
 * user; failed when retrying cannot help. Observed apps go `idle` when they miss a few of their intervals and
 * `ended` when they stay quiet (see src/service/observedSessions.ts).
 */
export type SessionState =
  'starting' | 'polling' | 'retrying' | 'paused' | 'stopped' | 'failed' | 'idle' | 'ended';

/** Why a poll was sent; deliberate misuse is recorded as such so flags can say "you asked for this". */
export type PollTrigger = 'start' | 'schedule' | 'pollNow' | 'replay' | 'early' | 'observed';

export type PollOutcome =
  /** StartConfigurationSession answered with an initial token (kind 'start'). */
  | { type: 'started' }
  | {
      type: 'content';
      versionLabel?: string;
      contentType?: string;
      size: number;
      /** Key into the content store (hex SHA-256 of the bytes). */
      contentHash: string;
    }
  | { type: 'unchanged'; contentType?: string }
  | {
      type: 'error';
      /** AWS error name, e.g. BadRequestException, or a network error name. */
      errorName: string;
      message: string;
      httpStatus?: number;
      /** BadRequestException.Reason, e.g. InvalidParameters. */
      reason?: string;
      /** The modelled Problem (Corrupted | Expired | PollIntervalNotSatisfied), flattened out of Details. */
      problem?: string;
      details?: unknown;
      resourceType?: string;
    };

/**
 * One call in a session: StartConfigurationSession (kind 'start') or GetLatestConfiguration (kind 'poll').
 * Tokens are kept as fingerprints (short stable hashes); the full tokens stay in the service.
 */
export interface PollEvent {
  /** Position in the session ledger, 0-based, dense. */
  seq: number;
  sessionId: string;
  kind: 'start' | 'poll';
  trigger: PollTrigger;
  /** When the poll loop planned to send it (schedule-driven polls only). */
  scheduledAt?: number;
  sentAt: number;
  answeredAt: number;
  latencyMs: number;
  /** SDK attempts for this call (>1 means the SDK retried with the same token). */
  attempts: number;
  /** amz-sdk-invocation-id, when known: retries share it, reuses don't. */
  invocationId?: string;
  tokenIn?: string;
  tokenOut?: string;
  /** Next-Poll-Interval-In-Seconds returned with this answer. */
  intervalSeconds?: number;
  /** x-amzn-RequestId of the (last) answer, for support tickets. */
  requestId?: string;
  httpStatus?: number;
  /** On a start that replaced a lost chain: why (e.g. "token corrupted: start a new session"). */
  restartReason?: string;
  outcome: PollOutcome;
}

/** A configuration version the session received, deduplicated by content hash. */
export interface VersionSeen {
  contentHash: string;
  versionLabel?: string;
  contentType?: string;
  size: number;
  firstSeenAt: number;
  firstSeenSeq: number;
}
