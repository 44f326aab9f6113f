import { describe, expect, it } from 'vitest';
import type { PollEvent } from '../../src/core/ledger.js';
import type { SessionSnapshot } from '../../src/protocol/messages.js';
import { isLive, summarizeStatus } from './statusSummary.js';

const T0 = Date.parse('2026-11-21T10:00:00Z');

function snapshot(
  id: string,
  events: Omit<PollEvent, 'sessionId' | 'seq' | 'latencyMs' | 'attempts'>[],
): SessionSnapshot {
  const ledger = events.map((e, seq) => ({ ...e, sessionId: id, seq, latencyMs: 5, attempts: 1 }));
  return {
    session: {
      id,
      origin: 'inspector',
      applicationIdentifier: 'demo-app',
      environmentIdentifier: 'dev',
      configurationProfileIdentifier: id,
      backend: 'emulator',
      startedAt: T0,
      state: 'polling',
      pollCount: ledger.filter((e) => e.kind === 'poll').length,
    },
    events: ledger,
  };
}

const content = {
  type: 'content' as const,
  versionLabel: 'v1',
  size: 2,
  contentHash: 'a'.repeat(64),
};
/** StartConfigurationSession, then a first poll that returns content and asks for 60 s. */
const healthy = [
  {
    kind: 'start' as const,
    trigger: 'start' as const,
    sentAt: T0,
    answeredAt: T0,
    tokenOut: 't0',
    outcome: { type: 'started' as const },
  },
  {
    kind: 'poll' as const,
    trigger: 'schedule' as const,
    sentAt: T0 + 10,
    answeredAt: T0 + 20,
    tokenIn: 't0',
    tokenOut: 't1',
    intervalSeconds: 60,
    outcome: content,
  },
];
/** The same, plus a poll 2 s later: before the 60 s AWS asked for (a warning). */
const early = [
  ...healthy,
  {
    kind: 'poll' as const,
    trigger: 'schedule' as const,
    sentAt: T0 + 2_000,
    answeredAt: T0 + 2_010,
    tokenIn: 't1',
    tokenOut: 't2',
    intervalSeconds: 60,
    outcome: { type: 'unchanged' as const },
  },
];

describe('summarizeStatus', () => {
  it('says there is nothing live', () => {
    expect(summarizeStatus([], 0, T0)).toEqual({
      live: 0,
      text: '$(pulse) AppConfig',
      tooltip: 'AppConfig Inspector: no live sessions\nClick to open the inspector.',
    });
  });

  it('counts live sessions without a flag icon when none has a flag', () => {
    const summary = summarizeStatus([snapshot('a', healthy)], 2, T0 + 30);
    expect(summary).toMatchObject({ live: 1, text: '$(pulse) 1 live' });
    expect(summary.worst).toBeUndefined();
    expect(summary.tooltip).toBe(
      'AppConfig Inspector: 1 live session\ndemo-app / dev / a: polling, 1 poll\n2 paused.\nClick to open the inspector.',
    );
  });

  it('shows the worst flag across live sessions, found by the core rules', () => {
    const summary = summarizeStatus([snapshot('a', healthy), snapshot('b', early)], 0, T0 + 3_000);
    expect(summary.worst).toBe('warning');
    expect(summary.text).toBe('$(pulse) 2 live $(warning)');
    expect(summary.tooltip).toContain(
      'demo-app / dev / b: polling, 2 polls, 1 flag (worst: warning)',
    );
  });

  it('treats polling and starting sessions as live, and paused, stopped or failed ones as not', () => {
    expect(['polling', 'starting'].every(isLive)).toBe(true);
    expect(['paused', 'stopped', 'failed'].some(isLive)).toBe(false);
  });
});
