// The words next to the Monaco diff: which key paths were added, removed or changed, and for feature-flag
// documents which flags were turned on or off. Imported only by DiffPanel.tsx.
import type { DiffSummary as Summary, FlagChanges } from '../../../core/diffSummary.js';

/** Long path lists are cut; the editor shows everything. */
const MAX_LISTED = 40;

function PathList({
  title,
  paths,
  className,
}: {
  title: string;
  paths: readonly string[];
  className: string;
}) {
  if (paths.length === 0) return null;
  const more = paths.length - MAX_LISTED;
  return (
    <div className={`diff-paths ${className}`}>
      <span className="diff-paths-title">
        {title} ({paths.length}):
      </span>{' '}
      {paths.slice(0, MAX_LISTED).map((path) => (
        <code key={path}>{path}</code>
      ))}
      {more > 0 && <span className="muted"> and {more} more</span>}
    </div>
  );
}

export function DiffSummaryView({
  summary,
  textsDiffer,
}: {
  summary: Summary;
  textsDiffer: boolean;
}) {
  const { added, removed, changed } = summary;
  const total = added.length + removed.length + changed.length;
  return (
    <div className="diff-summary" aria-label="Change summary">
      <p className="diff-counts">
        {total === 0
          ? textsDiffer
            ? 'Same values; only formatting or key order differs.'
            : 'No differences.'
          : `${added.length} added, ${removed.length} removed, ${changed.length} changed`}
      </p>
      <PathList title="Added" paths={added} className="added" />
      <PathList title="Removed" paths={removed} className="removed" />
      <PathList title="Changed" paths={changed} className="changed" />
    </div>
  );
}

export function FlagChangesView({ changes }: { changes: FlagChanges }) {
  const total =
    changes.turnedOn.length +
    changes.turnedOff.length +
    changes.added.length +
    changes.removed.length +
    changes.attributesChanged.length;
  return (
    <div className="flag-changes" aria-label="Feature flag changes">
      {total === 0 && <p>No feature flag changed.</p>}
      <PathList title="Turned on" paths={changes.turnedOn} className="added" />
      <PathList title="Turned off" paths={changes.turnedOff} className="removed" />
      <PathList title="New flags" paths={changes.added} className="added" />
      <PathList title="Removed flags" paths={changes.removed} className="removed" />
      <PathList title="Attributes changed" paths={changes.attributesChanged} className="changed" />
    </div>
  );
}
