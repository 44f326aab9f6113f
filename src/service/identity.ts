// Who the backend's credentials are (STS GetCallerIdentity), for the header: resolved once per backend and
// never holding hello past the connect timeout. A failure is kept as words, because the header is often the
// first place a user learns that their profile has no working credentials. Used by backend.ts and
// backendSwitch.ts.
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { classifyError, type ErrorKind } from '../core/errorKinds.js';
import type { BackendInfo } from '../protocol/messages.js';
import { errorOutcome } from './awsCall.js';

/** What a failed GetCallerIdentity means, by the same classification the poll errors use. */
const WORDS: Partial<Record<ErrorKind, string>> = {
  noCredentials: 'No AWS credentials were found (environment, shared files, SSO or process).',
  credentialsExpired:
    'The credentials have expired: renew the session or use a refreshing profile.',
  credentialsInvalid:
    'AWS does not recognise these credentials (deleted, rotated or mispaired keys).',
  accessDenied: 'These credentials may not call sts:GetCallerIdentity.',
  clockSkew: "AWS rejected the signature's time: this machine's clock is off.",
  dnsFailure: 'The STS endpoint could not be resolved: check the region or AWS_ENDPOINT_URL_STS.',
  connectionRefused: 'The STS endpoint refused the connection.',
  network: 'STS could not be reached.',
  throttled: 'STS throttled the call.',
  sdkError: 'The SDK could not make the call (often: no region).',
};

export function explainIdentityError(e: unknown, profile?: string): string {
  const outcome = errorOutcome(e);
  const kind = classifyError(outcome);
  const words =
    kind === 'ssoExpired'
      ? `The SSO login behind the profile has expired: run \`aws sso login --profile ${profile ?? 'NAME'}\`.`
      : (WORDS[kind] ?? 'STS could not say who these credentials are.');
  return `${words} (${outcome.errorName}: ${outcome.message})`;
}

export type IdentityFields = Pick<BackendInfo, 'identity' | 'identityError'>;

/** Calls GetCallerIdentity; never rejects. */
export async function callerIdentity(
  sts: STSClient,
  timeoutMs: number,
  profile?: string,
): Promise<IdentityFields> {
  try {
    const out = await sts.send(new GetCallerIdentityCommand({}), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    if (!out.Account || !out.Arn)
      return { identityError: 'STS answered without an account or ARN.' };
    return { identity: { account: out.Account, arn: out.Arn } };
  } catch (e) {
    return { identityError: explainIdentityError(e, profile) };
  }
}

/**
 * The identity, asked for on first use and shared once known; fills `info` when it settles. A failure is not
 * kept as the answer: the next call (the UI's next hello, after `aws sso login` say) asks STS again.
 */
export function lazyIdentity(sts: STSClient, info: BackendInfo, timeoutMs: number) {
  let pending: Promise<void> | undefined;
  return (): Promise<void> =>
    (pending ??= callerIdentity(sts, timeoutMs, info.profile).then((fields) => {
      delete info.identity;
      delete info.identityError;
      Object.assign(info, fields);
      if (fields.identityError !== undefined) pending = undefined;
    }));
}

/** Whether `p` settles within `ms` (hello must not hang on a slow STS). */
export async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([p.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
