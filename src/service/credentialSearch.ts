// Where the SDK's default credential chain looked when it found nothing. The SDK's own words ("Could not load
// credentials from any providers") name no place, and "where did it look?" is the user's next question; the
// answer is read from the same variables and files the chain reads, in the chain's order (environment, shared
// files for the profile, web identity, container, instance metadata). Imported by backend.ts.
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { listAwsProfiles } from './awsProfiles.js';

const set = (env: NodeJS.ProcessEnv, name: string) => (env[name] ?? '') !== '';

export async function describeCredentialSearch(
  profile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const name = profile ?? (env.AWS_PROFILE || 'default');
  const places: string[] = [];
  // The SDK skips the environment's keys when a profile is named explicitly.
  if (!profile)
    places.push(
      `environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (${set(env, 'AWS_ACCESS_KEY_ID') ? 'AWS_SECRET_ACCESS_KEY unset' : 'unset'})`,
    );
  const files = await listAwsProfiles(env);
  const found = files.profiles.find((p) => p.name === name);
  const where = `${files.configFile} and ${files.credentialsFile}`;
  places.push(
    !files.configFound && !files.credentialsFound
      ? `profile "${name}" in ${where} (neither file exists)`
      : !found
        ? `profile "${name}" in ${where} (no such profile)`
        : `profile "${name}" in ${where} (${found.kind === 'settings-only' ? 'it has no credential settings' : `${found.kind} credentials that did not resolve`})`,
  );
  places.push(
    `a web identity token (${set(env, 'AWS_WEB_IDENTITY_TOKEN_FILE') ? 'AWS_WEB_IDENTITY_TOKEN_FILE set' : 'AWS_WEB_IDENTITY_TOKEN_FILE unset'})`,
  );
  const container =
    set(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') ||
    set(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI');
  places.push(
    container
      ? 'container credentials (AWS_CONTAINER_CREDENTIALS_* set, no answer)'
      : env.AWS_EC2_METADATA_DISABLED === 'true'
        ? 'EC2 instance metadata (disabled by AWS_EC2_METADATA_DISABLED)'
        : 'EC2 instance metadata (tried: no instance role answered)',
  );
  return `The default credential chain looked at: ${places.join('; ')}.`;
}

/**
 * The SDK's default chain for `profile`, shared by a backend's clients, whose "found nothing" error says where
 * it looked. Every other failure (an expired SSO login, a failing credential_process) passes through as is.
 */
export function credentialChain(
  profile: string | undefined,
): ReturnType<typeof fromNodeProviderChain> {
  const chain = fromNodeProviderChain(profile ? { profile } : {});
  return async (options) => {
    try {
      return await chain(options);
    } catch (e) {
      if (e instanceof Error && /could not load credentials from any providers/i.test(e.message))
        e.message =
          `${e.message}. ${await describeCredentialSearch(profile).catch(() => '')}`.trim();
      throw e;
    }
  };
}
