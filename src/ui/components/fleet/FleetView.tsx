// The main area for a fleet: what it polls, its state, the rollout chart with the deployment's percentage,
// Stop fleet / Delete fleet, the Deployments view for its profile (folded), and the compact member list whose
// rows open as normal sessions.
// Composition only: data from queries.ts and useFleetDeployment, geometry in fleetChartModel.ts.
import { useMemo, useState } from 'react';
import { ProtocolError, type FleetSnapshot } from '../../../protocol/messages.js';
import { describeError, useDeleteFleet, useFleet, useStopFleet } from '../../queries.js';
import { useUiState } from '../../UiStateProvider.js';
import { ConfirmAction } from '../deployments/ConfirmAction.js';
import { FleetChart } from './FleetChart.js';
import { FleetDeployments } from './FleetDeployments.js';
import { FleetMemberList } from './FleetMemberList.js';
import { labelsOf } from './fleetModel.js';
import { useFleetDeployment } from './useFleetDeployment.js';
import './fleet.css';

export function FleetView({ fleetId }: { fleetId: string }) {
  const query = useFleet(fleetId);
  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading fleet…
      </p>
    );
  if (query.isError) {
    // A persisted selection can outlive its fleet (deleted elsewhere, or a restarted service).
    const gone = query.error instanceof ProtocolError && query.error.code === 'notFound';
    return gone ? (
      <section className="empty-state" aria-label="No fleet">
        <h2>That fleet no longer exists</h2>
        <p>Pick a session or fleet from the list, or start one with the form on the left.</p>
      </section>
    ) : (
      <p role="alert">Could not load the fleet: {describeError(query.error)}</p>
    );
  }
  return <FleetDetail snapshot={query.data} />;
}

function FleetDetail({ snapshot }: { snapshot: FleetSnapshot }) {
  const { fleet, series, versions, members } = snapshot;
  const { dispatch } = useUiState();
  const stop = useStopFleet();
  const remove = useDeleteFleet();
  const [actionError, setActionError] = useState<string>();
  const { deployment, percent } = useFleetDeployment(fleet);
  const labels = useMemo(() => labelsOf(versions), [versions]);
  const running = fleet.state !== 'stopped';
  const busy = stop.isPending || remove.isPending;
  const states = Object.entries(fleet.memberStates)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');

  const onStop = () => {
    setActionError(undefined);
    stop.mutate(
      { fleetId: fleet.id },
      { onError: (e) => setActionError(`Stop fleet failed: ${describeError(e)}`) },
    );
  };
  // Deleting drops the fleet from the cache and unmounts this view, so the selection is cleared from the
  // promise (an unmounted observer's per-call callbacks never run).
  const onDelete = () => {
    setActionError(undefined);
    void remove.mutateAsync({ fleetId: fleet.id }).then(
      () => dispatch({ type: 'fleetSelected' }),
      (e: unknown) => setActionError(`Delete fleet failed: ${describeError(e)}`),
    );
  };

  return (
    <article className="fleet-view" aria-labelledby="fleet-title">
      <header className="session-heading">
        <h2 id="fleet-title">
          Fleet of {fleet.size}: {fleet.applicationIdentifier} / {fleet.environmentIdentifier} /{' '}
          {fleet.configurationProfileIdentifier}
        </h2>
        <span className="muted">
          {fleet.state} · {fleet.backend} · started {new Date(fleet.startedAt).toLocaleString()}
          {fleet.stoppedAt !== undefined &&
            ` · stopped ${new Date(fleet.stoppedAt).toLocaleString()}`}
          {` · ${fleet.pollCount} polls`}
          {states && ` · members: ${states}`}
        </span>
      </header>
      <div role="toolbar" aria-label="Fleet controls" className="toolbar fleet-controls">
        {running ? (
          <ConfirmAction
            label="Stop fleet"
            consequence={`Every one of the ${fleet.size} members stops polling for good; their recordings stay.`}
            onConfirm={onStop}
            busy={busy}
          />
        ) : (
          <ConfirmAction
            label="Delete fleet"
            consequence={`The fleet, its ${fleet.size} member sessions and their recordings are deleted.`}
            onConfirm={onDelete}
            busy={busy}
          />
        )}
        {deployment && (
          <span className="muted">
            Deployment #{deployment.deploymentNumber}
            {deployment.versionLabel ? ` of ${deployment.versionLabel}` : ''}: {deployment.state}
          </span>
        )}
      </div>
      {actionError && (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      )}
      {fleet.lastError && <p className="inline-error">Newest member error: {fleet.lastError}</p>}
      <FleetChart samples={series} labels={labels} percent={percent} size={fleet.size} />
      <FleetDeployments fleet={fleet} />
      <FleetMemberList
        members={members}
        versions={versions}
        targetLabel={deployment?.versionLabel}
        onOpen={(sessionId) => dispatch({ type: 'sessionSelected', sessionId })}
      />
    </article>
  );
}
