// The types of `appconfig-inspector watch`'s report: what the CLI hands in (WatchInput) and the versioned JSON
// it writes (WatchReport), field by field as docs/watch-report.md documents them. Re-exported by
// core/watchReport.ts (the entry src/cli/watch*.ts imports); pure core.
import type { Anomaly, Severity } from './anomalyTypes.js';
import type { PollEvent, SessionInfo } from './ledger.js';

export const WATCH_REPORT_SCHEMA = 'appconfig-inspector/watch-report@1';

/** Kebab-case of core's AnomalyRule names, plus the watch-only deployment-not-picked-up. */
export type WatchRuleName =
  | 'token-reused'
  | 'stale-token'
  | 'polled-too-early'
  | 'token-expired'
  | 'token-near-expiry'
  | 'session-churn'
  | 'missed-deployment'
  | 'aws-error'
  | 'deployment-not-picked-up';

export type WatchFailOn = 'error' | 'warning';

/** A deployment `--deploy VERSION@PROFILE[:STRATEGY] --after SECONDS` started while CMD ran. */
export interface WatchDeployment {
  /** VERSION as given to --deploy (a version number or a label). */
  version: string;
  /**
   * PROFILE as given to --deploy: the profile's name, or application/environment/profile (its last part is
   * then the name matched against a session's configuration profile identifier).
   */
  profile: string;
  application: string;
  environment: string;
  strategy: string;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms when the deployment reached COMPLETE; absent while it still ran when CMD exited. */
  completedAt?: number;
  deploymentNumber?: number;
  /**
   * The hosted version's VersionLabel, the Version-Label header a session receives it with. Absent: a
   * non-numeric `version` is taken as the label, else the version is recognised as the first content change
   * after startedAt (core/deploymentReceipts.ts).
   */
  versionLabel?: string;
  /** Ids of the same resources, when known: a session may name them by id instead of by name. */
  applicationId?: string;
  environmentId?: string;
  profileId?: string;
}

export interface WatchSessionInput {
  info: SessionInfo;
  events: readonly PollEvent[];
  /** core's detectAnomalies(info, events, endedAt) for this session (cross-session churn is added here). */
  anomalies: readonly Anomaly[];
}

export interface WatchInput {
  /** CMD and its args. */
  command: string[];
  /** How CMD ended (as node's child 'exit' event reports it). */
  exit: { code: number | null; signal: string | null };
  /** 'SIGINT' | 'SIGTERM' when watch itself was stopped. */
  interrupted?: string;
  /** Epoch ms. */
  startedAt: number;
  endedAt: number;
  /** Every session CMD made. */
  sessions: WatchSessionInput[];
  /** What --deploy started. */
  deployments: WatchDeployment[];
  failOn: WatchFailOn;
  allow: readonly WatchRuleName[];
}

/** One flag on one session, after the watch policy (core/watchPolicy.ts). */
export interface WatchFinding {
  rule: WatchRuleName;
  /** The watch severity (the policy's), which --fail-on compares. */
  severity: Severity;
  /** The severity core's rule gave; null for the watch-only rule. */
  coreSeverity: Severity | null;
  /** The rule was named by --allow. */
  allowed: boolean;
  /** Not allowed and at or above --fail-on: this finding fails the run. */
  failing: boolean;
  title: string;
  explanation: string;
  fix: string;
  /** The ledger event (seq) the finding belongs to and its send time (ISO 8601), null when there is none. */
  seq: number | null;
  at: string | null;
}

export interface WatchVersionReceived {
  /** Version-Label of the answer, null when the answer carried none. */
  label: string | null;
  contentHash: string;
  contentType: string | null;
  size: number;
  seq: number;
  at: string;
}

export interface WatchSessionCounts {
  /** StartConfigurationSession calls (1, more after restarts). */
  starts: number;
  /** GetLatestConfiguration calls, answered or not. */
  polls: number;
  /** Polls answered with a body (a version). */
  content: number;
  /** Polls answered empty ("unchanged"). */
  unchanged: number;
  /** Calls (starts or polls) that failed. */
  errors: number;
}

export interface WatchSessionReport {
  /** 1-based, in the order sessions started: "session 1" in the text report. */
  index: number;
  id: string;
  /** The client's user agent / address as observed, null when unknown. */
  client: string | null;
  application: string;
  environment: string;
  profile: string;
  requiredMinimumPollIntervalInSeconds: number | null;
  startedAt: string;
  /** When the session's last call was answered, null when it has no events. */
  lastCallAt: string | null;
  counts: WatchSessionCounts;
  /** Each change of version the session received, in order (a repeat of the held content is not listed). */
  versions: WatchVersionReceived[];
  findings: WatchFinding[];
  status: 'pass' | 'fail';
}

export interface WatchDeploymentReport {
  version: string;
  versionLabel: string | null;
  application: string;
  environment: string;
  profile: string;
  strategy: string;
  deploymentNumber: number | null;
  startedAt: string;
  completedAt: string | null;
  /** Sessions of its application/environment/profile that received its version, with where. */
  receivedBy: { sessionId: string; seq: number; at: string }[];
  /** Sessions flagged deployment-not-picked-up for it. */
  notPickedUpBy: string[];
}

export interface WatchFindingSummary {
  total: number;
  bySeverity: Record<Severity, number>;
  allowed: number;
  /** Findings that fail the run, and their distinct rule names in first-seen order. */
  failing: number;
  failingRules: WatchRuleName[];
}

export interface WatchOutcome {
  status: 'pass' | 'fail';
  /** The status watch exits with. */
  exitCode: number;
  /** One sentence, as in the text report's last line. */
  reason: string;
}

export interface WatchReport {
  schema: typeof WATCH_REPORT_SCHEMA;
  command: string[];
  exit: { code: number | null; signal: string | null };
  /** 'SIGINT' | 'SIGTERM' when watch was stopped, else null. */
  interrupted: string | null;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  options: { failOn: WatchFailOn; allow: WatchRuleName[] };
  sessions: WatchSessionReport[];
  deployments: WatchDeploymentReport[];
  findings: WatchFindingSummary;
  outcome: WatchOutcome;
}
