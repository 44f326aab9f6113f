// The one UI ↔ Node contract: request map (method → params/result), pushed events, error envelope.
// Imported by the UI, the service, the server and the VS Code bridge; a change here is a compatibility
// change (bump PROTOCOL_VERSION). Imports core and the protocol's type files; never react, node:*, vscode or
// the AWS SDK.
import type { PollEvent, SessionInfo } from '../core/ledger.js';
import type {
  HostedVersionSummary,
  ProfileRef,
  EnvironmentRef,
  DeploymentStrategyInfo,
  DeploymentSummary,
  DeploymentDetail,
  CreateHostedVersionParams,
  CreateStrategyParams,
  StartDeploymentParams,
  DeploymentRef,
} from './deploymentTypes.js';
import type { FleetRef, FleetSnapshot, FleetSummary, StartFleetParams } from './fleetTypes.js';
import type { AwsProfileList } from './awsProfileTypes.js';
import type { HarDocument } from './harTypes.js';

export type * from './deploymentTypes.js';
export type * from './fleetTypes.js';
export type * from './awsProfileTypes.js';
export type * from './harTypes.js';

/**
 * Stays 1 through additive changes a v1 client cannot misread: the fleet methods and events (a v1 UI never
 * calls them and ignores event types it does not know; listSessions still lists every session it knew of).
 */
export const PROTOCOL_VERSION = 1;

/** Which AppConfig the service talks to; never carries credentials. */
export interface BackendInfo {
  kind: 'emulator' | 'aws' | 'endpoint';
  /** Endpoint URL for emulator/endpoint backends; undefined for AWS's own endpoints. */
  endpoint?: string;
  region: string;
  profile?: string;
  /** Whether the control plane's list calls work here (pickers fall back to free text when not). */
  canListResources: boolean;
  /** For the emulator: where its reserved observation API lives, so observed apps can be shown. */
  emulatorUrl?: string;
  /** Who the credentials are (STS GetCallerIdentity); absent until known, or with identityError. */
  identity?: { account: string; arn: string };
  /** Why the identity is unknown, in words (no credentials, expired SSO login, STS unreachable...). */
  identityError?: string;
}

/** A session as lists show it: its info plus live scheduling facts. */
export interface SessionSummary extends SessionInfo {
  pollCount: number;
  /** When the poll loop will next call GetLatestConfiguration (undefined when paused/stopped). */
  nextPollAt?: number;
  /** When the call now awaiting an answer was sent (a hung endpoint shows here until the timeout). */
  callInFlightSince?: number;
  /** Set once older events left memory: the seq of the oldest one still held (all are in the recording). */
  firstHeldSeq?: number;
  /** Failed calls in a row; with state 'retrying', nextPollAt is when it tries again. */
  consecutiveFailures?: number;
  /** Label of the newest configuration the session received. */
  currentVersionLabel?: string;
  lastError?: string;
}

export interface SessionSnapshot {
  session: SessionSummary;
  events: PollEvent[];
}

export interface StartSessionParams {
  applicationIdentifier: string;
  environmentIdentifier: string;
  configurationProfileIdentifier: string;
  requiredMinimumPollIntervalInSeconds?: number;
}

export interface ContentBlob {
  contentHash: string;
  contentType?: string;
  size: number;
  /** The configuration bytes, base64 (binary-safe over JSON and postMessage). */
  base64: string;
}

/** One poll's HTTP answer as the SDK saw it, reconstructed for the Raw view. */
export interface RawResponse {
  seq: number;
  /** Which call this answered; a poll's answer must carry the next token and interval headers. */
  call?: 'StartConfigurationSession' | 'GetLatestConfiguration';
  httpStatus?: number;
  headers: Record<string, string>;
  body?: ContentBlob;
  error?: { errorName: string; message: string; details?: unknown };
  /** The request side of the call, for the poll detail pane and "Copy as". */
  request: RawRequest;
}

/** What the SDK sent for one call, rebuilt from the ledger (src/service/rawResponse.ts). */
export interface RawRequest {
  method: 'POST' | 'GET';
  /** Path with the query as sent: the URL-encoded token while the service still holds it. */
  path: string;
  /** The token a poll sent: `full` only while the service still holds it. */
  tokenIn?: { full?: string; fingerprint: string };
  /** StartConfigurationSession's JSON body. */
  body?: string;
  /** amz-sdk-invocation-id, when known: an SDK's retries share it. */
  invocationId?: string;
  /** SDK attempts for this call (>1: the SDK retried). */
  attempts: number;
}

export interface ResourceItem {
  id: string;
  name: string;
  /** Configuration profiles only: `AWS.Freeform` or `AWS.AppConfig.FeatureFlags`, as the control plane says. */
  type?: string;
}

