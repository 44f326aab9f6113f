import { describe, expect, it } from 'vitest';
import { canNormalise, monacoLanguage, showsFlagChanges } from './diffModel.js';

describe('diff model', () => {
  it('shows flag changes for documents shaped like served feature flags', () => {
    const flags = { beta: { enabled: true, limit: 3 }, dark: { enabled: false } };
    expect(showsFlagChanges(undefined, flags, flags)).toBe(true);
    expect(showsFlagChanges(undefined, flags, { beta: { enabled: 'yes' } })).toBe(false);
    expect(showsFlagChanges(undefined, flags, { beta: { enabled: true }, retries: 3 })).toBe(false);
    expect(showsFlagChanges(undefined, {}, flags)).toBe(false);
  });

  it('lets the profile kind override the shape test', () => {
    const flags = { beta: { enabled: true } };
    expect(showsFlagChanges('freeform', flags, flags)).toBe(false);
    expect(showsFlagChanges('featureFlags', {}, flags)).toBe(true);
  });

  it('maps decoded kinds to Monaco languages and normalisability', () => {
    expect(monacoLanguage('json')).toBe('json');
    expect(monacoLanguage('yaml')).toBe('yaml');
    expect(monacoLanguage('text')).toBe('plaintext');
    expect(monacoLanguage('binary')).toBe('plaintext');
    expect(canNormalise('json')).toBe(true);
    expect(canNormalise('yaml')).toBe(true);
    expect(canNormalise('text')).toBe(false);
    expect(canNormalise('binary')).toBe(false);
  });
});
