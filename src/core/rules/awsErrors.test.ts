import { describe, expect, it } from 'vitest';
import { detectAnomalies } from '../anomalies.js';
import { failed, session, T0 } from '../testLedger.js';
import { awsError } from './awsErrors.js';

type ErrorFields = Parameters<typeof failed>[3];
const onPoll = (error: ErrorFields) => awsError(failed(3, 60, 'T', error));
const onStart = (error: ErrorFields) => awsError(failed(0, 0, undefined, error));

describe('awsError', () => {
  it('ignores successful calls', () => {
    expect(awsError({ ...failed(1, 1, 'T', {}), outcome: { type: 'unchanged' } })).toBeUndefined();
  });

  it('explains a Corrupted token as a URL-encoding problem', () => {
    const a = onPoll({ problem: 'Corrupted', reason: 'InvalidParameters', httpStatus: 400 });
    expect(a).toMatchObject({
      id: 'awsError:3',
      rule: 'awsError',
      severity: 'error',
      title: 'Token corrupted',
      seq: 3,
    });
    expect(a?.explanation).toContain('"+"');
    expect(a?.fix).toContain('encodeURIComponent');
  });

  it('reads the Problem from raw Details when the service did not flatten it', () => {
    const details = { InvalidParameters: { ConfigurationToken: { Problem: 'Corrupted' } } };
    expect(onPoll({ details })?.title).toBe('Token corrupted');
  });

  it('leaves too-early and Expired refusals to their dedicated rules', () => {
    expect(onPoll({ problem: 'PollIntervalNotSatisfied' })).toBeUndefined();
    expect(onPoll({ message: 'Request too early' })).toBeUndefined();
    expect(onPoll({ problem: 'Expired' })).toBeUndefined();
  });

  it('names the missing resource', () => {
    const missing = {
      errorName: 'ResourceNotFoundException',
      httpStatus: 404,
      message: 'not found',
    };
    expect(onStart({ ...missing, resourceType: 'Environment' })).toMatchObject({
      title: 'Environment not found',
      severity: 'error',
    });
    expect(onStart({ ...missing, resourceType: 'ConfigurationProfile' })?.title).toBe(
      'Configuration profile not found',
    );
    expect(onStart({ ...missing, resourceType: 'Deployment' })?.title).toBe('Nothing deployed');
    expect(onStart(missing)?.title).toBe('Resource not found');
  });

  it('treats throttling and server faults as transient warnings', () => {
    expect(onPoll({ errorName: 'ThrottlingException', httpStatus: 429 })).toMatchObject({
      title: 'Throttled',
      severity: 'warning',
    });
    expect(onPoll({ errorName: 'InternalServerException', httpStatus: 500 })).toMatchObject({
      title: 'AWS internal error',
      severity: 'warning',
    });
    expect(onPoll({ errorName: 'Mystery', httpStatus: 503 })?.title).toBe('AWS internal error');
  });

  it('separates credential problems from configuration-token problems', () => {
    expect(onStart({ errorName: 'AccessDeniedException', httpStatus: 403 })).toMatchObject({
      title: 'Access denied',
      severity: 'error',
    });
    const expired = onStart({
      errorName: 'ExpiredTokenException',
      httpStatus: 403,
      message: 'The security token included in the request is expired',
    });
    expect(expired?.title).toBe('Credentials expired');
    expect(expired?.explanation).toContain('not the configuration token');
    expect(
      onStart({
        errorName: 'InvalidSignatureException',
        message: 'Signature expired: 20261101T000000Z is now earlier than ...',
      })?.title,
    ).toBe('Clock skew');
  });

  it('names the IAM action AWS refused, and who was refused', () => {
    const denied = onPoll({
      errorName: 'AccessDeniedException',
      httpStatus: 403,
      message:
        'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: appconfig:GetLatestConfiguration because no identity-based policy allows the appconfig:GetLatestConfiguration action',
    });
    expect(denied?.title).toBe('Access denied: appconfig:GetLatestConfiguration');
    expect(denied?.explanation).toContain(
      'arn:aws:iam::123456789012:user/dev may not call appconfig:GetLatestConfiguration',
    );
    expect(denied?.fix).toContain('"Action": "appconfig:GetLatestConfiguration"');
  });

  it('tells unrecognised credentials and a wrong secret from expired ones', () => {
    for (const errorName of ['UnrecognizedClientException', 'SignatureDoesNotMatch']) {
      const e = onStart({ errorName, httpStatus: 403, message: 'The security token is invalid.' });
      expect(e?.title).toBe('Credentials not recognised');
      expect(e?.fix).toContain('aws sts get-caller-identity');
    }
  });

  it('turns an expired SSO login into the aws sso login command for its profile', () => {
    const sso = onStart({
      errorName: 'CredentialsProviderError',
      message:
        "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile=dev-admin.",
    });
    expect(sso?.title).toBe('SSO login expired');
    expect(sso?.fix).toContain('aws sso login --profile dev-admin');
  });

  it("names the session's profile in the SSO advice when the SDK's words name none", () => {
    // @aws-sdk/token-providers' wording for an expired cached login that could not be refreshed.
    const expired = failed(0, 0, undefined, {
      errorName: 'CredentialsProviderError',
      message:
        "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    });
    const [flag] = detectAnomalies(session({ profile: 'dev-sso' }), [expired], T0);
    expect(flag).toMatchObject({ rule: 'awsError', title: 'SSO login expired' });
    expect(flag?.fix).toContain('aws sso login --profile dev-sso');
    expect(awsError(expired)?.fix).toContain('aws sso login --profile NAME');
  });

  it('explains network failures, including a missing region', () => {
    const dns = onStart({
      errorName: 'ENOTFOUND',
      message: 'getaddrinfo ENOTFOUND appconfigdata..amazonaws.com',
    });
    expect(dns).toMatchObject({ title: 'Endpoint not found', severity: 'error' });
    expect(dns?.explanation).toContain('no region was set');
    expect(
      onPoll({ errorName: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:4000' })?.title,
    ).toBe('Connection refused');
    expect(onPoll({ errorName: 'ECONNRESET', message: 'socket hang up' })).toMatchObject({
      title: 'Network error',
      severity: 'warning',
    });
    expect(onPoll({ errorName: 'AbortError', message: 'aborted' })).toMatchObject({
      title: 'Request aborted',
      severity: 'info',
    });
  });

  it('words a plain bad request differently for a start and a poll', () => {
    expect(
      onStart({ message: 'RequiredMinimumPollIntervalInSeconds must be at least 15' })?.explanation,
    ).toContain('session parameters');
    expect(onPoll({ message: 'Invalid token' })?.explanation).toContain('rejected the poll');
  });

  it('falls back to the error name for unknown errors', () => {
    expect(
      onPoll({ errorName: 'GremlinException', message: 'odd', httpStatus: 418 }),
    ).toMatchObject({ title: 'AWS error: GremlinException', severity: 'warning' });
  });
});
