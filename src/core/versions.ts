// Derives the versions a session received from its ledger: one entry per distinct content, in the order they
// first arrived. Used by the UI (VersionsPanel.tsx, SessionWorkspace.tsx). Pure core: imports only core
// files.
import type { PollEvent, VersionSeen } from './ledger.js';

/**
 * A rollback serves an older content again; it keeps its first-seen position here, because the list answers
 * "which versions has this session had", while the ledger itself answers "when".
 */
export function versionsFromLedger(events: readonly PollEvent[]): VersionSeen[] {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const seen = new Set<string>();
  const versions: VersionSeen[] = [];
  for (const event of ordered) {
    const outcome = event.outcome;
    if (outcome.type !== 'content' || seen.has(outcome.contentHash)) continue;
    seen.add(outcome.contentHash);
    const version: VersionSeen = {
      contentHash: outcome.contentHash,
      size: outcome.size,
      firstSeenAt: event.answeredAt,
      firstSeenSeq: event.seq,
    };
    if (outcome.versionLabel !== undefined) version.versionLabel = outcome.versionLabel;
    if (outcome.contentType !== undefined) version.contentType = outcome.contentType;
    versions.push(version);
  }
  return versions;
}