export type ResourceQuery =
  | { kind: 'applications' }
  | { kind: 'environments'; applicationId: string }
  | { kind: 'configurationProfiles'; applicationId: string };

/** Versioned file format of an exported session (import shows it read-only). */
export interface Recording {
  format: 'appconfig-inspector-recording';
  version: 1;
  exportedAt: number;
  session: SessionInfo;
  events: PollEvent[];
  /** Distinct contents by hash, each once. */
  contents: ContentBlob[];
}

export interface SwitchBackendParams {
  profile?: string;
  region?: string;
}

export interface SessionRef {
  sessionId: string;
}

/**
 * Requests the UI sends; the Node side answers each one exactly once (result or error envelope).
 * Method names are imperative verbs.
 */
export interface RequestMap {
  /** Exchanges protocol versions; the UI refuses to run against a different major version. */
  hello: {
    params: { protocolVersion: number };
    /** revealSessionId: a session the host asked to show (started from outside the page) before it loaded. */
    result: { protocolVersion: number; backend: BackendInfo; revealSessionId?: string };
  };
  /** Lists every session, newest first; fleet members are left out (listFleets lists their fleet once). */
  listSessions: { params: Record<string, never>; result: SessionSummary[] };
  /** Returns one session with its whole ledger. */
  getSession: { params: SessionRef; result: SessionSnapshot };
  /** Calls StartConfigurationSession and begins polling on the schedule AWS returns. */
  startSession: { params: StartSessionParams; result: SessionSummary };
  /** Stops scheduling polls; the token chain is kept for resume. */
  pauseSession: { params: SessionRef; result: SessionSummary };
  /** Polls again when the last returned interval has elapsed (at once if it already has). */
  resumeSession: { params: SessionRef; result: SessionSummary };
  /** Stops the session for good; its recording stays. */
  stopSession: { params: SessionRef; result: SessionSummary };
  /** Forgets a stopped or imported session and its recording. */
  deleteSession: { params: SessionRef; result: { deleted: true } };
  /** Polls now with the newest token, respecting nothing but the user's wish (may be early). */
  pollNow: { params: SessionRef; result: PollEvent };
  /** Deliberate misuse: sends an already-spent token again (the one issued at `seq`, default the previous). */
  replayToken: { params: SessionRef & { seq?: number }; result: PollEvent };
  /** Returns the bytes of a configuration version by content hash. */
  getContent: { params: { contentHash: string }; result: ContentBlob };
  /** Reconstructs the HTTP answer of one poll (headers + body or error). */
  getRawResponse: { params: SessionRef & { seq: number }; result: RawResponse };
  /** Lists applications / environments / profiles from the control plane, when the backend allows it. */
  listResources: { params: ResourceQuery; result: ResourceItem[] };
  /** Exports a session as one versioned JSON recording. */
  exportSession: { params: SessionRef; result: Recording };
  /** Exports a session's calls as a HAR 1.2 file; `redactTokens` puts REDACTED-<fingerprint> for every token. */
  exportHar: { params: SessionRef & { redactTokens: boolean }; result: HarDocument };
  /** Imports a recording as a read-only session. */
  importRecording: { params: { recording: unknown }; result: SessionSummary };
  /** Lists a profile's hosted configuration versions, newest first. */
  listHostedVersions: { params: ProfileRef; result: HostedVersionSummary[] };
  /** Returns one hosted version with its content. */
  getHostedVersion: {
    params: ProfileRef & { versionNumber: number };
    result: HostedVersionSummary & { content: ContentBlob };
  };
  /** Parses JSON/YAML (and checks a feature-flag document against AWS's schema) and only then uploads it. */
  createHostedVersion: { params: CreateHostedVersionParams; result: HostedVersionSummary };
  /** Lists the predefined AppConfig.* strategies and the account's own. */
  listDeploymentStrategies: { params: Record<string, never>; result: DeploymentStrategyInfo[] };
  /** Creates a custom deployment strategy. */
  createDeploymentStrategy: { params: CreateStrategyParams; result: DeploymentStrategyInfo };
  /** Starts a deployment; a running one in the environment is refused as 'conflict', in words. */
  startDeployment: { params: StartDeploymentParams; result: DeploymentDetail };
  /** Lists an environment's deployments, newest first. */
  listDeployments: { params: EnvironmentRef; result: DeploymentSummary[] };
  /** Returns one deployment with its event log and when its next step and bake end are due. */
  getDeployment: { params: DeploymentRef; result: DeploymentDetail };
  /** Stops a DEPLOYING or BAKING deployment: clients roll back to the previous version. */
  stopDeployment: { params: DeploymentRef; result: DeploymentDetail };
  /** Reverts a COMPLETE deployment (within AWS's 72 hours): clients get the previous version again. */
  revertDeployment: { params: DeploymentRef; result: DeploymentDetail };
  /** Starts `size` member sessions of one profile, spread over the first interval; answers before they poll. */
  startFleet: { params: StartFleetParams; result: FleetSummary };
  /** Lists the profiles of the AWS shared config and credentials files (names, kinds, regions; no secret). */
  listAwsProfiles: { params: Record<string, never>; result: AwsProfileList };
  /**
   * Talks to AWS (or the endpoint) with another profile and/or region from now on: new sessions, fleets and
   * control-plane calls use it, running sessions keep theirs. An omitted field keeps the current value, except
   * that a new profile without a region takes that profile's own; `profile: ''` is the default chain. The
   * emulator backend refuses ('conflict'): it ignores credentials.
   */
  switchBackend: { params: SwitchBackendParams; result: BackendInfo };
  /** Lists every fleet, newest first. */
  listFleets: { params: Record<string, never>; result: FleetSummary[] };
  /** Returns a fleet with its rollout series, the versions its members hold and one row per member. */
  getFleet: { params: FleetRef; result: FleetSnapshot };
  /** Stops every member for good (their recordings stay). */
  stopFleet: { params: FleetRef; result: FleetSummary };
  /** Forgets a stopped fleet with all its members and their recordings. */
  deleteFleet: { params: FleetRef; result: { deleted: true } };
}

