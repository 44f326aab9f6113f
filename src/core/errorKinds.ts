// Sorts a failed call into what it means for the client, so the awsError rule and the poll schedule agree on
// which failures are the token's fault, the caller's fault, or transient.
// Pure core: imports only ledger types.
import type { PollOutcome } from './ledger.js';

export type ErrorOutcome = Extract<PollOutcome, { type: 'error' }>;

export type ErrorKind =
  | 'tooEarly'
  | 'tokenExpired'
  | 'tokenCorrupted'
  | 'badRequest'
  | 'notFound'
  | 'throttled'
  | 'serverError'
  | 'accessDenied'
  | 'noCredentials'
  | 'credentialsExpired'
  /** The access key or session token is not one AWS knows, or the signature was made with the wrong secret. */
  | 'credentialsInvalid'
  /** The SSO login behind the profile has expired: `aws sso login` renews it. */
  | 'ssoExpired'
  | 'clockSkew'
  | 'dnsFailure'
  | 'connectionRefused'
  | 'network'
  | 'aborted'
  /** The SDK failed on this side of the wire with no HTTP answer (a missing region, an unreadable body). */
  | 'sdkError'
  | 'unknown';

const NAME_KINDS: Record<string, ErrorKind> = {
  BadRequestException: 'badRequest',
  ValidationException: 'badRequest',
  ResourceNotFoundException: 'notFound',
  ThrottlingException: 'throttled',
  Throttling: 'throttled',
  TooManyRequestsException: 'throttled',
  RequestLimitExceeded: 'throttled',
  InternalServerException: 'serverError',
  InternalFailure: 'serverError',
  InternalError: 'serverError',
  ServiceUnavailable: 'serverError',
  ServiceUnavailableException: 'serverError',
  AccessDeniedException: 'accessDenied',
  AccessDenied: 'accessDenied',
  UnrecognizedClientException: 'credentialsInvalid',
  InvalidClientTokenId: 'credentialsInvalid',
  InvalidSignatureException: 'credentialsInvalid',
  SignatureDoesNotMatch: 'credentialsInvalid',
  IncompleteSignature: 'accessDenied',
  MissingAuthenticationToken: 'accessDenied',
  MissingAuthenticationTokenException: 'accessDenied',
  CredentialsProviderError: 'noCredentials',
  ExpiredTokenException: 'credentialsExpired',
  ExpiredToken: 'credentialsExpired',
  RequestExpired: 'clockSkew',
  RequestTimeTooSkewed: 'clockSkew',
  ENOTFOUND: 'dnsFailure',
  EAI_AGAIN: 'dnsFailure',
  ECONNREFUSED: 'connectionRefused',
  ECONNRESET: 'network',
  ETIMEDOUT: 'network',
  EPIPE: 'network',
  EHOSTUNREACH: 'network',
  ENETUNREACH: 'network',
  TimeoutError: 'network',
  RequestTimeout: 'network',
  RequestTimeoutException: 'network',
  NetworkingError: 'network',
  FetchError: 'network',
  AbortError: 'aborted',
};

/**
 * The modelled Problem of a BadRequestException. The service normally flattens it into `problem`; the raw
 * `Details.InvalidParameters.<param>.Problem` is read as a fallback because the parameter key AWS uses there
 * is undocumented (docs/protocol.md §11.2), so any key is accepted.
 */
export function problemOf(outcome: ErrorOutcome): string | undefined {
  if (outcome.problem) return outcome.problem;
  const invalid = asRecord(asRecord(outcome.details)?.['InvalidParameters']);
  for (const entry of Object.values(invalid ?? {})) {
    const problem = asRecord(entry)?.['Problem'];
    if (typeof problem === 'string') return problem;
  }
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * How the JS SDK and botocore word an expired or missing SSO login, under several error names; the last is
 * the SSO portal's own refusal of a cached token it no longer honours (GetRoleCredentials' 401
 * UnauthorizedException), which the JS SDK passes on as a CredentialsProviderError.
 */
const SSO_LOGIN_LAPSED =
  /\bSSO\b.*\b(expired|invalid|not found)\b|\bsso login\b|\bSession token not found or invalid\b/i;

export function classifyError(outcome: ErrorOutcome): ErrorKind {
  const problem = problemOf(outcome);
  // Clients match the message text, and the Problem may be absent from real "too early" bodies
  // (docs/protocol.md §2).
  if (problem === 'PollIntervalNotSatisfied' || /request too early/i.test(outcome.message))
    return 'tooEarly';
  if (problem === 'Expired') return 'tokenExpired';
  if (problem === 'Corrupted') return 'tokenCorrupted';
  // SigV4 reports clock skew as an invalid signature whose message says so.
  if (/signature expired|signature not yet current/i.test(outcome.message)) return 'clockSkew';
  if (SSO_LOGIN_LAPSED.test(outcome.message)) return 'ssoExpired';
  const byName = NAME_KINDS[outcome.errorName];
  if (byName) return byName;
  const status = outcome.httpStatus;
  if (status === 429) return 'throttled';
  if (status !== undefined && status >= 500) return 'serverError';
  if (status === 401 || status === 403) return 'accessDenied';
  if (status === 404) return 'notFound';
  if (status === 400) return 'badRequest';
  // Node system errors (ECONNRESET...) carry no HTTP status.
  if (status === undefined && /^E[A-Z_]{3,}$/.test(outcome.errorName)) return 'network';
  // A plain Error with no HTTP status never reached AWS's answer: retrying the same way cannot help.
  if (status === undefined && outcome.errorName === 'Error') return 'sdkError';
  return 'unknown';
}

const TRANSIENT = new Set<ErrorKind>([
  'throttled',
  'serverError',
  'network',
  'dnsFailure',
  'connectionRefused',
  'unknown',
]);

/** Failures worth retrying with the same token after a pause (the SDK already did its own quick retries). */
export function isTransient(kind: ErrorKind): boolean {
  return TRANSIENT.has(kind);
}
