// The one factory for react-query keys; every query and cache update in src/ui takes its key from here.
// Imported by queries.ts and cacheEvents.ts (and re-exported from queries.ts); imports protocol types only.
import type {
  DeploymentRef,
  EnvironmentRef,
  ProfileRef,
  ResourceQuery,
} from '../protocol/messages.js';

export const inspectorKeys = {
  all: ['inspector'] as const,
  sessions: () => [...inspectorKeys.all, 'sessions'] as const,
  session: (id: string) => [...inspectorKeys.all, 'session', id] as const,
  content: (hash: string) => [...inspectorKeys.all, 'content', hash] as const,
  raw: (sessionId: string, seq: number) => [...inspectorKeys.all, 'raw', sessionId, seq] as const,
  /** Without a query (nothing to list yet) the key is distinct, so a disabled picker never shows another's data. */
  resources: (query?: ResourceQuery) =>
    [...inspectorKeys.all, 'resources', query ?? 'none'] as const,
  backend: () => [...inspectorKeys.all, 'backend'] as const,
  /** The shared-file profiles the backend switcher offers. */
  awsProfiles: () => [...inspectorKeys.all, 'awsProfiles'] as const,
  /** Deployments view. Like `resources`, each has a distinct key for "nothing chosen yet" (a disabled query). */
  hostedVersions: (p?: ProfileRef) =>
    p
      ? ([
          ...inspectorKeys.all,
          'hostedVersions',
          p.applicationId,
          p.configurationProfileId,
        ] as const)
      : ([...inspectorKeys.all, 'hostedVersions', 'none'] as const),
  /** Not under `hostedVersions`: a new version refreshes the list, never the (immutable) contents. */
  hostedVersion: (p?: ProfileRef, versionNumber?: number) =>
    p && versionNumber !== undefined
      ? ([
          ...inspectorKeys.all,
          'hostedVersion',
          p.applicationId,
          p.configurationProfileId,
          versionNumber,
        ] as const)
      : ([...inspectorKeys.all, 'hostedVersion', 'none'] as const),
  strategies: () => [...inspectorKeys.all, 'strategies'] as const,
  deployments: (e?: EnvironmentRef) =>
    e
      ? ([...inspectorKeys.all, 'deployments', e.applicationId, e.environmentId] as const)
      : ([...inspectorKeys.all, 'deployments', 'none'] as const),
  deployment: (d?: DeploymentRef) =>
    [...inspectorKeys.deployments(d), d?.deploymentNumber ?? 'none'] as const,
  /** Fleets: the list of summaries, and each one's snapshot (series, versions, members). */
  fleets: () => [...inspectorKeys.all, 'fleets'] as const,
  fleet: (id: string) => [...inspectorKeys.all, 'fleet', id] as const,
};