export type Method = keyof RequestMap;
export type Params<M extends Method> = RequestMap[M]['params'];
export type Result<M extends Method> = RequestMap[M]['result'];

/**
 * Facts the Node side pushes; past tense (ARCHITECTURE.md, "One protocol, two transports"). The UI folds
 * them into its react-query cache.
 */
export type InspectorEvent =
  /** A session was created (started, imported or restored); add it to the list. */
  | { type: 'sessionStarted'; session: SessionSummary }
  /** A session's state or schedule changed (paused, resumed, next poll planned). */
  | { type: 'sessionChanged'; session: SessionSummary }
  /** StartConfigurationSession returned an initial token (also when a session restarts its chain). */
  | { type: 'tokenIssued'; sessionId: string; event: PollEvent }
  /** A poll returned configuration bytes (new version, or a replay's content). */
  | { type: 'configurationReceived'; sessionId: string; event: PollEvent }
  /** A poll returned an empty body: the session already holds the latest version. */
  | { type: 'pollUnchanged'; sessionId: string; event: PollEvent }
  /** A call failed (AWS error or network); the event carries the error. */
  | { type: 'pollFailed'; sessionId: string; event: PollEvent }
  /** A session stopped for good. */
  | { type: 'sessionEnded'; session: SessionSummary }
  /** The host asks the UI to show this session (started or imported outside the page, e.g. a VS Code command). */
  | { type: 'sessionRevealed'; sessionId: string }
  /** A session and its recording were deleted. */
  | { type: 'sessionDeleted'; sessionId: string }
  /** A fleet was created (started or restored); add it to the list. */
  | { type: 'fleetStarted'; fleet: FleetSummary }
  /**
   * Something in a fleet changed (a member polled, got a version, changed state); at most once a second per
   * fleet (FLEET_EVENT_INTERVAL_MS). Refetch getFleet, and getSession of a member on show.
   */
  | { type: 'fleetChanged'; fleet: FleetSummary }
  /** A fleet, its members and their recordings were deleted. */
  | { type: 'fleetDeleted'; fleetId: string }
  /** switchBackend made another profile/region current (for new sessions and control-plane calls). */
  | { type: 'backendChanged'; backend: BackendInfo };

export type ErrorCode =
  | 'invalidParams'
  | 'unknownMethod'
  | 'notFound'
  | 'conflict'
  | 'awsError'
  | 'protocolMismatch'
  | 'timeout'
  | 'unavailable'
  | 'internal';

/** How every failed request settles, on every transport. */
export interface ErrorEnvelope {
  code: ErrorCode;
  message: string;
  /** AWS error name when code is awsError. */
  awsErrorName?: string;
  /** The session the failure left behind (a start AWS refused is listed as failed, its flags explaining why). */
  sessionId?: string;
}

export class ProtocolError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly awsErrorName?: string,
    readonly sessionId?: string,
  ) {
    super(message);
  }

  toEnvelope(): ErrorEnvelope {
    return {
      code: this.code,
      message: this.message,
      ...(this.awsErrorName ? { awsErrorName: this.awsErrorName } : {}),
      ...(this.sessionId ? { sessionId: this.sessionId } : {}),
    };
  }
}

/** Frames on a message transport (postMessage); HTTP uses the same payloads without the envelope. */
export type WireMessage =
  | { kind: 'request'; id: number; method: Method; params: unknown }
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: ErrorEnvelope }
  | { kind: 'event'; event: InspectorEvent };
