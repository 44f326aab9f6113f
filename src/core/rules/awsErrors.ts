// What each failed call means in plain words: title, explanation and fix per AWS (or network) error. Errors a
// specific rule already explains (too early → polledTooEarly, Expired → tokenExpired) are left to that rule.
// Imported by anomalies.ts only.
import { makeAnomaly, type Anomaly, type Severity } from '../anomalyTypes.js';
import { classifyError, type ErrorKind, type ErrorOutcome } from '../errorKinds.js';
import type { PollEvent } from '../ledger.js';
import type { ChainState } from './chainState.js';

interface Meaning {
  title: string;
  severity: Severity;
  explanation: string;
  fix: string;
}

const RESOURCE_LABELS: Record<string, string> = {
  Application: 'Application',
  Environment: 'Environment',
  ConfigurationProfile: 'Configuration profile',
};

function notFound(outcome: ErrorOutcome, event: PollEvent): Meaning {
  const type = outcome.resourceType;
  if (type === 'Deployment' || type === 'Configuration') {
    return {
      title: 'Nothing deployed',
      severity: 'error',
      explanation: `AWS found the application, environment and profile but no ${type === 'Deployment' ? 'deployment' : 'configuration'} to serve (${outcome.message}).`,
      fix: 'Deploy a configuration version to this environment (StartDeployment) before starting sessions, and treat this as "no configuration yet" in the client.',
    };
  }
  const label = type ? (RESOURCE_LABELS[type] ?? type) : 'Resource';
  return {
    title: `${label} not found`,
    severity: 'error',
    explanation: `AWS could not find the ${label.toLowerCase()} this ${event.kind === 'start' ? 'session names' : 'poll refers to'} (${outcome.message}).`,
    fix: 'Check the identifier spelling (names and ids both work), the region and the account the credentials belong to.',
  };
}

/** AWS names the IAM action it refused ("not authorized to perform: appconfig:GetLatestConfiguration"). */
function accessDenied(outcome: ErrorOutcome, said: string): Meaning {
  const action = /not authorized to perform:?\s+([\w-]+:[\w*-]+)/i.exec(outcome.message)?.[1];
  const who = /^User:\s+(\S+)\s+is not authorized/i.exec(outcome.message)?.[1];
  return {
    title: action ? `Access denied: ${action}` : 'Access denied',
    severity: 'error',
    explanation: action
      ? `${who ?? 'The caller'} may not call ${action}: no IAM policy allows it here (${said}).`
      : `AWS refused the call for these credentials (${said}).`,
    fix: action
      ? `Allow ${action} for this identity (an IAM policy statement with "Action": "${action}" on the application, environment and configuration profile), or use credentials that have it.`
      : 'Allow appconfig:StartConfigurationSession and appconfig:GetLatestConfiguration for this resource, and check the credentials belong to the intended account.',
  };
}

