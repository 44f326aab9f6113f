// The deployment engine on an injected clock: rollout schedules, state and events over emulated time, the
// environment State they imply, and which version a session is served (servedVersion).
import { describe, expect, it } from 'vitest';
import {
  deploymentStatus,
  environmentState,
  rolloutSteps,
  servedVersion,
  settledVersionNumber,
} from './deploymentEngine.js';
import { Store, type Deployment, type HostedVersion } from './store.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

function setup(timeScale = 1) {
  const clock = {
    t: Date.parse('2026-03-01T12:00:00Z'),
    now() {
      return this.t;
    },
  };
  const store = new Store(clock, timeScale);
  const versions = store.versionsOf('app1234', 'prof123');
  for (const n of [1, 2, 3]) {
    const v: HostedVersion = {
      ApplicationId: 'app1234',
      ConfigurationProfileId: 'prof123',
      VersionNumber: n,
      ContentType: 'text/plain',
      VersionLabel: `v${n}`,
      Content: Buffer.from(`v${n}`),
      CreatedAt: new Date(clock.t),
    };
    versions.push(v);
  }
  /** Adds a deployment of `version` starting now, as StartDeployment would. */
  const deploy = (
    version: number,
    params: Partial<Deployment> = {},
    profileId = 'prof123',
  ): Deployment => {
    const list = store.deploymentsOf('app1234', 'env1234');
    const d: Deployment = {
      ApplicationId: 'app1234',
      EnvironmentId: 'env1234',
      DeploymentNumber: list.length + 1,
      ConfigurationProfileId: profileId,
      ConfigurationVersion: String(version),
      ConfigurationName: 'cfg',
      ConfigurationLocationUri: 'hosted',
      DeploymentStrategyId: 'strat12',
      DeploymentDurationInMinutes: 10,
      GrowthType: 'LINEAR',
      GrowthFactor: 20,
      FinalBakeTimeInMinutes: 5,
      StartedAt: new Date(clock.t),
      PreviousVersionNumber: settledVersionNumber(store, 'app1234', 'env1234', profileId),
      EventLog: [],
      ...params,
    };
    list.push(d);
    return d;
  };
  const served = (bucket: number) =>
    servedVersion(store, 'app1234', 'env1234', 'prof123', () => bucket)?.VersionNumber;
  return { clock, store, deploy, served };
}

describe('rolloutSteps', () => {
  it('spreads LINEAR steps evenly: the AWS example (10 h at 20%) gives 20..100% at hours 2..10', () => {
    const steps = rolloutSteps({
      DeploymentDurationInMinutes: 600,
      GrowthType: 'LINEAR',
      GrowthFactor: 20,
    });
    expect(steps).toEqual(
      [2, 4, 6, 8, 10].map((h, i) => ({ at: h * HOUR, percent: 20 * (i + 1) })),
    );
  });

  it('doubles EXPONENTIAL steps from the growth factor and caps at 100%', () => {
    const steps = rolloutSteps({
      DeploymentDurationInMinutes: 20,
      GrowthType: 'EXPONENTIAL',
      GrowthFactor: 10,
    });
    expect(steps).toEqual(
      [10, 20, 40, 80, 100].map((percent, i) => ({ at: (i + 1) * 4 * MIN, percent })),
    );
  });

  it('caps uneven factors at 100% without float noise, and deploys at once for duration 0', () => {
    expect(
      rolloutSteps({
        DeploymentDurationInMinutes: 4,
        GrowthType: 'LINEAR',
        GrowthFactor: 33.3,
      }).map((s) => s.percent),
    ).toEqual([33.3, 66.6, 99.9, 100]);
    expect(
      rolloutSteps({ DeploymentDurationInMinutes: 0, GrowthType: 'LINEAR', GrowthFactor: 100 }),
    ).toEqual([{ at: 0, percent: 100 }]);
  });
});

