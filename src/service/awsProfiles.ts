// The named profiles of the AWS shared config and credentials files, for the profile picker: which exist, how
// each gets its credentials (static keys, SSO, credential_process, an assumed role), its region, and whether
// an SSO profile's cached login is still valid. Secrets are never read out: only key names decide the kind.
// The files are the ones the AWS SDKs and CLI read (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else
// ~/.aws/config and ~/.aws/credentials); using a profile is left to the SDK's own chain.
// Node-only; imported across the service.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AwsProfileInfo, AwsProfileList } from '../protocol/messages.js';

type Sections = Map<string, Map<string, string>>;

/**
 * The INI dialect of the AWS files: `[section]`, `key = value`, full-line `#`/`;` comments, and indented
 * sub-properties under a key with no value (such as `s3 =` followed by `  max_concurrent_requests = 10`),
 * which are skipped here since no credential setting uses them.
 */
export function parseAwsIni(text: string): Sections {
  const sections: Sections = new Map();
  let current: Map<string, string> | undefined;
  let nestedUnder = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      const name = header[1]!;
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      nestedUnder = false;
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = line.slice(eq + 1).trim();
    if (/^\s/.test(raw) && nestedUnder) continue;
    nestedUnder = value === '';
    if (!nestedUnder) current.set(key, value);
  }
  return sections;
}

/** How the SDK's shared-file provider would get credentials for a profile, in its order of precedence. */
function kindOf(settings: Map<string, string>): AwsProfileInfo['kind'] {
  if (settings.has('role_arn')) return 'role';
  if (settings.has('sso_session') || settings.has('sso_start_url')) return 'sso';
  if (settings.has('web_identity_token_file')) return 'web-identity';
  if (settings.has('credential_process')) return 'process';
  if (settings.has('aws_access_key_id')) return 'static';
  return 'settings-only';
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Whether the SSO login an SSO profile relies on is cached and unexpired. The SDKs and the CLI cache it at
 * ~/.aws/sso/cache/<sha1 of the sso-session name, or of the start URL for legacy profiles>.json.
 */
async function ssoLogin(
  settings: Map<string, string>,
  home: string,
  now: number,
): Promise<AwsProfileInfo['ssoLogin']> {
  const id = settings.get('sso_session') ?? settings.get('sso_start_url');
  if (!id) return undefined;
  const file = join(
    home,
    '.aws',
    'sso',
    'cache',
    `${createHash('sha1').update(id).digest('hex')}.json`,
  );
  const text = await readIfPresent(file);
  if (text === undefined) return 'missing';
  try {
    const expiresAt = Date.parse((JSON.parse(text) as { expiresAt?: string }).expiresAt ?? '');
    return Number.isFinite(expiresAt) && expiresAt > now ? 'valid' : 'expired';
  } catch {
    return 'expired';
  }
}

export async function listAwsProfiles(
  env: NodeJS.ProcessEnv = process.env,
  now = Date.now(),
): Promise<AwsProfileList> {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  const configFile = env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials');
  const [configText, credentialsText] = await Promise.all([
    readIfPresent(configFile),
    readIfPresent(credentialsFile),
  ]);
  const profiles = new Map<string, { settings: Map<string, string>; files: Set<string> }>();
  const add = (name: string, settings: Map<string, string>, file: 'config' | 'credentials') => {
    const entry = profiles.get(name) ?? { settings: new Map(), files: new Set<string>() };
    // The credentials file wins over the config file for the same key, as in the SDKs.
    for (const [k, v] of settings)
      if (file === 'credentials' || !entry.settings.has(k)) entry.settings.set(k, v);
    entry.files.add(file);
    profiles.set(name, entry);
  };
  for (const [section, settings] of parseAwsIni(configText ?? '')) {
    // In the config file a profile is `[default]` or `[profile NAME]`; `[sso-session …]`, `[services …]` are not.
    const name = section === 'default' ? 'default' : /^profile\s+(.+)$/.exec(section)?.[1]?.trim();
    if (name) add(name, settings, 'config');
  }
  for (const [section, settings] of parseAwsIni(credentialsText ?? ''))
    add(section, settings, 'credentials');

  const list: AwsProfileInfo[] = [];
  for (const [name, { settings, files }] of profiles) {
    const kind = kindOf(settings);
    const region = settings.get('region');
    const login = kind === 'sso' ? await ssoLogin(settings, home, now) : undefined;
    list.push({
      name,
      kind,
      files: [...files].sort() as AwsProfileInfo['files'],
      ...(region ? { region } : {}),
      ...(login ? { ssoLogin: login } : {}),
      ...(settings.has('sso_session') ? { ssoSession: settings.get('sso_session')! } : {}),
    });
  }
  list.sort((a, b) =>
    a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name),
  );
  return {
    configFile,
    credentialsFile,
    configFound: configText !== undefined,
    credentialsFound: credentialsText !== undefined,
    profiles: list,
  };
}
