// Fleets through the service's request API against the real emulator over HTTP with the real SDK: one fake
// clock drives the members' schedules and the emulator's deployments, so a rollout's 50 % step and its end
// are reached by moving the clock, never by waiting.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLEET_MEMBER_WINDOW } from './fleetRunner.js';
import { demo, FleetStack, refusal } from './test/fleetStack.js';

let stack: FleetStack;
const service = () => stack.service;
const run = (fleetId: string, ms: number, stepMs?: number) => stack.run(fleetId, ms, stepMs);

beforeEach(async () => {
  stack = await FleetStack.start();
});

afterEach(() => stack.close());

/** Deploys a new version of demo-app/dev/app-config: 50 % after one minute, 100 % after two. */
async function deployV2() {
  const store = stack.emulator.context.store;
  const app = store.findApplication('demo-app')!;
  const profile = store.findProfile(app.Id, 'app-config')!;
  const env = store.findEnvironment(app.Id, 'dev')!;
  const version = await service().request('createHostedVersion', {
    applicationId: app.Id,
    configurationProfileId: profile.Id,
    content: '{"logLevel":"warn"}',
    format: 'json',
    versionLabel: 'v2.0.0',
  });
  const strategy = await service().request('createDeploymentStrategy', {
    name: 'halves',
    growthType: 'LINEAR',
    growthFactor: 50,
    deploymentDurationInMinutes: 2,
    finalBakeTimeInMinutes: 0,
    replicateTo: 'NONE',
  });
  const deployment = await service().request('startDeployment', {
    applicationId: app.Id,
    environmentId: env.Id,
    configurationProfileId: profile.Id,
    versionNumber: version.versionNumber,
    deploymentStrategyId: strategy.id,
  });
  return {
    applicationId: app.Id,
    environmentId: env.Id,
    deploymentNumber: deployment.deploymentNumber,
  };
}

