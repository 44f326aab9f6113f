// One deployment, live: state, PercentageComplete as a progress bar, countdowns to the next step and the end
// of bake (re-read while it runs, see deploymentQueries.ts), its event log, and **Stop deployment** /
// **Revert** behind confirmations that say what clients will get.
import type { DeploymentDetail, DeploymentRef } from '../../../protocol/messages.js';
import {
  useDeployment,
  useDeployments,
  useRevertDeployment,
  useStopDeployment,
} from '../../deploymentQueries.js';
import { describeError, useNow } from '../../queries.js';
import { formatDateTime } from '../views/format.js';
import { ConfirmAction } from './ConfirmAction.js';
import {
  canRevert,
  canStop,
  formatCountdown,
  previousDeployment,
  revertConsequence,
  stopConsequence,
} from './deploymentsModel.js';

export function DeploymentPanel({ deployment }: { deployment: DeploymentRef }) {
  const query = useDeployment(deployment);
  if (query.isError)
    return (
      <p role="alert">
        Could not read deployment {deployment.deploymentNumber}: {describeError(query.error)}
      </p>
    );
  if (!query.data)
    return (
      <p role="status" className="muted">
        Loading deployment {deployment.deploymentNumber}…
      </p>
    );
  return <DeploymentDetailView detail={query.data} />;
}

function DeploymentDetailView({ detail }: { detail: DeploymentDetail }) {
  const now = useNow(1000);
  const environment = { applicationId: detail.applicationId, environmentId: detail.environmentId };
  const ref = { ...environment, deploymentNumber: detail.deploymentNumber };
  const previous = previousDeployment(useDeployments(environment).data, detail);
  const stop = useStopDeployment();
  const revert = useRevertDeployment();
  const percent = Math.round(detail.percentageComplete * 10) / 10;
  const failure = stop.error ?? revert.error;

  return (
    <section className="deployment-panel" aria-label={`Deployment ${detail.deploymentNumber}`}>
      <h3>
        Deployment {detail.deploymentNumber}: version {detail.configurationVersion ?? '?'}
        {detail.versionLabel ? ` (${detail.versionLabel})` : ''}
      </h3>
      <p>
        State: <strong>{detail.state}</strong>
      </p>
      <div className="progress-row">
        <div
          role="progressbar"
          aria-label="Percentage complete"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}% of clients`}
          className="progress"
        >
          <div className="progress-fill" style={{ width: `${Math.min(100, percent)}%` }} />
        </div>
        <span>{percent}%</span>
      </div>
      <dl className="deployment-times">
        {detail.nextStepAt !== undefined && (
          <>
            <dt>
              Next step
              {detail.nextStepPercent !== undefined ? ` (to ${detail.nextStepPercent}%)` : ''}
            </dt>
            <dd>{formatCountdown(detail.nextStepAt, now)}</dd>
          </>
        )}
        {detail.bakeEndsAt !== undefined && (
          <>
            <dt>End of bake</dt>
            <dd>{formatCountdown(detail.bakeEndsAt, now)}</dd>
          </>
        )}
      </dl>
      <div className="deployment-actions">
        {canStop(detail.state) && (
          <ConfirmAction
            label="Stop deployment"
            consequence={stopConsequence(detail, previous)}
            busy={stop.isPending}
            onConfirm={() => stop.mutate(ref)}
          />
        )}
        {canRevert(detail.state) && (
          <ConfirmAction
            label="Revert"
            consequence={revertConsequence(detail, previous)}
            busy={revert.isPending}
            onConfirm={() => revert.mutate(ref)}
          />
        )}
      </div>
      {failure && (
        <p className="form-error" role="alert">
          {describeError(failure)}
        </p>
      )}
      <h4>Event log</h4>
      <ol className="event-log" aria-label="Deployment event log">
        {detail.eventLog.map((e, i) => (
          <li key={i}>
            {e.occurredAt !== undefined && <time>{formatDateTime(e.occurredAt)}</time>}{' '}
            <strong>{e.eventType}</strong>
            {e.triggeredBy ? ` by ${e.triggeredBy}` : ''}
            {e.description ? `: ${e.description}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
