import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, matchResource, validateSessionForm } from './sessionFormModel.js';

const valid = { application: 'shop', environment: 'prod', profile: 'flags', interval: '' };

describe('validateSessionForm', () => {
  it('requires the three identifiers and names each one', () => {
    const { params, errors } = validateSessionForm(EMPTY_FORM);
    expect(params).toBeUndefined();
    expect(errors).toEqual({
      application: 'Application is required.',
      environment: 'Environment is required.',
      profile: 'Configuration profile is required.',
    });
  });

  it('enforces the 128-character AWS limit, counting after trimming', () => {
    expect(validateSessionForm({ ...valid, application: 'a'.repeat(128) }).errors).toEqual({});
    expect(validateSessionForm({ ...valid, environment: `  ${'e'.repeat(128)}  ` }).errors).toEqual(
      {},
    );
    expect(validateSessionForm({ ...valid, profile: 'p'.repeat(129) }).errors.profile).toBe(
      'Configuration profile must be at most 128 characters (AWS limit); it has 129.',
    );
    expect(validateSessionForm({ ...valid, application: '   ' }).errors.application).toBe(
      'Application is required.',
    );
  });

  it('accepts an empty interval or a whole number of seconds from 15 to 86400', () => {
    expect(validateSessionForm(valid).params).toEqual({
      applicationIdentifier: 'shop',
      environmentIdentifier: 'prod',
      configurationProfileIdentifier: 'flags',
    });
    expect(
      validateSessionForm({ ...valid, interval: ' 15 ' }).params
        ?.requiredMinimumPollIntervalInSeconds,
    ).toBe(15);
    expect(
      validateSessionForm({ ...valid, interval: '86400' }).params
        ?.requiredMinimumPollIntervalInSeconds,
    ).toBe(86400);
    const range = 'Minimum poll interval must be between 15 and 86400 seconds (AWS limit).';
    expect(validateSessionForm({ ...valid, interval: '14' }).errors.interval).toBe(range);
    expect(validateSessionForm({ ...valid, interval: '86401' }).errors.interval).toBe(range);
    const whole = 'Minimum poll interval must be a whole number of seconds.';
    for (const text of ['15.5', '-20', '1e3', 'sixty', '0x20']) {
      expect(validateSessionForm({ ...valid, interval: text }).errors.interval).toBe(whole);
    }
  });

  it('trims identifiers before sending them', () => {
    const { params } = validateSessionForm({
      application: ' shop ',
      environment: 'prod\t',
      profile: ' flags',
      interval: '',
    });
    expect(params).toMatchObject({
      applicationIdentifier: 'shop',
      environmentIdentifier: 'prod',
      configurationProfileIdentifier: 'flags',
    });
  });
});

describe('matchResource', () => {
  const apps = [
    { id: 'abc1234', name: 'shop' },
    { id: 'def5678', name: 'abc1234' },
  ];

  it('matches by id first, then by name, ignoring surrounding spaces', () => {
    expect(matchResource(apps, ' shop ')?.id).toBe('abc1234');
    expect(matchResource(apps, 'def5678')?.name).toBe('abc1234');
    // An id wins over a resource that happens to be named like it, as AWS resolves identifiers.
    expect(matchResource(apps, 'abc1234')?.name).toBe('shop');
    expect(matchResource(apps, 'sho')).toBeUndefined();
    expect(matchResource(undefined, 'shop')).toBeUndefined();
  });
});
