import { describe, expect, it } from 'vitest';
import type { DeploymentStrategyInfo, DeploymentSummary } from '../../../protocol/messages.js';
import {
  canRevert,
  canStop,
  describeStrategy,
  EMPTY_STRATEGY,
  formatCountdown,
  isRunning,
  previousDeployment,
  revertConsequence,
  stopConsequence,
  validateStrategyForm,
} from './deploymentsModel.js';

const dep = (n: number, over: Partial<DeploymentSummary> = {}): DeploymentSummary => ({
  deploymentNumber: n,
  configurationName: 'flags',
  configurationVersion: String(n),
  state: 'COMPLETE',
  percentageComplete: 100,
  ...over,
});

describe('deployment states', () => {
  it('polls the moving states, stops only DEPLOYING/BAKING and reverts only COMPLETE', () => {
    expect(['DEPLOYING', 'BAKING', 'VALIDATING', 'ROLLING_BACK'].every(isRunning)).toBe(true);
    expect(['COMPLETE', 'ROLLED_BACK', 'REVERTED'].some(isRunning)).toBe(false);
    expect([canStop('DEPLOYING'), canStop('BAKING'), canStop('COMPLETE')]).toEqual([
      true,
      true,
      false,
    ]);
    expect([canRevert('COMPLETE'), canRevert('BAKING'), canRevert('REVERTED')]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('describeStrategy', () => {
  const s = (over: Partial<DeploymentStrategyInfo>): DeploymentStrategyInfo => ({
    id: 'x',
    name: 'x',
    growthType: 'LINEAR',
    growthFactor: 20,
    deploymentDurationInMinutes: 10,
    finalBakeTimeInMinutes: 0,
    predefined: false,
    ...over,
  });
  it('names growth, factor, duration and bake', () => {
    expect(describeStrategy(s({}))).toBe('LINEAR (+20% a step) · 10 min · bake 0 min');
    expect(
      describeStrategy(
        s({ growthType: 'EXPONENTIAL', growthFactor: 2, deploymentDurationInMinutes: 120 }),
      ),
    ).toBe('EXPONENTIAL (×2 from 2%) · 2 h · bake 0 min');
  });
});

describe('formatCountdown', () => {
  it('counts down in h/m/s and says "due now" once passed', () => {
    expect(formatCountdown(5_000, 0)).toBe('5s');
    expect(formatCountdown(125_000, 0)).toBe('2m 05s');
    expect(formatCountdown(3_725_000, 0)).toBe('1h 02m 05s');
    expect(formatCountdown(1_000, 1_000)).toBe('due now');
    expect(formatCountdown(0, 9_000)).toBe('due now');
  });
});

describe('what clients get', () => {
  const list = [dep(4, { state: 'DEPLOYING' }), dep(3, { state: 'ROLLED_BACK' }), dep(2), dep(1)];
  it('finds the newest earlier COMPLETE deployment of the same profile', () => {
    expect(previousDeployment(list, list[0]!)?.deploymentNumber).toBe(2);
    expect(previousDeployment(list, dep(5, { configurationName: 'other' }))).toBeUndefined();
    expect(previousDeployment(undefined, list[0]!)).toBeUndefined();
  });
  it('says which version a stop or a revert gives clients', () => {
    expect(stopConsequence(dep(4, { versionLabel: 'v4' }), dep(2))).toBe(
      'Stop deployment 4? It rolls back: clients that already got version 4 (v4) get the previous version, version 2, again.',
    );
    expect(revertConsequence(dep(4), undefined)).toContain(
      'Every client gets the version before this deployment, the version deployed before it, instead of version 4.',
    );
  });
});

describe('validateStrategyForm', () => {
  it('turns valid values into CreateStrategyParams', () => {
    expect(validateStrategyForm({ ...EMPTY_STRATEGY, name: ' fast ' })).toEqual({
      errors: {},
      params: {
        name: 'fast',
        growthType: 'LINEAR',
        growthFactor: 20,
        deploymentDurationInMinutes: 10,
        finalBakeTimeInMinutes: 5,
        replicateTo: 'NONE',
      },
    });
  });
  it('refuses what AWS would, field by field', () => {
    const { params, errors } = validateStrategyForm({
      name: '',
      growthType: 'EXPONENTIAL',
      growthFactor: '0',
      duration: '1441',
      bake: '2.5',
    });
    expect(params).toBeUndefined();
    expect(errors).toEqual({
      name: 'Name is required.',
      growthFactor: 'Growth factor must be a number from 1 to 100.',
      duration: 'Duration must be a number from 0 to 1440.',
      bake: 'Bake time must be whole minutes.',
    });
    expect(validateStrategyForm({ ...EMPTY_STRATEGY, name: 'n'.repeat(65) }).errors.name).toMatch(
      /at most 64/,
    );
  });
});
