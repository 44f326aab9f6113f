// The shape of an inspector flag ("anomaly") and the fixed titles of the misuse rules.
// Imported across core (the rules, anomalies.ts), by the UI (to draw them) and the VS Code status bar.
// Imports nothing.

export type AnomalyRule =
  | 'tokenReused'
  | 'staleToken'
  | 'polledTooEarly'
  | 'tokenExpired'
  | 'tokenNearExpiry'
  | 'sessionChurn'
  | 'missedDeployment'
  | 'awsError';

export type Severity = 'error' | 'warning' | 'info';

export interface Anomaly {
  /** Stable across recomputation: `${rule}:${seq}`, plus `:held` for flags about the token a session still holds. */
  id: string;
  rule: AnomalyRule;
  severity: Severity;
  sessionId: string;
  /** The ledger event the flag belongs to. */
  seq: number;
  title: string;
  /** One sentence: what happened. */
  explanation: string;
  /** One or two sentences: how to fix it in client code. */
  fix: string;
}

/** Titles of the misuse rules; awsError titles depend on the error and come from its meaning. */
export const RULE_TITLES = {
  tokenReused: 'Token reused',
  staleToken: 'Stale token',
  polledTooEarly: 'Polled too early',
  tokenExpired: 'Token expired',
  tokenNearExpiry: 'Token near expiry',
  sessionChurn: 'Session churn',
  missedDeployment: 'Missed deployment',
} as const satisfies Partial<Record<AnomalyRule, string>>;

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function makeAnomaly(fields: Omit<Anomaly, 'id'>, idSuffix = ''): Anomaly {
  return { id: `${fields.rule}:${fields.seq}${idSuffix}`, ...fields };
}
