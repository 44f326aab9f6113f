// A coloured severity chip whose text always says the severity, so colour is never the only signal.
// Imported across the UI.
import type { ReactNode } from 'react';
import type { Severity } from '../../../core/anomalies.js';

const LABELS: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

/** A coloured severity chip; the text is always there so colour is never the only signal. */
export function SeverityBadge({
  severity,
  children,
}: {
  severity: Severity;
  children?: ReactNode;
}) {
  return <span className={`badge severity-${severity}`}>{children ?? LABELS[severity]}</span>;
}
