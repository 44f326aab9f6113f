// STUB (to be replaced by the control-plane work): feature-flag validation and retrieval-form flattening.
import type { ConfigurationProfile, HostedVersion } from './store.js';

/** The bytes and content type GetLatestConfiguration serves for a stored version of this profile. */
export function servedContent(
  profile: ConfigurationProfile,
  version: HostedVersion,
): { body: Buffer; contentType: string } {
  void profile;
  return { body: version.Content, contentType: version.ContentType };
}
