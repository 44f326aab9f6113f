// STUB (to be replaced by the control-plane work): deployment progression and served-version resolution.
import type { HostedVersion, Store } from './store.js';

/**
 * The hosted version that environment `environmentId` serves for `profileId` to a session whose sticky
 * bucket (0–99) for deployment N is `bucketOf(N)`; undefined when nothing was ever deployed.
 */
export function servedVersion(
  store: Store,
  applicationId: string,
  environmentId: string,
  profileId: string,
  bucketOf: (deploymentNumber: number) => number,
): HostedVersion | undefined {
  void bucketOf;
  const deps = store.deploymentsOf(applicationId, environmentId).filter((d) => d.ConfigurationProfileId === profileId);
  const last = deps.at(-1);
  return last ? store.findVersion(applicationId, profileId, Number(last.ConfigurationVersion)) : undefined;
}