describe('fleets', () => {
  it('spreads a rollout over 20 members: old version, about half, then all new', async () => {
    const fleet = await service().request('startFleet', { ...demo, size: 20, jitterSeconds: 1 });
    expect(fleet).toMatchObject({ size: 20, state: 'starting', jitterSeconds: 1 });
    // Fine steps while members start: answers are stamped at the end of each step of the fake clock.
    await run(fleet.id, 20_000, 1_000);
    const before = await service().request('getFleet', { fleetId: fleet.id });
    expect(before.fleet).toMatchObject({ state: 'running', memberStates: { polling: 20 } });
    expect(before.versions).toEqual([
      { contentHash: expect.any(String) as string, versionLabel: 'v1.1.0', holders: 20 },
    ]);
    const v1 = before.versions[0]!.contentHash;
    // Members were started spread over the first interval, not all at once.
    const firstPolls = new Set(before.members.map((m) => m.lastPollAt));
    expect(firstPolls.size).toBeGreaterThan(10);

    const deployedAt = stack.clock.now();
    await deployV2();
    await run(fleet.id, 90_000);
    const mid = await service().request('getFleet', { fleetId: fleet.id });
    const v2 = mid.versions.find((v) => v.versionLabel === 'v2.0.0')!;
    expect(v2.holders).toBeGreaterThan(0);
    expect(v2.holders).toBeLessThan(20);
    // Mid-rollout the list's summary carries the same split as the snapshot (the clock stands still here).
    const [listed] = await service().request('listFleets', {});
    expect(listed!.held).toEqual(mid.versions);
    await run(fleet.id, 90_000);
    const after = await service().request('getFleet', { fleetId: fleet.id });
    expect(after.versions).toEqual([
      { contentHash: v2.contentHash, versionLabel: 'v2.0.0', holders: 20 },
      { contentHash: v1, versionLabel: 'v1.1.0', holders: 0 },
    ]);
    // Nobody holds v1 any more: the summary's split leaves it out.
    expect(after.fleet.held).toEqual([after.versions[0]]);

    // The series moves from old to new, and nobody held v2 before the deployment's first step.
    const { series } = after;
    expect(series.length).toBeGreaterThan(100);
    expect(series.length).toBeLessThanOrEqual(300);
    expect(series[0]).toMatchObject({ at: fleet.startedAt, none: 20 });
    const at = (t: number) => series.findLast((s) => s.at <= t)!;
    expect(at(deployedAt).counts).toEqual({ [v1]: 20 });
    expect(at(deployedAt + 59_000).counts[v2.contentHash] ?? 0).toBe(0);
    expect(series.at(-1)!).toMatchObject({ counts: { [v2.contentHash]: 20 }, none: 0 });
    // About one poll each per interval (the 5 s steps stretch 15–16 s intervals to 20 s).
    expect(after.fleet.pollCount).toBeGreaterThanOrEqual(20 * 8);
  });

  it('shows a stopped deployment bring every member back to the old version', async () => {
    const fleet = await service().request('startFleet', { ...demo, size: 20, jitterSeconds: 1 });
    await run(fleet.id, 20_000);
    const deployment = await deployV2();
    await run(fleet.id, 90_000);
    const mid = await service().request('getFleet', { fleetId: fleet.id });
    const v2 = mid.versions.find((v) => v.versionLabel === 'v2.0.0')!;
    expect(v2.holders).toBeGreaterThan(0);
    await service().request('stopDeployment', deployment);
    await run(fleet.id, 30_000);
    const after = await service().request('getFleet', { fleetId: fleet.id });
    expect(after.versions.map((v) => [v.versionLabel, v.holders])).toEqual([
      ['v1.1.0', 20],
      ['v2.0.0', 0],
    ]);
    // The series shows the split, then everyone back on v1.
    expect(after.series.some((p) => (p.counts[v2.contentHash] ?? 0) > 0)).toBe(true);
    expect(after.series.at(-1)!.counts[v2.contentHash]).toBeUndefined();
  });

  it('lists the fleet once, opens a member as a session, stops and deletes it whole', async () => {
    const own = await service().request('startSession', demo);
    const fleet = await service().request('startFleet', { ...demo, size: 5 });
    await run(fleet.id, 40_000);
    expect((await service().request('listSessions', {})).map((s) => s.id)).toEqual([own.id]);
    expect((await service().request('listFleets', {})).map((f) => f.id)).toEqual([fleet.id]);
    expect(stack.events.filter((e) => e.type === 'fleetStarted')).toHaveLength(1);
    // Members' own events stay inside the fleet: none names a member.
    const { members } = await service().request('getFleet', { fleetId: fleet.id });
    const memberIds = new Set(members.map((m) => m.sessionId));
    expect(stack.events.some((e) => 'sessionId' in e && memberIds.has(e.sessionId))).toBe(false);
    expect(stack.events.some((e) => 'session' in e && memberIds.has(e.session.id))).toBe(false);

    const member = await service().request('getSession', { sessionId: members[2]!.sessionId });
    expect(member.session).toMatchObject({ fleetId: fleet.id, currentVersionLabel: 'v1.1.0' });
    expect(member.events.map((e) => e.outcome.type).slice(0, 3)).toEqual([
      'started',
      'content',
      'unchanged',
    ]);
    expect(members[2]).toMatchObject({
      pollCount: member.session.pollCount,
      currentVersionLabel: 'v1.1.0',
    });

    const alone = await refusal(
      service().request('deleteSession', { sessionId: members[0]!.sessionId }),
    );
    expect(alone).toMatchObject({ code: 'conflict' });
    expect((await refusal(service().request('deleteFleet', { fleetId: fleet.id }))).message).toBe(
      'Stop the fleet before deleting it.',
    );
    const stopped = await service().request('stopFleet', { fleetId: fleet.id });
    expect(stopped).toMatchObject({ state: 'stopped', memberStates: { stopped: 5 } });
    const polls = stopped.pollCount;
    await run(fleet.id, 60_000, 15_000);
    expect((await service().request('getFleet', { fleetId: fleet.id })).fleet.pollCount).toBe(
      polls,
    );

    await service().request('deleteFleet', { fleetId: fleet.id });
    expect(await service().request('listFleets', {})).toEqual([]);
    const gone = await refusal(
      service().request('getSession', { sessionId: members[0]!.sessionId }),
    );
    expect(gone.code).toBe('notFound');
    expect(existsSync(join(stack.dataDir, 'sessions', `${members[0]!.sessionId}.jsonl`))).toBe(
      false,
    );
    expect(stack.events.at(-1)).toEqual({ type: 'fleetDeleted', fleetId: fleet.id });
  });

  it('pushes fleetChanged at most once a second however many members poll', async () => {
    const fleet = await service().request('startFleet', { ...demo, size: 20 });
    const from = stack.clock.now();
    await run(fleet.id, 30_000, 1_000);
    const changed = stack.events.filter((e) => e.type === 'fleetChanged');
    expect(changed.length).toBeGreaterThan(5);
    expect(changed.length).toBeLessThanOrEqual(Math.ceil((stack.clock.now() - from) / 1000) + 1);
  });

  it('keeps a small window of each member in memory and the whole ledger on disk', async () => {
    const fleet = await service().request('startFleet', { ...demo, size: 2, jitterSeconds: 0 });
    await run(fleet.id, 80 * 15_000, 15_000);
    const { members } = await service().request('getFleet', { fleetId: fleet.id });
    const { session, events: held } = await service().request('getSession', {
      sessionId: members[0]!.sessionId,
    });
    expect(session.pollCount).toBeGreaterThan(70);
    expect(held.length).toBeLessThanOrEqual(FLEET_MEMBER_WINDOW + FLEET_MEMBER_WINDOW / 10);
    expect(session.firstHeldSeq).toBeGreaterThan(0);
    const recording = await service().request('exportSession', { sessionId: session.id });
    expect(recording.events).toHaveLength(session.pollCount + 1);
    // Every full token is on disk (one line each), however few are held in memory.
    const lines = readFileSync(join(stack.dataDir, 'sessions', `${session.id}.jsonl`), 'utf8');
    expect(lines.match(/"t":"token"/g)).toHaveLength(session.pollCount + 1);
  });

  it('refuses a profile that does not exist, keeping nothing', async () => {
    const error = await refusal(
      service().request('startFleet', { ...demo, configurationProfileIdentifier: 'nope', size: 3 }),
    );
    expect(error.code).toBe('awsError');
    expect(await service().request('listFleets', {})).toEqual([]);
    expect(await service().request('listSessions', {})).toEqual([]);
  });

  it('refuses bad sizes and jitter with the field and the rule', async () => {
    const message = async (params: Record<string, unknown>) =>
      (await refusal(service().handle('startFleet', { ...demo, ...params }))).message;
    expect(await message({ size: 0 })).toBe('"size" must be between 1 and 1000 (got 0).');
    expect(await message({ size: 1001 })).toBe('"size" must be between 1 and 1000 (got 1001).');
    expect(await message({ size: 2.5 })).toBe('"size" must be a whole number.');
    expect(await message({})).toBe('"size" must be a whole number.');
    expect(await message({ size: 2, jitterSeconds: -1 })).toBe(
      '"jitterSeconds" must be between 0 and 300 (got -1).',
    );
    expect(await message({ size: 2, members: 3 })).toMatch(/^params: unknown field "members"/);
    expect((await refusal(service().request('getFleet', { fleetId: 'f-none' }))).code).toBe(
      'notFound',
    );
  });
});
