// The environment `watch` gives CMD: every AWS SDK and the AWS CLI pointed at the private emulator, with a
// region and dummy credentials, never overriding what the user set; plus the warnings when a user's setting
// means watch cannot see CMD's calls. Imported by watchCommand.ts and watchDeploy.ts (the region).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAwsIni } from '../service/awsProfiles.js';

export const DEFAULT_REGION = 'us-east-1';
const DUMMY_KEY_ID = 'AKIDAPPCONFIGWATCH';
const DUMMY_SECRET = 'appconfig-inspector-watch-dummy-secret';

export interface ChildEnvironment {
  env: NodeJS.ProcessEnv;
  /** What was set, for the start-up line. */
  set: string[];
  /** Settings of the user's that were kept although they change what watch sees. */
  warnings: string[];
}

const given = (env: NodeJS.ProcessEnv, name: string) => env[name] !== undefined && env[name] !== '';

export function childEnvironment(parent: NodeJS.ProcessEnv, emulatorUrl: string): ChildEnvironment {
  const env: NodeJS.ProcessEnv = { ...parent };
  const set: string[] = [];
  const warnings: string[] = [];
  const setIfUnset = (name: string, value: string) => {
    if (given(env, name)) return false;
    env[name] = value;
    set.push(name);
    return true;
  };
  // The service-specific variables win over a generic AWS_ENDPOINT_URL in every SDK that reads them, so a
  // user's AWS_ENDPOINT_URL still applies to the other services CMD calls.
  for (const name of ['AWS_ENDPOINT_URL_APPCONFIGDATA', 'AWS_ENDPOINT_URL_APPCONFIG']) {
    if (!setIfUnset(name, emulatorUrl) && env[name] !== emulatorUrl)
      warnings.push(
        `${name} is set to ${env[name]}, so CMD's ${name.endsWith('DATA') ? 'configuration sessions' : 'control-plane calls'} go there and watch cannot see them; unset it to watch them.`,
      );
  }
  if (/^true$/i.test(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? ''))
    warnings.push(
      "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true makes the SDKs ignore the emulator endpoints, so watch cannot see CMD's calls; unset it.",
    );
  // The JS SDK and AWS CLI v2 read AWS_REGION, boto3 and CLI v1 only AWS_DEFAULT_REGION: a user's one
  // fills the other, so every client sees the same region. A region the active profile of the shared config
  // file names is left to the SDKs, so CMD's calls to other services keep going where they went.
  const region = given(env, 'AWS_REGION')
    ? env.AWS_REGION!
    : given(env, 'AWS_DEFAULT_REGION')
      ? env.AWS_DEFAULT_REGION!
      : profileRegion(env)
        ? undefined
        : DEFAULT_REGION;
  if (region !== undefined) {
    setIfUnset('AWS_REGION', region);
    setIfUnset('AWS_DEFAULT_REGION', region);
  }
  // The emulator checks no signature, but every SDK needs credentials to sign with. With AWS_PROFILE set
  // the JS SDK skips environment keys (and warns when both are set), so the profile's credentials sign
  // instead; adding dummy keys would only change which one boto3 picks.
  if (!given(env, 'AWS_PROFILE') && !given(env, 'AWS_ACCESS_KEY_ID')) {
    setIfUnset('AWS_ACCESS_KEY_ID', DUMMY_KEY_ID);
    setIfUnset('AWS_SECRET_ACCESS_KEY', DUMMY_SECRET);
  }
  return { env, set, warnings };
}

/** The region of the profile the SDKs will use (AWS_PROFILE, else default), from the shared config file. */
function profileRegion(env: NodeJS.ProcessEnv): string | undefined {
  const file = given(env, 'AWS_CONFIG_FILE')
    ? env.AWS_CONFIG_FILE!
    : env.HOME
      ? join(env.HOME, '.aws', 'config')
      : undefined;
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const profile = given(env, 'AWS_PROFILE') ? env.AWS_PROFILE! : 'default';
  const section = parseAwsIni(text).get(profile === 'default' ? 'default' : `profile ${profile}`);
  return section?.get('region') || undefined;
}
