import { describe, expect, it } from 'vitest';
import type { PollEvent, PollOutcome } from './ledger.js';
import {
  deploymentsToRead,
  expectedDeployment,
  isOfProfile,
  missedDeploymentFlags,
  overlapsSession,
} from './sessionDeployments.js';
import { at, linear50, stopped } from './testDeployments.js';
import { poll, session, start } from './testLedger.js';

const v1: PollOutcome = { type: 'content', size: 2, contentHash: 'h1', versionLabel: 'v1' };
const v2: PollOutcome = { type: 'content', size: 2, contentHash: 'h2', versionLabel: 'v2' };

/** Start at 0 s, then a poll every 30 s until `untilS`; v1 first, v2 from `v2AtS` on (if given). */
function ledger(untilS: number, v2AtS?: number): PollEvent[] {
  const events: PollEvent[] = [start(0, 0, 't0')];
  for (let s = 30, seq = 1; s <= untilS; s += 30, seq++) {
    const outcome: PollOutcome = seq === 1 ? v1 : s === v2AtS ? v2 : { type: 'unchanged' };
    events.push(poll(seq, s, `t${seq - 1}`, `t${seq}`, { outcome }));
  }
  return events;
}

describe('isOfProfile', () => {
  it("matches the profile's id or name against the deployment's id or configuration name", () => {
    expect(isOfProfile(linear50(), { id: 'prof1', name: 'flags' })).toBe(true);
    expect(isOfProfile(linear50(), { name: 'flags' })).toBe(true);
    expect(isOfProfile(linear50(), { id: 'prof2', name: 'other' })).toBe(false);
    expect(isOfProfile({ configurationName: 'other' }, { id: 'prof1', name: 'flags' })).toBe(false);
  });

  it('keeps a list entry it cannot compare with an unresolved identifier, and lets the detail decide', () => {
    // Listing denied, the session typed the profile's id: the list entry names the profile only.
    expect(isOfProfile({ configurationName: 'flags' }, { id: 'prof1' })).toBe(true);
    expect(isOfProfile(linear50(), { id: 'prof1' })).toBe(true);
    expect(isOfProfile(linear50(), { id: 'prof2' })).toBe(false);
    // Typed the name: the detail's configuration name says it.
    expect(isOfProfile(linear50(), { id: 'flags' })).toBe(true);
    expect(isOfProfile({}, { id: 'prof2', name: 'x' })).toBe(true);
  });
});

describe('deploymentsToRead', () => {
  const s = session();
  it('keeps the deployments of the profile that overlap the session, plus the newest', () => {
    const old = linear50({
      deploymentNumber: 1,
      startedAt: at(-900),
      completedAt: at(-800),
      eventLog: [],
    });
    const otherProfile = linear50({
      deploymentNumber: 2,
      configurationProfileId: 'p9',
      configurationName: 'x',
    });
    const current = linear50();
    const picked = deploymentsToRead([old, otherProfile, current], s, ledger(300), {
      id: 'prof1',
      name: 'flags',
    });
    expect(picked.map((d) => d.deploymentNumber)).toEqual([3]);
    // Over before the session began, but the newest: it says what the session should hold.
    const onlyOld = deploymentsToRead([old], s, ledger(300), { id: 'prof1' });
    expect(onlyOld.map((d) => d.deploymentNumber)).toEqual([1]);
  });
});

describe('overlapsSession', () => {
  const s = session();
  it('keeps a deployment that ran during the session, and drops one that was over before it began', () => {
    expect(overlapsSession(linear50(), s, ledger(300))).toBe(true);
    const before = linear50({ startedAt: at(-900), completedAt: at(-800), eventLog: [] });
    expect(overlapsSession(before, s, ledger(300))).toBe(false);
    // Completed before the session, reverted during it: the revert belongs on its timeline.
    const reverted = linear50({
      startedAt: at(-900),
      completedAt: at(-800),
      eventLog: [{ eventType: 'REVERT_COMPLETED', occurredAt: at(120) }],
    });
    expect(overlapsSession(reverted, s, ledger(300))).toBe(true);
    const running = linear50({ state: 'DEPLOYING', completedAt: undefined, eventLog: [] });
    expect(overlapsSession(running, s, ledger(300))).toBe(true);
    // A stopped session's timeline ends with its last answer; a live one's goes on.
    const later = linear50({ startedAt: at(900), completedAt: at(1000), eventLog: [] });
    expect(overlapsSession(later, session({ state: 'stopped' }), ledger(300))).toBe(false);
    expect(overlapsSession(later, s, ledger(300))).toBe(true);
  });
});

describe('expectedDeployment', () => {
  it('is the newest deployment once it reached 100%, and none while one rolls out or was undone', () => {
    expect(expectedDeployment([linear50()])).toEqual({
      deploymentNumber: 3,
      reachedAllAt: at(160),
      versionLabel: 'v2',
    });
    const deploying = linear50({ deploymentNumber: 4, state: 'DEPLOYING', eventLog: [] });
    expect(expectedDeployment([linear50(), deploying])).toBeUndefined();
    expect(expectedDeployment([stopped()])).toBeUndefined();
    expect(expectedDeployment([linear50({ versionLabel: undefined })])).toBeUndefined();
  });
});

describe('missedDeploymentFlags', () => {
  it('flags a polling session that still holds v1 well after v2 reached 100%', () => {
    const flags = missedDeploymentFlags(session(), ledger(600), [linear50()], at(600));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ rule: 'missedDeployment', title: 'Missed deployment' });
    expect(flags[0]!.explanation).toContain('polled 15 times since and was answered "unchanged"');
  });

  it('stays quiet for a session that received it, and for one stopped before the deployment began', () => {
    expect(missedDeploymentFlags(session(), ledger(600, 180), [linear50()], at(600))).toEqual([]);
    const stoppedEarly = session({ state: 'stopped' });
    expect(missedDeploymentFlags(stoppedEarly, ledger(60), [linear50()], at(600))).toEqual([]);
  });

  it('blames stopped polling for a session that went quiet during the rollout', () => {
    const quiet = session({ state: 'idle' });
    const flags = missedDeploymentFlags(quiet, ledger(120), [linear50()], at(600));
    expect(flags[0]!.explanation).toContain('it made no call since the deployment reached 100%');
  });
});
