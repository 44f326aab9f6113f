// A restarted service puts its fleets back together from <data-dir>/fleets and the members' recordings (real
// service, real emulator over HTTP, one fake clock); a fleet record it cannot read leaves ordinary sessions.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demo, FleetStack } from './test/fleetStack.js';

let stack: FleetStack;

beforeEach(async () => {
  stack = await FleetStack.start();
});

afterEach(() => stack.close());

describe('fleets across a restart', () => {
  it('puts a running fleet back together, still polling', async () => {
    const fleet = await stack.service.request('startFleet', { ...demo, size: 3 });
    await stack.run(fleet.id, 20_000);
    const before = await stack.service.request('getFleet', { fleetId: fleet.id });
    stack.restart();
    const [restored] = await stack.service.request('listFleets', {});
    expect(restored).toMatchObject({
      id: fleet.id,
      state: 'running',
      size: 3,
      pollCount: before.fleet.pollCount,
    });
    expect(await stack.service.request('listSessions', {})).toEqual([]);
    // What members held is rebuilt from their recordings: the series is the same up to the restart.
    const again = await stack.service.request('getFleet', { fleetId: fleet.id });
    expect(again.series[0]).toEqual(before.series[0]);
    expect(again.versions).toEqual(before.versions);
    await stack.run(fleet.id, 20_000);
    const after = await stack.service.request('getFleet', { fleetId: fleet.id });
    expect(after.fleet.pollCount).toBeGreaterThanOrEqual(before.fleet.pollCount + 3);
    expect(after.versions).toMatchObject([{ versionLabel: 'v1.1.0', holders: 3 }]);
  });

  it('keeps a stopped fleet stopped', async () => {
    const fleet = await stack.service.request('startFleet', { ...demo, size: 2 });
    await stack.run(fleet.id, 20_000);
    const stopped = await stack.service.request('stopFleet', { fleetId: fleet.id });
    stack.restart();
    expect(await stack.service.request('listFleets', {})).toEqual([
      { ...stopped, memberStates: { stopped: 2 } },
    ]);
    await stack.service.request('deleteFleet', { fleetId: fleet.id });
    expect(readdirSync(join(stack.dataDir, 'fleets'))).toEqual([]);
  });

  it('shows the members of a fleet whose record is damaged as ordinary sessions', async () => {
    const fleet = await stack.service.request('startFleet', { ...demo, size: 2 });
    await stack.run(fleet.id, 20_000);
    stack.service.close();
    writeFileSync(join(stack.dataDir, 'fleets', `${fleet.id}.json`), '{"torn');
    stack.restart();
    expect(stack.service.restoreProblems).toEqual([
      expect.stringMatching(new RegExp(`^fleets/${fleet.id}\\.json: .*; skipped$`)),
    ]);
    expect(await stack.service.request('listFleets', {})).toEqual([]);
    const sessions = await stack.service.request('listSessions', {});
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.fleetId === undefined && s.state === 'polling')).toBe(true);
  });
});
