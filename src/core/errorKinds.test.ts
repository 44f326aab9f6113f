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

  it("takes the JS SDK's words for an expired, missing or refused SSO login as ssoExpired", () => {
    // As @aws-sdk/token-providers and credential-provider-sso word them, each as a CredentialsProviderError.
    for (const message of [
      "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      "The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      'UnauthorizedException: Session token not found or invalid',
    ])
      expect(classifyError(error({ errorName: 'CredentialsProviderError', message }))).toBe(
        'ssoExpired',
      );
    expect(classifyError(error({ errorName: 'CredentialsProviderError', message: 'x' }))).toBe(
      'noCredentials',
    );
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
