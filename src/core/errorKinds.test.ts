import { describe, expect, it } from 'vitest';
import { classifyError, isTransient, problemOf, type ErrorOutcome } from './errorKinds.js';

const error = (fields: Partial<ErrorOutcome>): ErrorOutcome => ({
  type: 'error',
  errorName: 'BadRequestException',
  message: '',
  ...fields,
});

describe('classifyError', () => {
  it('lets the modelled Problem decide a BadRequestException', () => {
    expect(classifyError(error({ problem: 'PollIntervalNotSatisfied' }))).toBe('tooEarly');
    expect(classifyError(error({ problem: 'Expired' }))).toBe('tokenExpired');
    expect(classifyError(error({ problem: 'Corrupted' }))).toBe('tokenCorrupted');
    expect(classifyError(error({ reason: 'InvalidParameters' }))).toBe('badRequest');
  });

  it('matches the "Request too early" text clients rely on', () => {
    expect(classifyError(error({ message: 'Request too early' }))).toBe('tooEarly');
  });

  it('falls back to the HTTP status, then to Node error codes', () => {
    expect(classifyError(error({ errorName: 'X', httpStatus: 429 }))).toBe('throttled');
    expect(classifyError(error({ errorName: 'X', httpStatus: 502 }))).toBe('serverError');
    expect(classifyError(error({ errorName: 'X', httpStatus: 403 }))).toBe('accessDenied');
    expect(classifyError(error({ errorName: 'X', httpStatus: 404 }))).toBe('notFound');
    expect(classifyError(error({ errorName: 'X', httpStatus: 400 }))).toBe('badRequest');
    expect(classifyError(error({ errorName: 'EHOSTDOWN' }))).toBe('network');
    expect(classifyError(error({ errorName: 'X', httpStatus: 418 }))).toBe('unknown');
  });

  it('sorts transient failures from ones that need a person', () => {
    expect(['throttled', 'serverError', 'network'].every((k) => isTransient(k as never))).toBe(
      true,
    );
    expect(
      ['accessDenied', 'notFound', 'tokenExpired', 'aborted'].some((k) => isTransient(k as never)),
    ).toBe(false);
  });
});

describe('problemOf', () => {
  it('prefers the flattened problem and reads any parameter key in Details', () => {
    expect(
      problemOf(
        error({
          problem: 'Expired',
          details: { InvalidParameters: { t: { Problem: 'Corrupted' } } },
        }),
      ),
    ).toBe('Expired');
    expect(
      problemOf(
        error({ details: { InvalidParameters: { configuration_token: { Problem: 'Expired' } } } }),
      ),
    ).toBe('Expired');
    expect(problemOf(error({ details: { InvalidParameters: ['junk'] } }))).toBeUndefined();
    expect(problemOf(error({ details: 'text' }))).toBeUndefined();
  });
});
