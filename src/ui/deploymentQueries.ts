// Server state of the Deployments view: react-query hooks for hosted versions, strategies and deployments,
// and the mutations that create or change them (each invalidates what it changed). Keys from inspectorKeys.
import {
  useMutation,
  useQuery,
  useQueryClient,
  type Query,
  type QueryClient,
} from '@tanstack/react-query';
import type { InspectorClient } from '../protocol/client.js';
import type {
  DeploymentDetail,
  DeploymentRef,
  EnvironmentRef,
  Method,
  Params,
  ProfileRef,
  Result,
} from '../protocol/messages.js';
import { isRunning } from './components/deployments/deploymentsModel.js';
import { inspectorKeys, useInspectorClient } from './queries.js';

/** How often a running deployment is re-read. */
export const DEPLOYMENT_POLL_MS = 1500;

export function useHostedVersions(profile?: ProfileRef) {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.hostedVersions(profile),
    queryFn: () => client.request('listHostedVersions', profile!),
    enabled: profile !== undefined,
  });
}

/** One version with its content; the content is also cached under its hash so the diff panel can read it. */
export function useHostedVersion(profile: ProfileRef | undefined, versionNumber?: number) {
  const client = useInspectorClient();
  const cache = useQueryClient();
  return useQuery({
    queryKey: inspectorKeys.hostedVersion(profile, versionNumber),
    queryFn: async () => {
      const version = await client.request('getHostedVersion', {
        ...profile!,
        versionNumber: versionNumber!,
      });
      cache.setQueryData(inspectorKeys.content(version.content.contentHash), version.content);
      return version;
    },
    enabled: profile !== undefined && versionNumber !== undefined,
    // A hosted version never changes once created.
    staleTime: Infinity,
  });
}

export function useStrategies() {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.strategies(),
    queryFn: () => client.request('listDeploymentStrategies', {}),
  });
}

export function useDeployments(environment?: EnvironmentRef) {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.deployments(environment),
    queryFn: () => client.request('listDeployments', environment!),
    enabled: environment !== undefined,
  });
}

/**
 * The query of one deployment, re-read every `everyMs` while it is moving (DEPLOYING, BAKING, …); when a
 * re-read finds a new state, the environment's list is refreshed too. Shared by the panel and the session
 * timelines (one key, so both read one cache entry).
 */
export function deploymentQuery(
  client: InspectorClient,
  cache: QueryClient,
  ref: DeploymentRef | undefined,
  everyMs = DEPLOYMENT_POLL_MS,
) {
  const key = inspectorKeys.deployment(ref);
  return {
    queryKey: key,
    queryFn: async () => {
      const before = cache.getQueryData<DeploymentDetail>(key)?.state;
      const detail = await client.request('getDeployment', ref!);
      if (before !== undefined && before !== detail.state)
        void cache.invalidateQueries({ queryKey: inspectorKeys.deployments(ref!), exact: true });
      return detail;
    },
    enabled: ref !== undefined,
    refetchInterval: (query: Query<DeploymentDetail>) =>
      query.state.data && isRunning(query.state.data.state) ? everyMs : false,
  };
}

export function useDeployment(ref?: DeploymentRef) {
  return useQuery(deploymentQuery(useInspectorClient(), useQueryClient(), ref));
}

function useChange<M extends Method>(
  method: M,
  after: (cache: QueryClient, result: Result<M>, params: Params<M>) => Promise<unknown>,
) {
  const client = useInspectorClient();
  const cache = useQueryClient();
  return useMutation<Result<M>, Error, Params<M>>({
    mutationFn: (params) => client.request(method, params),
    onSuccess: (result, params) => after(cache, result, params),
  });
}

export function useCreateHostedVersion() {
  return useChange('createHostedVersion', (cache, _r, p) =>
    cache.invalidateQueries({ queryKey: inspectorKeys.hostedVersions(p) }),
  );
}

export function useCreateStrategy() {
  return useChange('createDeploymentStrategy', (cache) =>
    cache.invalidateQueries({ queryKey: inspectorKeys.strategies() }),
  );
}

/** The answer is the deployment's new detail: cache it, and refresh the environment's list. */
function foldDeployment(cache: QueryClient, detail: DeploymentDetail) {
  const ref = {
    applicationId: detail.applicationId,
    environmentId: detail.environmentId,
    deploymentNumber: detail.deploymentNumber,
  };
  cache.setQueryData(inspectorKeys.deployment(ref), detail);
  return cache.invalidateQueries({ queryKey: inspectorKeys.deployments(ref), exact: true });
}

export function useStartDeployment() {
  return useChange('startDeployment', (cache, detail) => foldDeployment(cache, detail));
}

export function useStopDeployment() {
  return useChange('stopDeployment', (cache, detail) => foldDeployment(cache, detail));
}

export function useRevertDeployment() {
  return useChange('revertDeployment', (cache, detail) => foldDeployment(cache, detail));
}
