// The environment's deployments, newest first, as a list to pick the one the live panel shows.
import type { EnvironmentRef } from '../../../protocol/messages.js';
import { useDeployments } from '../../deploymentQueries.js';
import { describeError } from '../../queries.js';

interface DeploymentHistoryProps {
  environment: EnvironmentRef;
  selected?: number;
  onSelect: (deploymentNumber: number) => void;
}

export function DeploymentHistory({ environment, selected, onSelect }: DeploymentHistoryProps) {
  const list = useDeployments(environment);
  if (list.isError)
    return <p role="alert">Could not list deployments: {describeError(list.error)}</p>;
  if (!list.data) return null;
  if (list.data.length === 0)
    return <p className="muted">No deployments in this environment yet.</p>;
  return (
    <ul className="deployment-history" aria-label="Deployments of this environment">
      {list.data.map((d) => (
        <li key={d.deploymentNumber}>
          <button
            type="button"
            aria-pressed={d.deploymentNumber === selected}
            onClick={() => onSelect(d.deploymentNumber)}
          >
            #{d.deploymentNumber} · {d.configurationName ?? ''} v{d.configurationVersion ?? '?'} ·{' '}
            {d.state} · {Math.round(d.percentageComplete)}%
          </button>
        </li>
      ))}
    </ul>
  );
}
