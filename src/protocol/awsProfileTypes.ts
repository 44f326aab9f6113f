// The AWS shared-file profiles as the profile picker shows them: names, how each gets credentials, region,
// SSO login state. Never a secret. Imported by messages.ts (and through it the UI and the service).
// Imports nothing.

export interface AwsProfileInfo {
  name: string;
  /**
   * Where the SDK would get credentials, in its order of precedence: an assumed role (`role_arn`), SSO
   * (`sso_session` / `sso_start_url`), a web identity token file, `credential_process`, static keys, or
   * nothing of its own ('settings-only': e.g. a region for the default chain's other sources).
   */
  kind: 'role' | 'sso' | 'web-identity' | 'process' | 'static' | 'settings-only';
  /** Which of the two files define it. */
  files: ('config' | 'credentials')[];
  region?: string;
  /** For SSO profiles: whether a cached login exists and is unexpired ('aws sso login' renews it). */
  ssoLogin?: 'valid' | 'expired' | 'missing';
  ssoSession?: string;
}

export interface AwsProfileList {
  /** The files read: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials. */
  configFile: string;
  credentialsFile: string;
  configFound: boolean;
  credentialsFound: boolean;
  /** `default` first, then by name. */
  profiles: AwsProfileInfo[];
}
