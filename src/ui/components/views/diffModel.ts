// Decisions the diff panel makes about two decoded versions: Monaco language, whether normalising applies,
// and whether to show feature-flag flips. Imported by DiffPanel.tsx and tests; pure.
import type { DecodedKind } from '../../../core/decode.js';
import { isFeatureFlagDocument } from '../../../core/diffSummary.js';

export type ProfileKind = 'featureFlags' | 'freeform';

export function monacoLanguage(kind: DecodedKind): string {
  if (kind === 'json') return 'json';
  if (kind === 'yaml') return 'yaml';
  return 'plaintext';
}

/** Pretty-printing with sorted keys only means something for structured documents. */
export function canNormalise(kind: DecodedKind): boolean {
  return kind === 'json' || kind === 'yaml';
}

/**
 * The profile type wins when the caller knows it. Otherwise a served AWS.AppConfig.FeatureFlags document is
 * recognised by shape (`{ flagKey: { enabled: boolean, ... } }`, docs/protocol.md §5.1), in both versions.
 */
export function showsFlagChanges(
  profileKind: ProfileKind | undefined,
  original: unknown,
  modified: unknown,
): boolean {
  if (profileKind) return profileKind === 'featureFlags';
  return isFeatureFlagDocument(original) && isFeatureFlagDocument(modified);
}
