// Choosing two configuration versions to compare: the selection rule and the diff's left/right order.
// Imported by VersionsPanel.tsx (and the shell, to order a comparison); pure.
import type { VersionSeen } from '../../../core/ledger.js';

/** Clicking a chosen version unchooses it; a third choice replaces the oldest choice, so two stay chosen. */
export function toggleVersion(selected: readonly string[], hash: string): string[] {
  if (selected.includes(hash)) return selected.filter((h) => h !== hash);
  return [...selected, hash].slice(-2);
}

/**
 * [original, modified] for a diff: the version the session saw first goes on the left, whatever the click
 * order, so "added" always means "appeared later". Undefined unless exactly two known versions are chosen.
 */
export function diffPair(
  versions: readonly VersionSeen[],
  selected: readonly string[],
): [string, string] | undefined {
  if (selected.length !== 2) return undefined;
  const chosen = versions.filter((v) => selected.includes(v.contentHash));
  const [a, b] = chosen;
  if (!a || !b || chosen.length !== 2) return undefined;
  return a.firstSeenSeq <= b.firstSeenSeq
    ? [a.contentHash, b.contentHash]
    : [b.contentHash, a.contentHash];
}