describe('deploymentStatus', () => {
  it('progresses on emulated time (time scale 60) and stamps events with the wall-clock time they happened', () => {
    const { clock, store, deploy } = setup(60);
    const d = deploy(1);
    const start = d.StartedAt.getTime();
    expect(deploymentStatus(store, d)).toMatchObject({ State: 'DEPLOYING', PercentageComplete: 0 });
    clock.t = start + (5 * MIN) / 60;
    expect(deploymentStatus(store, d)).toMatchObject({
      State: 'DEPLOYING',
      PercentageComplete: 40,
    });
    clock.t = start + (12 * MIN) / 60;
    expect(deploymentStatus(store, d)).toMatchObject({
      State: 'BAKING',
      PercentageComplete: 100,
      CompletedAt: undefined,
    });
    clock.t = start + HOUR;
    const done = deploymentStatus(store, d);
    expect(done.State).toBe('COMPLETE');
    expect(done.CompletedAt?.getTime()).toBe(start + (15 * MIN) / 60);
    expect(
      done.Events.map((e) => [e.EventType, ((e.OccurredAt.getTime() - start) * 60) / MIN]),
    ).toEqual([
      ['DEPLOYMENT_STARTED', 0],
      ['PERCENTAGE_UPDATED', 2],
      ['PERCENTAGE_UPDATED', 4],
      ['PERCENTAGE_UPDATED', 6],
      ['PERCENTAGE_UPDATED', 8],
      ['PERCENTAGE_UPDATED', 10],
      ['BAKE_TIME_STARTED', 10],
      ['DEPLOYMENT_COMPLETED', 15],
    ]);
  });

  it('freezes progress at the stop time and appends the rollback events', () => {
    const { clock, store, deploy } = setup();
    const d = deploy(1);
    clock.t += 7 * MIN;
    d.StoppedAt = new Date(clock.t);
    d.StoppedState = 'ROLLED_BACK';
    clock.t += HOUR;
    const s = deploymentStatus(store, d);
    expect(s).toMatchObject({
      State: 'ROLLED_BACK',
      PercentageComplete: 60,
      CompletedAt: d.StoppedAt,
    });
    expect(s.Events.slice(-2).map((e) => [e.EventType, e.TriggeredBy, e.OccurredAt])).toEqual([
      ['ROLLBACK_STARTED', 'USER', d.StoppedAt],
      ['ROLLBACK_COMPLETED', 'APPCONFIG', d.StoppedAt],
    ]);
    expect(deploymentStatus(store, d, d.StartedAt.getTime() + MIN).State).toBe('DEPLOYING');
  });
});

describe('environmentState', () => {
  it('follows the newest deployment: DEPLOYING while deploying or baking, then READY_FOR_DEPLOYMENT', () => {
    const { clock, store, deploy } = setup();
    expect(environmentState(store, 'app1234', 'env1234')).toBe('READY_FOR_DEPLOYMENT');
    deploy(1);
    expect(environmentState(store, 'app1234', 'env1234')).toBe('DEPLOYING');
    clock.t += 12 * MIN;
    expect(environmentState(store, 'app1234', 'env1234')).toBe('DEPLOYING');
    clock.t += 3 * MIN;
    expect(environmentState(store, 'app1234', 'env1234')).toBe('READY_FOR_DEPLOYMENT');
    const d = deploy(2);
    Object.assign(d, { StoppedAt: new Date(clock.t), StoppedState: 'REVERTED' });
    expect(environmentState(store, 'app1234', 'env1234')).toBe('REVERTED');
  });
});

describe('servedVersion', () => {
  it('is undefined before anything is deployed, and the first deployment has no previous version', () => {
    const { deploy, served } = setup();
    expect(served(0)).toBeUndefined();
    const d = deploy(1);
    expect(d.PreviousVersionNumber).toBeUndefined();
    expect(served(99)).toBeUndefined();
    expect(served(0)).toBeUndefined();
  });

  it('gives the new version to buckets below PercentageComplete and the previous one to the rest', () => {
    const { clock, deploy, served } = setup();
    deploy(1, { DeploymentDurationInMinutes: 0, FinalBakeTimeInMinutes: 0 });
    expect(served(99)).toBe(1);
    const d = deploy(2);
    expect(d.PreviousVersionNumber).toBe(1);
    clock.t += 4 * MIN;
    expect([served(0), served(39), served(40), served(99)]).toEqual([2, 2, 1, 1]);
    clock.t += 6 * MIN;
    expect(served(99)).toBe(2);
    clock.t += 5 * MIN;
    expect(served(99)).toBe(2);
  });

  it('serves the previous version after a rollback or revert, even if the new version was deleted', () => {
    const { clock, store, deploy, served } = setup();
    deploy(1, { DeploymentDurationInMinutes: 0, FinalBakeTimeInMinutes: 0 });
    const d2 = deploy(2);
    clock.t += 4 * MIN;
    Object.assign(d2, { StoppedAt: new Date(clock.t), StoppedState: 'ROLLED_BACK' });
    expect(served(0)).toBe(1);
    // The rolled-back deployment leaves version 1 settled, so the next one replaces 1, not 2.
    const d3 = deploy(3, { DeploymentDurationInMinutes: 0, FinalBakeTimeInMinutes: 0 });
    expect(d3.PreviousVersionNumber).toBe(1);
    const v3 = store.versionsOf('app1234', 'prof123').pop()!;
    store.retiredVersions.set('app1234/prof123/3', v3);
    expect(served(50)).toBe(3);
    Object.assign(d3, { StoppedAt: new Date(clock.t), StoppedState: 'REVERTED' });
    expect(served(50)).toBe(1);
  });

  it('is decided by the newest deployment of that profile only', () => {
    const { clock, deploy, served } = setup();
    deploy(1, { DeploymentDurationInMinutes: 0, FinalBakeTimeInMinutes: 0 });
    clock.t += MIN;
    deploy(1, {}, 'other12');
    expect(served(99)).toBe(1);
  });
});
