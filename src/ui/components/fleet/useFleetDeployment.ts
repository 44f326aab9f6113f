// The deployment a fleet's chart overlays, and its PercentageComplete over time. The fleet was started with
// names or ids as typed; the control plane addresses deployments by id, so names are matched against the
// listings (as the Deployments view does) and typed text is used as an id only where listing is denied.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { FleetSummary } from '../../../protocol/messages.js';
import { useDeployment } from '../../deploymentQueries.js';
import { inspectorKeys, useHello, useInspectorClient, useResources } from '../../queries.js';
import { matchResource } from '../shell/sessionFormModel.js';
import { percentSteps, type PercentPoint } from './fleetChartModel.js';
import { fleetDeployment } from './fleetModel.js';

/**
 * A deployment started elsewhere (another tool, the console) is only seen by re-listing; while the fleet runs
 * the list is re-read this often. A deployment started from this page refreshes the list at once.
 */
const LIST_REFRESH_MS = 5000;

const NO_STEPS: PercentPoint[] = [];

export function useFleetDeployment(fleet: FleetSummary) {
  const client = useInspectorClient();
  const hello = useHello();
  const canList = hello.data?.backend.canListResources ?? false;
  const apps = useResources(canList ? { kind: 'applications' } : undefined);
  const app = matchResource(apps.data, fleet.applicationIdentifier);
  const envs = useResources(app ? { kind: 'environments', applicationId: app.id } : undefined);
  const profiles = useResources(
    app ? { kind: 'configurationProfiles', applicationId: app.id } : undefined,
  );
  const resolving = hello.isPending || apps.isLoading || envs.isLoading || profiles.isLoading;
  const idOf = (items: typeof apps.data, typed: string) =>
    items ? (matchResource(items, typed)?.id ?? '') : typed.trim();
  const applicationId = idOf(apps.data, fleet.applicationIdentifier);
  const environmentId = idOf(envs.data, fleet.environmentIdentifier);
  const environment =
    !resolving && applicationId && environmentId ? { applicationId, environmentId } : undefined;

  // Same key and request as useDeployments, with a refresh while the fleet runs.
  const list = useQuery({
    queryKey: inspectorKeys.deployments(environment),
    queryFn: () => client.request('listDeployments', environment!),
    enabled: environment !== undefined,
    refetchInterval: fleet.state === 'stopped' ? false : LIST_REFRESH_MS,
  });
  const profile = matchResource(profiles.data, fleet.configurationProfileIdentifier);
  const chosen = list.data
    ? fleetDeployment(fleet, list.data, [
        fleet.configurationProfileIdentifier,
        profile?.name ?? '',
        profile?.id ?? '',
      ])
    : undefined;
  const detail = useDeployment(
    environment && chosen
      ? { ...environment, deploymentNumber: chosen.deploymentNumber }
      : undefined,
  ).data;
  const eventLog = detail?.eventLog;
  const percent = useMemo(() => (eventLog ? percentSteps(eventLog) : NO_STEPS), [eventLog]);
  return { deployment: detail, percent };
}
