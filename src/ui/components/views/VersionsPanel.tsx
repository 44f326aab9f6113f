// The configuration versions a session has received, with checkboxes to choose two and a Compare button.
// Rendered by the shell; the chosen hashes live in the shell's UI state (they are persisted), not here.
import { useMemo } from 'react';
import type { PollEvent } from '../../../core/ledger.js';
import { versionsFromLedger } from '../../../core/versions.js';
import { formatBytes, formatDateTime } from './format.js';
import { toggleVersion } from './versionSelection.js';
import './views.css';

export interface VersionsPanelProps {
  events: PollEvent[];
  selected: string[];
  onSelectedChange: (hashes: string[]) => void;
  onCompare: () => void;
}

export function VersionsPanel({
  events,
  selected,
  onSelectedChange,
  onCompare,
}: VersionsPanelProps) {
  const versions = useMemo(() => versionsFromLedger(events), [events]);
  // Hashes chosen earlier may belong to another session's ledger; only count the ones listed here.
  const chosen = selected.filter((hash) => versions.some((v) => v.contentHash === hash));
  const current = useMemo(() => currentHash(events), [events]);

  return (
    <section className="versions-panel" aria-label="Versions">
      <div className="versions-toolbar">
        <span className="versions-hint">
          {versions.length === 0
            ? 'No configuration received yet.'
            : `${versions.length} version${versions.length === 1 ? '' : 's'} received. Choose two to compare.`}
        </span>
        <button type="button" disabled={chosen.length !== 2} onClick={onCompare}>
          Compare
        </button>
      </div>
      {versions.length > 0 && (
        <table className="versions-table">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Choose</span>
              </th>
              <th scope="col">Version label</th>
              <th scope="col">First seen</th>
              <th scope="col">Size</th>
              <th scope="col">Content type</th>
              <th scope="col">Content hash</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => {
              const label = version.versionLabel ?? `(no label) #${version.firstSeenSeq}`;
              const isChosen = chosen.includes(version.contentHash);
              return (
                <tr key={version.contentHash} className={isChosen ? 'chosen' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Compare ${label}`}
                      checked={isChosen}
                      onChange={() => onSelectedChange(toggleVersion(chosen, version.contentHash))}
                    />
                  </td>
                  <td>
                    {label}
                    {version.contentHash === current && (
                      <span className="version-current">current</span>
                    )}
                  </td>
                  <td>
                    {formatDateTime(version.firstSeenAt)}{' '}
                    <span className="muted">(poll #{version.firstSeenSeq})</span>
                  </td>
                  <td>{formatBytes(version.size)}</td>
                  <td>{version.contentType ?? '—'}</td>
                  <td className="mono" title={version.contentHash}>
                    {version.contentHash.slice(0, 12)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * The version the session holds now: the last content received (after a rollback, an older version). A
 * deliberate replay's answer is not what the poll loop holds, so it does not count.
 */
function currentHash(events: readonly PollEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.outcome.type === 'content' && event.trigger !== 'replay')
      return event.outcome.contentHash;
  }
  return undefined;
}
