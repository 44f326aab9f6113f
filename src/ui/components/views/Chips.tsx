// Small inline chips for the timeline rows and the poll detail pane: a token's coloured badge and an anomaly
// flag.
// Imported only by components under src/ui/components/views.
import type { CSSProperties } from 'react';
import type { Anomaly } from '../../../core/anomalyTypes.js';
import { tokenBadge } from '../../../core/tokenIdentity.js';

/** Same fingerprint → same text and hue, so a reused token is recognisable wherever it shows up. */
export function TokenChip({
  fingerprint,
  label,
}: {
  fingerprint: string | undefined;
  label: string;
}) {
  if (fingerprint === undefined)
    return (
      <span className="token-chip token-none" aria-label={`${label}: none`}>
        —
      </span>
    );
  const badge = tokenBadge(fingerprint);
  return (
    <span
      className="token-chip"
      style={{ '--token-hue': badge.hue } as CSSProperties}
      title={`${label} ${fingerprint}`}
      aria-label={`${label} ${badge.short}`}
    >
      {badge.short}
    </span>
  );
}

export function FlagChip({ anomaly }: { anomaly: Anomaly }) {
  return (
    <span
      className={`flag-chip severity-${anomaly.severity}`}
      title={`${anomaly.title}: ${anomaly.explanation}`}
    >
      {anomaly.title}
    </span>
  );
}
