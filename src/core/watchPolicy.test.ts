// Watch's policy: rule names and severities over core's rules, and --allow's rule-name parsing.
import { describe, expect, it } from 'vitest';
import type { AnomalyRule, Severity } from './anomalyTypes.js';
import {
  parseWatchRuleName,
  WATCH_RULE_NAMES,
  WATCH_RULE_OF,
  watchSeverity,
} from './watchPolicy.js';

describe('watch policy', () => {
  it('names every core rule in kebab-case and adds deployment-not-picked-up', () => {
    expect(Object.values(WATCH_RULE_OF).sort()).toEqual(
      WATCH_RULE_NAMES.filter((n) => n !== 'deployment-not-picked-up').sort(),
    );
    for (const [rule, name] of Object.entries(WATCH_RULE_OF))
      expect(name).toBe(rule.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  });

  it('raises what AWS forbids to error and keeps core severity for the rest', () => {
    const cases: [AnomalyRule, Severity, Severity][] = [
      ['tokenReused', 'warning', 'error'],
      ['staleToken', 'warning', 'error'],
      ['polledTooEarly', 'warning', 'warning'],
      ['polledTooEarly', 'error', 'error'],
      ['tokenExpired', 'error', 'error'],
      ['tokenNearExpiry', 'warning', 'warning'],
      ['missedDeployment', 'error', 'error'],
      ['awsError', 'warning', 'warning'],
      ['awsError', 'info', 'info'],
      ['awsError', 'error', 'error'],
    ];
    for (const [rule, core, watch] of cases)
      expect([rule, core, watchSeverity({ rule, severity: core })]).toEqual([rule, core, watch]);
  });

  it('fails session churn only in its new-session-on-every-call form', () => {
    const churn = { rule: 'sessionChurn', severity: 'warning' } as const;
    expect(watchSeverity(churn, { everyCall: true })).toBe('error');
    expect(watchSeverity(churn, { everyCall: false })).toBe('warning');
    expect(watchSeverity(churn)).toBe('warning');
  });

  it('parses rule names for --allow and names the valid ones on a typo', () => {
    expect(parseWatchRuleName('token-reused')).toBe('token-reused');
    expect(() => parseWatchRuleName('tokenReused')).toThrow(
      'unknown rule name "tokenReused": expected one of token-reused, stale-token, polled-too-early, token-expired, token-near-expiry, session-churn, missed-deployment, aws-error, deployment-not-picked-up',
    );
  });
});
