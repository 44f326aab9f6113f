// What GetLatestConfiguration serves for a stored hosted version. Feature-flag profiles are flattened from
// the authored ("deployment-time") document to the retrieval-time map `flagKey → {enabled, ...attributes}`;
// emulators that pass the authored document through break clients and the Agent (docs/protocol.md §5.1:
// localstack/localstack#13316, floci-io/floci#3838). Freeform content is served byte for byte.
// Used by the data plane; imports only the emulator's store types.
import type { ConfigurationProfile, HostedVersion } from './store.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The retrieval-time form of an authored flag document (already validated at create time). Every defined
 * flag appears; a flag without a `values` entry is served disabled. Attributes appear only when the flag is
 * enabled, and `_`-prefixed keys (`_createdAt`, `_variants`, ...) are never served.
 */
export function flattenFlags(authored: unknown): Json {
  const doc = isObject(authored) ? authored : {};
  const flags = isObject(doc.flags) ? doc.flags : {};
  const values = isObject(doc.values) ? doc.values : {};
  const served: Json = {};
  for (const key of Object.keys(flags)) {
    const value = isObject(values[key]) ? values[key] : {};
    if (value.enabled !== true) {
      served[key] = { enabled: false };
      continue;
    }
    const flag: Json = { enabled: true };
    for (const [attr, v] of Object.entries(value)) {
      if (attr !== 'enabled' && !attr.startsWith('_')) flag[attr] = v;
    }
    served[key] = flag;
  }
  return served;
}

/** The bytes and content type GetLatestConfiguration serves for a stored version of this profile. */
export function servedContent(
  profile: ConfigurationProfile,
  version: HostedVersion,
): { body: Buffer; contentType: string } {
  if (profile.Type !== 'AWS.AppConfig.FeatureFlags') {
    return { body: version.Content, contentType: version.ContentType };
  }
  let authored: unknown;
  try {
    authored = JSON.parse(version.Content.toString('utf8'));
  } catch {
    // Unreachable for versions created through the API (validated on create); never crash a poll over it.
    return { body: version.Content, contentType: version.ContentType };
  }
  return {
    body: Buffer.from(JSON.stringify(flattenFlags(authored))),
    contentType: 'application/json',
  };
}
