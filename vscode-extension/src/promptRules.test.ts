import { describe, expect, it } from 'vitest';
import { findResource, identifierProblem, parseInterval } from './promptRules.js';

describe('parseInterval', () => {
  it("accepts empty (no minimum) and AWS's 15–86400 range", () => {
    expect(parseInterval('')).toEqual({ ok: true });
    expect(parseInterval(' 15 ')).toEqual({ ok: true, value: 15 });
    expect(parseInterval('86400')).toEqual({ ok: true, value: 86_400 });
  });

  it('explains what is wrong otherwise', () => {
    expect(parseInterval('14')).toEqual({
      ok: false,
      message: 'AWS accepts 15–86400 seconds (got 14).',
    });
    expect(parseInterval('86401')).toMatchObject({ ok: false });
    expect(parseInterval('1.5')).toEqual({
      ok: false,
      message: 'A whole number of seconds, 15–86400, or empty for none.',
    });
    expect(parseInterval('-20')).toMatchObject({ ok: false });
  });
});

describe('identifierProblem', () => {
  it('requires 1–128 characters', () => {
    expect(identifierProblem('demo-app')).toBeUndefined();
    expect(identifierProblem('  ')).toBe('Required.');
    expect(identifierProblem('x'.repeat(129))).toBe('At most 128 characters (got 129).');
  });
});

describe('findResource', () => {
  const items = [
    { id: 'abc1234', name: 'demo-app' },
    { id: 'def5678', name: 'other' },
  ];
  it('matches by name or id, and nothing for free text', () => {
    expect(findResource(items, 'demo-app')).toEqual(items[0]);
    expect(findResource(items, ' def5678 ')).toEqual(items[1]);
    expect(findResource(items, 'missing')).toBeUndefined();
    expect(findResource(undefined, 'demo-app')).toBeUndefined();
  });
});
