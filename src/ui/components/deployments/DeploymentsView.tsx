// The **Deployments** tab: application / environment / profile pickers (the session form's control-plane
// pickers, prefilled from the open session), then that profile's hosted versions, **New version**, **Deploy**
// and the environment's deployments with the live panel. Composition only; each part is its own file.
import { useState } from 'react';
import './deployments.css';
import { useHello, useResources } from '../../queries.js';
import { Field } from '../shell/SessionForm.js';
import { matchResource } from '../shell/sessionFormModel.js';
import { DeployForm } from './DeployForm.js';
import { DeploymentHistory } from './DeploymentHistory.js';
import { DeploymentPanel } from './DeploymentPanel.js';
import { HostedVersionsList } from './HostedVersionsList.js';
import { NewVersionForm } from './NewVersionForm.js';

export interface DeploymentTarget {
  application: string;
  environment: string;
  profile: string;
}

/** Whether the control plane says the profile holds feature flags; undefined where it was not listed. */
function featureFlagProfile(
  profiles: { id: string; type?: string }[] | undefined,
  id: string,
): boolean | undefined {
  const type = profiles?.find((p) => p.id === id)?.type;
  return type === undefined ? undefined : type === 'AWS.AppConfig.FeatureFlags';
}

export function DeploymentsView({ initial }: { initial: DeploymentTarget }) {
  const hello = useHello();
  const canList = hello.data?.backend.canListResources ?? false;
  const [values, setValues] = useState(initial);
  const [picked, setPicked] = useState<{ env: string; number: number }>();

  const appsQuery = useResources(canList ? { kind: 'applications' } : undefined);
  const apps = appsQuery.data;
  const app = matchResource(apps, values.application);
  const envsQuery = useResources(app ? { kind: 'environments', applicationId: app.id } : undefined);
  const profilesQuery = useResources(
    app ? { kind: 'configurationProfiles', applicationId: app.id } : undefined,
  );
  const envs = envsQuery.data;
  const profiles = profilesQuery.data;
  // Until the listings answer, a typed name would be sent as if it were an id.
  const resolving =
    hello.isPending || appsQuery.isLoading || envsQuery.isLoading || profilesQuery.isLoading;
  // A listed resource is addressed by its id; free text is passed on as typed only where listing is denied
  // (otherwise every keystroke of a name being typed would be sent as an id).
  const idOf = (items: typeof apps, typed: string) =>
    items ? (matchResource(items, typed)?.id ?? '') : typed.trim();
  const applicationId = idOf(apps, values.application);
  const environmentId = idOf(envs, values.environment);
  const configurationProfileId = idOf(profiles, values.profile);
  const change = (field: keyof DeploymentTarget) => (value: string) =>
    setValues((v) => ({ ...v, [field]: value }));

  const environment =
    !resolving && applicationId && environmentId ? { applicationId, environmentId } : undefined;
  const profile =
    !resolving && applicationId && configurationProfileId
      ? { applicationId, configurationProfileId }
      : undefined;
  const selected =
    picked && picked.env === `${applicationId}/${environmentId}` ? picked.number : undefined;
  const pick = (number: number) => setPicked({ env: `${applicationId}/${environmentId}`, number });

  return (
    <div className="deployments-view">
      <fieldset className="deployment-target">
        <legend>Deploy to</legend>
        <Field
          label="Application"
          value={values.application}
          onChange={change('application')}
          options={apps}
        />
        <Field
          label="Environment"
          value={values.environment}
          onChange={change('environment')}
          options={envs}
        />
        <Field
          label="Configuration profile"
          value={values.profile}
          onChange={change('profile')}
          options={profiles}
        />
      </fieldset>
      {profile ? (
        <>
          <h3>Hosted versions</h3>
          <HostedVersionsList profile={profile} />
          <NewVersionForm
            key={profile.configurationProfileId}
            profile={profile}
            featureFlagProfile={featureFlagProfile(profiles, configurationProfileId)}
          />
        </>
      ) : (
        <p className="muted">
          Choose an application and a configuration profile to see its versions.
        </p>
      )}
      {environment && profile && (
        <DeployForm
          environment={environment}
          configurationProfileId={profile.configurationProfileId}
          onStarted={pick}
        />
      )}
      {environment && (
        <>
          <h3>Deployments</h3>
          <DeploymentHistory environment={environment} selected={selected} onSelect={pick} />
          {selected !== undefined && (
            <DeploymentPanel deployment={{ ...environment, deploymentNumber: selected }} />
          )}
        </>
      )}
    </div>
  );
}