function meaningOf(
  kind: ErrorKind,
  outcome: ErrorOutcome,
  event: PollEvent,
  sessionProfile: string | undefined,
): Meaning | undefined {
  const name = outcome.errorName;
  const said = `${name}: ${outcome.message}`;
  switch (kind) {
    case 'tooEarly':
    case 'tokenExpired':
      return undefined;
    case 'tokenCorrupted':
      return {
        title: 'Token corrupted',
        severity: 'error',
        explanation: `AWS could not read the configuration token, most often because a "+", "/" or "=" in it was not URL-encoded or the token was cut short (${said}).`,
        fix: 'Send NextPollConfigurationToken exactly as received and let the SDK encode it; if you build the URL yourself, wrap the token in encodeURIComponent.',
      };
    case 'badRequest':
      return {
        title: 'Bad request',
        severity: 'error',
        explanation: `AWS rejected the ${event.kind === 'start' ? 'session parameters' : 'poll'} as invalid (${said}${outcome.reason ? `, reason ${outcome.reason}` : ''}).`,
        fix: 'Check the parameters: identifiers are 1–128 characters, RequiredMinimumPollIntervalInSeconds is 15–86400, and the token is passed unchanged.',
      };
    case 'notFound':
      return notFound(outcome, event);
    case 'throttled':
      return {
        title: 'Throttled',
        severity: 'warning',
        explanation: `AWS throttled this call (${said}); the token stays valid.`,
        fix: 'Poll less often (follow NextPollIntervalInSeconds), start one session per app/env/profile, and retry with the same token after a backoff.',
      };
    case 'serverError':
      return {
        title: 'AWS internal error',
        severity: 'warning',
        explanation: `AWS failed on its side (${said}); the token stays valid.`,
        fix: 'Retry with the same token after a short backoff (the SDK already retries twice) and keep serving the last configuration meanwhile.',
      };
    case 'accessDenied':
      return accessDenied(outcome, said);
    case 'credentialsInvalid':
      return {
        title: 'Credentials not recognised',
        severity: 'error',
        explanation: `AWS does not recognise the credentials: the access key or session token is unknown (deleted, rotated, from another partition), or the request was signed with the wrong secret key (${said}).`,
        fix: 'Check which credentials the client resolves (`aws sts get-caller-identity` with the same profile), replace a deleted or rotated key, and never pair a session token with keys it was not issued for.',
      };
    case 'ssoExpired': {
      // The JS SDK's words ("Token is expired. To refresh this SSO session run 'aws sso login' with the
      // corresponding profile.") name no profile, so the one the session signed with stands in.
      const profile =
        /profile(?:=|\s+['"])([\w.@-]+)/i.exec(outcome.message)?.[1] ?? sessionProfile;
      return {
        title: 'SSO login expired',
        severity: 'error',
        explanation: `The AWS IAM Identity Center (SSO) login behind the profile has expired or was never made, so there are no credentials to sign with (${said}).`,
        fix: `Run \`aws sso login --profile ${profile ?? 'NAME'}\` and try again; the SDK picks the renewed login up from the SSO cache.`,
      };
    }
    case 'noCredentials':
      return {
        title: 'No credentials',
        severity: 'error',
        explanation: `The SDK found no AWS credentials to sign the call (${said}).`,
        fix: 'Provide credentials through the environment, a shared profile or a role, or pass them to the client explicitly.',
      };
    case 'credentialsExpired':
      return {
        title: 'Credentials expired',
        severity: 'error',
        explanation: `The AWS credentials (not the configuration token) have expired (${said}).`,
        fix: 'Use a credential provider that refreshes (role or SSO provider) instead of fixed temporary keys, or renew the session credentials.',
      };
    case 'clockSkew':
      return {
        title: 'Clock skew',
        severity: 'error',
        explanation: `AWS rejected the request signature as too old or from the future, so this machine's clock is off (${said}).`,
        fix: 'Synchronise the system clock (NTP), or enable the SDK clock-skew correction (correctClockSkew in v2).',
      };
    case 'dnsFailure':
      return {
        title: 'Endpoint not found',
        severity: 'error',
        explanation: `The endpoint host name did not resolve (${said})${/\.\.amazonaws/.test(outcome.message) ? ', and the empty region in it shows no region was set' : ''}.`,
        fix: 'Set the region on the client (or AWS_REGION), and check any endpoint override such as AWS_ENDPOINT_URL_APPCONFIGDATA.',
      };
    case 'connectionRefused':
      return {
        title: 'Connection refused',
        severity: 'error',
        explanation: `Nothing is listening at the endpoint (${said}).`,
        fix: 'Start the emulator or fix the endpoint URL and port the client points at.',
      };
    case 'network':
      return {
        title: 'Network error',
        severity: 'warning',
        explanation: `The call failed in transit before AWS answered (${said}); the token stays valid.`,
        fix: 'Retry with the same token after a backoff and keep serving the last configuration; check proxies and timeouts if it persists.',
      };
    case 'aborted':
      return {
        title: 'Request aborted',
        severity: 'info',
        explanation: `The call was cancelled before an answer arrived (${said}).`,
        fix: 'Nothing to fix if the session was being stopped; otherwise raise the request timeout.',
      };
    case 'sdkError':
      return {
        title: 'SDK error',
        severity: 'error',
        explanation: `The AWS SDK failed on this side of the wire, with no HTTP answer to show (${said}).`,
        fix: 'Fix the client configuration the message names (region, endpoint, profile), or look at the endpoint if its answer could not be read.',
      };
    case 'unknown':
      return {
        title: `AWS error: ${name}`,
        severity: 'warning',
        explanation: `The call failed with an error the inspector does not know (${said}${outcome.httpStatus ? `, HTTP ${outcome.httpStatus}` : ''}).`,
        fix: 'Look the error name up in the AppConfig Data API reference; retry with the same token if it is transient.',
      };
  }
}

/**
 * One anomaly per failed call, except the failures a dedicated rule explains better. `state` (as
 * detectAnomalies passes it) supplies the session's profile for advice that needs its name.
 */
export function awsError(event: PollEvent, state?: ChainState): Anomaly | undefined {
  if (event.outcome.type !== 'error') return undefined;
  const meaning = meaningOf(
    classifyError(event.outcome),
    event.outcome,
    event,
    state?.session.profile,
  );
  if (!meaning) return undefined;
  return makeAnomaly({ rule: 'awsError', sessionId: event.sessionId, seq: event.seq, ...meaning });
}
