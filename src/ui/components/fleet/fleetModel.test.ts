import { describe, expect, it } from 'vitest';
import type { DeploymentSummary, FleetMember, FleetSummary } from '../../../protocol/messages.js';
import {
  fleetDeployment,
  fleetSizeError,
  labelsOf,
  membersToShow,
  splitText,
} from './fleetModel.js';

const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);
const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);

const fleet = (over: Partial<FleetSummary> = {}): FleetSummary => ({
  id: 'f1',
  applicationIdentifier: 'shop',
  environmentIdentifier: 'prod',
  configurationProfileIdentifier: 'flags',
  jitterSeconds: 2,
  size: 10,
  state: 'running',
  backend: 'emulator',
  startedAt: T0,
  memberStates: { polling: 10 },
  pollCount: 0,
  held: [],
  ...over,
});

const deployment = (n: number, over: Partial<DeploymentSummary> = {}): DeploymentSummary => ({
  deploymentNumber: n,
  state: 'COMPLETE',
  percentageComplete: 100,
  startedAt: T0 + n * 60_000,
  ...over,
});

describe('fleet size', () => {
  it('accepts 1 to 1,000 whole members', () => {
    expect(fleetSizeError('1')).toBeUndefined();
    expect(fleetSizeError(' 1000 ')).toBeUndefined();
    expect(fleetSizeError('')).toBe('Fleet size is required to start a fleet.');
    expect(fleetSizeError('2.5')).toBe('Fleet size must be a whole number of members.');
    expect(fleetSizeError('0')).toBe('Fleet size must be between 1 and 1,000.');
    expect(fleetSizeError('1001')).toBe('Fleet size must be between 1 and 1,000.');
  });
});

describe('version split', () => {
  const versions = [
    { contentHash: NEW, versionLabel: 'v2', holders: 6 },
    { contentHash: OLD, holders: 3 },
    { contentHash: 'c'.repeat(64), versionLabel: 'v0', holders: 0 },
  ];

  it('names versions by label where they have one', () => {
    expect(labelsOf(versions)).toEqual({ [NEW]: 'v2', ['c'.repeat(64)]: 'v0' });
  });

  it('lists who holds what now, leaving out versions nobody holds and counting members without one', () => {
    expect(splitText(versions, 10)).toBe('6 × v2 · 3 × #aaaaaaaa · 1 × none yet');
  });
});

describe('the deployment a fleet overlays', () => {
  it('is the newest one of its profile that started before the fleet stopped', () => {
    const list = [
      deployment(1),
      deployment(3, { configurationName: 'other-profile' }),
      deployment(2, { configurationName: 'flags' }),
      deployment(9),
    ];
    const stopped = fleet({ stoppedAt: T0 + 5 * 60_000, state: 'stopped' });
    expect(fleetDeployment(stopped, list, ['flags'])?.deploymentNumber).toBe(2);
    expect(fleetDeployment(fleet(), list, ['flags'])?.deploymentNumber).toBe(9);
  });

  it('matches the profile by its listed name when the fleet was started with its id', () => {
    const list = [deployment(1, { configurationName: 'Flags profile' })];
    expect(fleetDeployment(fleet(), list, ['prof-id', 'Flags profile'])?.deploymentNumber).toBe(1);
    expect(fleetDeployment(fleet(), list, ['prof-id'])).toBeUndefined();
    expect(fleetDeployment(fleet(), [], ['flags'])).toBeUndefined();
  });
});

describe('member order', () => {
  const member = (id: string, over: Partial<FleetMember> = {}): FleetMember => ({
    sessionId: id,
    state: 'polling',
    pollCount: 1,
    ...over,
  });
  const members = [
    member('m1', { contentHash: NEW }),
    member('m2', { contentHash: OLD }),
    member('m3'),
    member('m4', { contentHash: NEW, lastError: 'ThrottlingException: slow down' }),
    member('m5', { contentHash: OLD }),
  ];
  const versions = [
    { contentHash: OLD, versionLabel: 'v1', holders: 2 },
    { contentHash: NEW, versionLabel: 'v2', holders: 2 },
  ];

  it('puts failing members first, then those without the deployment’s version, in start order', () => {
    const order = membersToShow(members, versions, 'v2').map((m) => m.sessionId);
    expect(order).toEqual(['m4', 'm2', 'm3', 'm5', 'm1']);
  });

  it('takes the most held version as expected when the deployment is unknown', () => {
    const order = membersToShow(members, [{ ...versions[0]!, holders: 3 }, versions[1]!]);
    expect(order.map((m) => m.sessionId)).toEqual(['m4', 'm1', 'm3', 'm2', 'm5']);
  });
});
