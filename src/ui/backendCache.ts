// How a new backend (switchBackend's answer, or the pushed backendChanged) lands in the react-query cache.
// Imported by cacheEvents.ts; keys from inspectorKeys.
import type { QueryClient } from '@tanstack/react-query';
import type { BackendInfo, Result } from '../protocol/messages.js';
import { inspectorKeys } from './queryKeys.js';

/** Control-plane answers depend on the account and region: a switched backend makes them stale. */
const BACKEND_BOUND = new Set([
  'resources',
  'hostedVersions',
  'hostedVersion',
  'strategies',
  'deployments',
]);

/** Where calls go; a late identity answer (pushed as backendChanged too) changes none of it. */
const placeOf = (b: BackendInfo) => [b.kind, b.endpoint, b.region, b.profile].join('\n');

/** The header reads the backend from the hello answer; pickers and deployment lists refetch from the new one. */
export function foldBackend(cache: QueryClient, backend: BackendInfo): void {
  const before = cache.getQueryData<Result<'hello'>>(inspectorKeys.backend())?.backend;
  cache.setQueryData<Result<'hello'>>(
    inspectorKeys.backend(),
    (hello) => hello && { ...hello, backend },
  );
  // Only the identity arrived (none was known before): the lists already came from this backend.
  const identityOnly =
    before && !before.identity && !before.identityError && placeOf(before) === placeOf(backend);
  if (identityOnly) return;
  void cache.invalidateQueries({
    predicate: (query) => BACKEND_BOUND.has(query.queryKey[1] as string),
  });
}
