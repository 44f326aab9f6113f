// The deployments of a session's environment and profile, for its timeline and flag list: resolves the
// session's identifiers (names or ids, as given to StartConfigurationSession) to control-plane ids, reads the
// environment's deployments and the event logs of those that concern the session, and derives markers,
// receipts and the Missed deployment flag with the pure core functions. Used by SessionWorkspace.tsx.
import { useEffect, useMemo, useRef } from 'react';
import {
  useQueries,
  useQuery,
  useQueryClient,
  type QueryObserverResult,
} from '@tanstack/react-query';
import type { Anomaly } from '../core/anomalyTypes.js';
import { deploymentMarkers, type DeploymentMarker } from '../core/deploymentMarkers.js';
import { deploymentReceipts, type Receipt } from '../core/deploymentReceipts.js';
import type { PollEvent } from '../core/ledger.js';
import {
  deploymentsToRead,
  isOfProfile,
  missedDeploymentFlags,
  overlapsSession,
  type ResolvedName,
} from '../core/sessionDeployments.js';
import type { DeploymentDetail, ResourceItem, SessionSummary } from '../protocol/messages.js';
import { isRunning } from './components/deployments/deploymentsModel.js';
import { matchResource } from './components/shell/sessionFormModel.js';
import { deploymentQuery } from './deploymentQueries.js';
import { inspectorKeys, useHello, useInspectorClient, useNow, useResources } from './queries.js';

/** A running deployment is re-read this often for the timelines: each step shows within seconds. */
export const TIMELINE_DEPLOYMENT_POLL_MS = 5000;
/** With nothing running, the list is re-read this rarely, for deployments started outside the inspector. */
export const IDLE_LIST_POLL_MS = 60_000;

export interface SessionDeployments {
  deployments: readonly DeploymentDetail[];
  markers: readonly DeploymentMarker[];
  receipts: readonly Receipt[];
  flags: readonly Anomaly[];
}

const NONE: SessionDeployments = { deployments: [], markers: [], receipts: [], flags: [] };

/**
 * A listed resource by id or name; where listing is denied or failed, the identifier as given (AWS's
 * control plane then answers for it as an id, and a name there finds nothing). Undefined while loading.
 */
function resolve(
  query: { data?: ResourceItem[]; isError: boolean; isLoading: boolean },
  listing: boolean,
  identifier: string,
): ResolvedName | undefined {
  if (!listing || query.isError) return { id: identifier };
  if (query.isLoading || !query.data) return undefined;
  const found = matchResource(query.data, identifier);
  return found ? { id: found.id, name: found.name } : { name: identifier };
}

/** Stable, so react-query keeps the combined array while no detail changed. */
const combineDetails = (results: QueryObserverResult<DeploymentDetail>[]) =>
  results.flatMap((r) => (r.data ? [r.data] : []));

export function useSessionDeployments(
  session: SessionSummary,
  events: readonly PollEvent[],
): SessionDeployments {
  const client = useInspectorClient();
  const cache = useQueryClient();
  const now = useNow(1000);
  const hello = useHello();
  // An imported recording may come from another account or endpoint: this backend's deployments are not its.
  const imported = session.readOnly === true && session.origin !== 'observed';
  const listing = hello.data?.backend.canListResources ?? false;
  const ready = hello.isSuccess && !imported;

  const appsQuery = useResources(ready && listing ? { kind: 'applications' } : undefined);
  const app = ready ? resolve(appsQuery, listing, session.applicationIdentifier) : undefined;
  const appId = app?.id;
  const envsQuery = useResources(
    listing && appId ? { kind: 'environments', applicationId: appId } : undefined,
  );
  const profilesQuery = useResources(
    listing && appId ? { kind: 'configurationProfiles', applicationId: appId } : undefined,
  );
  const env = appId ? resolve(envsQuery, listing, session.environmentIdentifier) : undefined;
  const profile = appId
    ? resolve(profilesQuery, listing, session.configurationProfileIdentifier)
    : undefined;
  // Objects rebuilt from strings, so a re-render (every second) keeps every memo below.
  const envId = env?.id;
  const [profileId, profileName] = [profile?.id, profile?.name];
  const target = useMemo(
    () =>
      appId && envId && (profileId ?? profileName) !== undefined
        ? {
            environment: { applicationId: appId, environmentId: envId },
            profile: { id: profileId, name: profileName },
          }
        : undefined,
    [appId, envId, profileId, profileName],
  );
  const environment = target?.environment;

  const list = useQuery({
    queryKey: inspectorKeys.deployments(environment),
    queryFn: () => client.request('listDeployments', environment!),
    enabled: environment !== undefined,
    retry: false,
    refetchInterval: (query) =>
      query.state.data?.some((d) => isRunning(d.state))
        ? TIMELINE_DEPLOYMENT_POLL_MS
        : IDLE_LIST_POLL_MS,
  });

  // New content usually means a deployment moved: re-read the list and the deployments read from it (their
  // keys sit under the list's) at once, rather than at the next tick.
  const arrivals = useMemo(
    () => events.filter((e) => e.outcome.type === 'content').length,
    [events],
  );
  const seenArrivals = useRef(arrivals);
  useEffect(() => {
    if (arrivals <= seenArrivals.current) return;
    seenArrivals.current = arrivals;
    if (environment)
      void cache.invalidateQueries({ queryKey: inspectorKeys.deployments(environment) });
  }, [arrivals, cache, environment]);

  const toRead = useMemo(
    () =>
      target && list.data ? deploymentsToRead(list.data, session, events, target.profile) : [],
    [target, list.data, session, events],
  );
  const details = useQueries({
    queries: toRead.map((d) =>
      deploymentQuery(
        client,
        cache,
        { ...environment!, deploymentNumber: d.deploymentNumber },
        TIMELINE_DEPLOYMENT_POLL_MS,
      ),
    ),
    combine: combineDetails,
  });

  // A deployment names its strategy by id; an account's own need the list (shared with the Deployments view)
  // to be named, read only once there is a deployment to label.
  const strategyList = useQuery({
    queryKey: inspectorKeys.strategies(),
    queryFn: () => client.request('listDeploymentStrategies', {}),
    enabled: toRead.length > 0,
    retry: false,
  }).data;
  const strategies = useMemo(
    () => new Map(strategyList?.map((st) => [st.id, st.name])),
    [strategyList],
  );

  const derived = useMemo(() => {
    const profile = target?.profile;
    if (!profile || details.length === 0) return undefined;
    // The list was filtered by what it says (a configuration name); the detail's profile id settles it.
    const ofProfile = details.filter((d) => isOfProfile(d, profile));
    // The newest one is read even when it was over before the session began (for the flag), but only those
    // that ran while the session did belong on its timeline.
    const during = ofProfile.filter((d) => overlapsSession(d, session, events));
    return {
      deployments: ofProfile,
      markers: deploymentMarkers(during, strategies),
      receipts: deploymentReceipts(events, during),
    };
  }, [details, target, session, events, strategies]);
  const flags = useMemo(
    () => (derived ? missedDeploymentFlags(session, events, derived.deployments, now) : []),
    [derived, session, events, now],
  );
  return derived ? { ...derived, flags } : NONE;
}
