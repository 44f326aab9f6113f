// Deployment and fleet validators: each bad param is refused with a message naming the field and the rule.
import { describe, expect, it } from 'vitest';
import { ProtocolError } from './messages.js';
import { validateRequest } from './validate.js';

function refused(method: string, params: unknown): string {
  try {
    validateRequest(method, params);
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolError);
    expect((e as ProtocolError).code).toBe('invalidParams');
    return (e as ProtocolError).message;
  }
  throw new Error(`${method} accepted ${JSON.stringify(params)}`);
}

const env = { applicationId: 'abc1234', environmentId: 'env1234' };
const profile = { applicationId: 'abc1234', configurationProfileId: 'prof123' };
const strategy = {
  name: 'steps',
  growthType: 'LINEAR',
  growthFactor: 25,
  deploymentDurationInMinutes: 4,
  finalBakeTimeInMinutes: 2,
  replicateTo: 'NONE',
};
const deployment = {
  ...env,
  configurationProfileId: 'prof123',
  versionNumber: 3,
  deploymentStrategyId: 'AppConfig.Linear50PercentEvery30Seconds',
};

describe('deployment validators', () => {
  it('accepts well-formed params and drops nothing', () => {
    expect(validateRequest('startDeployment', { ...deployment, description: 'go' }).params).toEqual(
      {
        ...deployment,
        description: 'go',
      },
    );
    expect(validateRequest('createDeploymentStrategy', strategy).params).toEqual(strategy);
    expect(
      validateRequest('createHostedVersion', { ...profile, content: '{}', format: 'json' }).params,
    ).toEqual({ ...profile, content: '{}', format: 'json' });
  });

  it('names the field and the rule of every bad param', () => {
    expect(refused('listHostedVersions', { applicationId: 'abc1234' })).toBe(
      '"configurationProfileId" must be a string.',
    );
    expect(refused('getHostedVersion', { ...profile, versionNumber: 0 })).toBe(
      '"versionNumber" must be between 1 and 2147483647 (got 0).',
    );
    expect(refused('createHostedVersion', { ...profile, content: '', format: 'json' })).toBe(
      '"content" must be 1–2097152 characters long (got 0).',
    );
    expect(refused('createHostedVersion', { ...profile, content: 'x', format: 'xml' })).toBe(
      '"format" must be one of json, yaml, text.',
    );
    expect(
      refused('createHostedVersion', {
        ...profile,
        content: 'x',
        format: 'text',
        versionLabel: '12',
      }),
    ).toBe('"versionLabel" must contain a character other than a digit.');
    expect(refused('createDeploymentStrategy', { ...strategy, growthFactor: 0.5 })).toBe(
      '"growthFactor" must be between 1 and 100 (got 0.5).',
    );
    expect(refused('createDeploymentStrategy', { ...strategy, growthType: 'STEP' })).toBe(
      '"growthType" must be one of LINEAR, EXPONENTIAL.',
    );
    expect(refused('createDeploymentStrategy', { ...strategy, finalBakeTimeInMinutes: 1441 })).toBe(
      '"finalBakeTimeInMinutes" must be between 0 and 1440 (got 1441).',
    );
    expect(refused('createDeploymentStrategy', { ...strategy, replicateTo: undefined })).toBe(
      '"replicateTo" must be one of NONE, SSM_DOCUMENT.',
    );
    expect(refused('startDeployment', { ...deployment, versionNumber: '3' })).toBe(
      '"versionNumber" must be a whole number.',
    );
    expect(refused('startDeployment', { ...deployment, deploymentStrategyId: 'a b' })).toBe(
      '"deploymentStrategyId" must be an AppConfig id or name (letters, digits, . _ -).',
    );
    expect(refused('listDeployments', { ...env, extra: 1 })).toBe(
      'params: unknown field "extra" (allowed: applicationId, environmentId).',
    );
    expect(refused('stopDeployment', { ...env, deploymentNumber: 1.5 })).toBe(
      '"deploymentNumber" must be a whole number.',
    );
    expect(refused('revertDeployment', env)).toBe('"deploymentNumber" must be a whole number.');
    expect(refused('listDeploymentStrategies', { all: true })).toBe(
      'params: unknown field "all" (allowed: none).',
    );
  });
});

describe('fleet validators', () => {
  const fleet = {
    applicationIdentifier: 'demo-app',
    environmentIdentifier: 'dev',
    configurationProfileIdentifier: 'app-config',
    size: 1000,
  };

  it('accepts sizes 1–1000 and fractional jitter, dropping nothing', () => {
    expect(validateRequest('startFleet', fleet).params).toEqual(fleet);
    const full = {
      ...fleet,
      size: 1,
      jitterSeconds: 0.5,
      requiredMinimumPollIntervalInSeconds: 15,
    };
    expect(validateRequest('startFleet', full).params).toEqual(full);
    expect(validateRequest('getFleet', { fleetId: 'f-1' }).params).toEqual({ fleetId: 'f-1' });
  });

  it('names the field and the rule of every bad param', () => {
    expect(refused('startFleet', { ...fleet, size: 0 })).toBe(
      '"size" must be between 1 and 1000 (got 0).',
    );
    expect(refused('startFleet', { ...fleet, size: 1001 })).toBe(
      '"size" must be between 1 and 1000 (got 1001).',
    );
    expect(refused('startFleet', { ...fleet, size: 10.5 })).toBe('"size" must be a whole number.');
    expect(refused('startFleet', { ...fleet, size: '10' })).toBe('"size" must be a whole number.');
    expect(refused('startFleet', { ...fleet, jitterSeconds: 301 })).toBe(
      '"jitterSeconds" must be between 0 and 300 (got 301).',
    );
    expect(refused('startFleet', { ...fleet, jitterSeconds: null })).toBe(
      '"jitterSeconds" must be a number.',
    );
    expect(refused('startFleet', { ...fleet, requiredMinimumPollIntervalInSeconds: 5 })).toBe(
      '"requiredMinimumPollIntervalInSeconds" must be between 15 and 86400 (got 5).',
    );
    expect(refused('stopFleet', {})).toBe('"fleetId" must be a string.');
    expect(refused('deleteFleet', { fleetId: 'f-1', force: true })).toBe(
      'params: unknown field "force" (allowed: fleetId).',
    );
    expect(refused('listFleets', { all: true })).toBe(
      'params: unknown field "all" (allowed: none).',
    );
  });
});
