// The Deployments view for a fleet's profile, folded under the chart: new version, deploy, stop, revert,
// prefilled with the fleet's application / environment / profile, so a rollout can be started and watched
// on the chart without leaving the fleet. Loaded on first open, as the session tab does (editor, YAML, schema).
import { lazy, Suspense, useState } from 'react';
import type { FleetSummary } from '../../../protocol/messages.js';

const DeploymentsView = lazy(() =>
  import('../deployments/DeploymentsView.js').then((m) => ({ default: m.DeploymentsView })),
);

export function FleetDeployments({ fleet }: { fleet: FleetSummary }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="fleet-deployments"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Deploy to this fleet’s environment</summary>
      {open && (
        <Suspense fallback={<p className="muted">Loading the Deployments view…</p>}>
          <DeploymentsView
            initial={{
              application: fleet.applicationIdentifier,
              environment: fleet.environmentIdentifier,
              profile: fleet.configurationProfileIdentifier,
            }}
          />
        </Suspense>
      )}
    </details>
  );
}
