// **Deploy**: pick a hosted version and a strategy (AWS's predefined AppConfig.* ones and the account's own,
// each with its growth, duration and bake) and start a deployment. A refusal (one deployment per environment
// at a time) is shown in the service's words. Custom strategies are made in StrategyForm.tsx.
import { useId, useState, type FormEvent } from 'react';
import type { DeploymentStrategyInfo, EnvironmentRef } from '../../../protocol/messages.js';
import { useHostedVersions, useStartDeployment, useStrategies } from '../../deploymentQueries.js';
import { describeError } from '../../queries.js';
import { describeStrategy } from './deploymentsModel.js';
import { StrategyForm } from './StrategyForm.js';

interface DeployFormProps {
  environment: EnvironmentRef;
  configurationProfileId: string;
  onStarted: (deploymentNumber: number) => void;
}

export function DeployForm({ environment, configurationProfileId, onStarted }: DeployFormProps) {
  const id = useId();
  const profile = { applicationId: environment.applicationId, configurationProfileId };
  const versions = useHostedVersions(profile).data ?? [];
  const strategiesQuery = useStrategies();
  const strategies = strategiesQuery.data ?? [];
  const start = useStartDeployment();
  const [version, setVersion] = useState('');
  const [strategyId, setStrategyId] = useState('');
  const [creating, setCreating] = useState(false);
  const strategy = strategies.find((s) => s.id === strategyId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!version || !strategy) return;
    start.mutate(
      {
        ...environment,
        configurationProfileId,
        versionNumber: Number(version),
        deploymentStrategyId: strategy.id,
      },
      { onSuccess: (detail) => onStarted(detail.deploymentNumber) },
    );
  };

  const group = (predefined: boolean, label: string, list: DeploymentStrategyInfo[]) => {
    const items = list.filter((s) => s.predefined === predefined);
    return items.length === 0 ? null : (
      <optgroup label={label}>
        {items.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} — {describeStrategy(s)}
          </option>
        ))}
      </optgroup>
    );
  };

  return (
    <section aria-labelledby={`${id}-title`} className="deploy">
      <h3 id={`${id}-title`}>Deploy</h3>
      <form onSubmit={submit} noValidate aria-label="Start a deployment">
        <div className="field">
          <label htmlFor={`${id}-version`}>Version to deploy</label>
          <select id={`${id}-version`} value={version} onChange={(e) => setVersion(e.target.value)}>
            <option value="">Choose a version</option>
            {versions.map((v) => (
              <option key={v.versionNumber} value={String(v.versionNumber)}>
                {v.versionNumber}
                {v.versionLabel ? ` (${v.versionLabel})` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-strategy`}>Deployment strategy</label>
          <select
            id={`${id}-strategy`}
            value={strategyId}
            onChange={(e) => setStrategyId(e.target.value)}
            aria-describedby={strategy ? `${id}-strategy-info` : undefined}
          >
            <option value="">Choose a strategy</option>
            {group(true, 'Predefined (AppConfig.*)', strategies)}
            {group(false, 'This account', strategies)}
          </select>
          {strategy && (
            <small id={`${id}-strategy-info`} className="hint">
              Growth {strategy.growthType}, factor {strategy.growthFactor}%, duration{' '}
              {strategy.deploymentDurationInMinutes} min, bake {strategy.finalBakeTimeInMinutes} min
            </small>
          )}
          {strategiesQuery.isError && (
            <small className="field-error" role="alert">
              Could not list strategies: {describeError(strategiesQuery.error)}
            </small>
          )}
        </div>
        <button
          type="submit"
          className="primary"
          disabled={!version || !strategy || start.isPending}
        >
          {start.isPending ? 'Deploying…' : 'Deploy'}
        </button>
        {start.isError && (
          <p className="form-error" role="alert">
            Could not deploy: {describeError(start.error)}
          </p>
        )}
      </form>
      <button type="button" aria-expanded={creating} onClick={() => setCreating((c) => !c)}>
        New strategy
      </button>
      {creating && (
        <StrategyForm
          onCreated={(s) => {
            setStrategyId(s.id);
            setCreating(false);
          }}
        />
      )}
    </section>
  );
}
