// Pure helpers of the backend switcher and the session views: the regions offered, how a profile is listed,
// and the note a session gets when it started on another profile or region than the current backend's.
import type { SessionInfo } from '../../../core/ledger.js';
import type { AwsProfileInfo, BackendInfo } from '../../../protocol/messages.js';

/** Offered in the region field's list; any other region can still be typed. */
export const COMMON_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'me-central-1',
  'af-south-1',
];

/** The common regions plus any the profiles name, each once. */
export function regionChoices(profiles: readonly AwsProfileInfo[]): string[] {
  const own = profiles.flatMap((p) => (p.region ? [p.region] : []));
  return [...new Set([...own, ...COMMON_REGIONS])];
}

const KINDS: Record<AwsProfileInfo['kind'], string> = {
  role: 'assumed role',
  sso: 'SSO',
  'web-identity': 'web identity',
  process: 'credential_process',
  static: 'static keys',
  'settings-only': 'settings only',
};

/** An SSO profile whose cached login is missing or expired, in words with what to do; else undefined. */
export function ssoProblem(profile: AwsProfileInfo): string | undefined {
  if (profile.kind !== 'sso' || profile.ssoLogin === 'valid' || profile.ssoLogin === undefined)
    return undefined;
  const state = profile.ssoLogin === 'expired' ? 'SSO login expired' : 'not logged in to SSO';
  return `${state}: run aws sso login --profile ${profile.name}`;
}

/** One option of the profile picker: name, kind, region, and an SSO login problem when there is one. */
export function profileLabel(profile: AwsProfileInfo): string {
  const facts = [KINDS[profile.kind], profile.region, ssoProblem(profile)].filter(Boolean);
  return `${profile.name} (${facts.join(', ')})`;
}

/**
 * "started with profile X in eu-west-1" for a session started on another profile or region than the current
 * backend's; undefined when they agree, for observed sessions (not ours) and when the backend is unknown.
 */
export function startedElsewhere(
  session: Pick<SessionInfo, 'origin' | 'profile' | 'region'>,
  backend: BackendInfo | undefined,
): string | undefined {
  if (!backend || session.origin === 'observed') return undefined;
  const sameProfile = (session.profile ?? '') === (backend.profile ?? '');
  if (sameProfile && (session.region === undefined || session.region === backend.region))
    return undefined;
  const who = session.profile ? `profile ${session.profile}` : 'the default credentials';
  return `started with ${who}${session.region ? ` in ${session.region}` : ''}`;
}
