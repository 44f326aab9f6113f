import { describe, expect, it } from 'vitest';
import type { PollEvent, PollOutcome, SessionInfo } from '../ledger.js';
import { missedDeployment, type ReachedDeployment } from './missedDeployment.js';

const session: SessionInfo = {
  id: 's1',
  origin: 'observed',
  applicationIdentifier: 'demo-app',
  environmentIdentifier: 'prod',
  configurationProfileIdentifier: 'app-config',
  backend: 'emulator',
  startedAt: 0,
  state: 'polling',
};

const v1: PollOutcome = { type: 'content', size: 2, contentHash: 'h1', versionLabel: 'v1' };
const v2: PollOutcome = { type: 'content', size: 2, contentHash: 'h2', versionLabel: 'v2' };
const unchanged: PollOutcome = { type: 'unchanged' };
const throttled: PollOutcome = {
  type: 'error',
  errorName: 'BadRequestException',
  message: 'Token expired',
  problem: 'Expired',
};

/** A start, then a poll every 60 s with the given outcomes. */
function ledger(outcomes: PollOutcome[]): PollEvent[] {
  return [
    {
      seq: 0,
      sessionId: 's1',
      kind: 'start',
      trigger: 'start',
      sentAt: 0,
      answeredAt: 0,
      latencyMs: 1,
      attempts: 1,
      outcome: { type: 'started' },
    },
    ...outcomes.map((outcome, i): PollEvent => ({
      seq: i + 1,
      sessionId: 's1',
      kind: 'poll',
      trigger: 'observed',
      sentAt: i * 60_000,
      answeredAt: i * 60_000 + 20,
      latencyMs: 20,
      attempts: 1,
      intervalSeconds: 60,
      outcome,
    })),
  ];
}

// v2 reached 100% at 100 s; a client polling every 60 s has it by 180 s at the latest.
const deployment: ReachedDeployment = {
  deploymentNumber: 3,
  reachedAllAt: 100_000,
  versionLabel: 'v2',
  contentHash: 'h2',
};

describe('missedDeployment', () => {
  it('stays quiet while the session holds the version, or has not had two intervals to get it', () => {
    expect(
      missedDeployment(session, ledger([v1, unchanged, v2]), deployment, 600_000),
    ).toBeUndefined();
    expect(missedDeployment(session, ledger([v1]), deployment, 200_000)).toBeUndefined();
  });

  it('blames stopped polling when no call came after the version reached 100%', () => {
    const flag = missedDeployment(session, ledger([v1]), deployment, 600_000);
    expect(flag).toMatchObject({
      rule: 'missedDeployment',
      severity: 'error',
      title: 'Missed deployment',
      seq: 1,
      id: 'missedDeployment:1:deployment-3',
    });
    expect(flag!.explanation).toMatch(
      /^v2 reached every client 8 min ago, but this session still holds v1: it made no call since/,
    );
  });

  it('blames a broken chain when every call since failed', () => {
    const flag = missedDeployment(
      session,
      ledger([v1, unchanged, throttled, throttled]),
      deployment,
      600_000,
    );
    expect(flag!.explanation).toContain(
      'failed (the last with BadRequestException): its token chain is broken',
    );
  });

  it('blames an old chain or a cache when polls since were answered "unchanged"', () => {
    const flag = missedDeployment(
      session,
      ledger([v1, unchanged, unchanged, unchanged]),
      deployment,
      600_000,
    );
    expect(flag!.explanation).toContain('polled 2 times since and was answered "unchanged"');
    expect(flag!.fix).toMatch(/NextPollConfigurationToken of the latest answer/);
  });

  it('leaves a session AWS never answered to its error flag, and gives a late starter its own grace', () => {
    const refused: PollEvent = {
      ...ledger([])[0]!,
      outcome: { type: 'error', errorName: 'AccessDeniedException', message: 'denied' },
    };
    expect(missedDeployment(session, [refused], deployment, 600_000)).toBeUndefined();
    const late = ledger([v1]).map((e) => ({ ...e, sentAt: 500_000, answeredAt: 500_020 }));
    expect(missedDeployment(session, late, deployment, 600_000)).toBeUndefined();
    expect(missedDeployment(session, late, deployment, 700_000)?.title).toBe('Missed deployment');
  });

  it('matches by label when the content hash of the deployed version is not known', () => {
    const byLabel = { deploymentNumber: 3, reachedAllAt: 100_000, versionLabel: 'v2' };
    expect(missedDeployment(session, ledger([v1, v2]), byLabel, 600_000)).toBeUndefined();
    expect(missedDeployment(session, ledger([v1]), byLabel, 600_000)?.rule).toBe(
      'missedDeployment',
    );
  });
});
