// Server state of the backend switcher: the shared-file profiles it offers and the switchBackend mutation.
// Keys from inspectorKeys; the new backend is folded like the pushed backendChanged every other page gets.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BackendInfo, SwitchBackendParams } from '../protocol/messages.js';
import { applyEvent } from './cacheEvents.js';
import { inspectorKeys, useInspectorClient } from './queries.js';

/** Read only while the switcher is open: the files may change between openings (a new `aws configure`). */
export function useAwsProfiles(enabled: boolean) {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.awsProfiles(),
    queryFn: () => client.request('listAwsProfiles', {}),
    enabled,
    staleTime: 0,
  });
}

export function useSwitchBackend() {
  const client = useInspectorClient();
  const cache = useQueryClient();
  return useMutation<BackendInfo, Error, SwitchBackendParams>({
    mutationFn: (params) => client.request('switchBackend', params),
    // The pushed event may come first or second; folding the same backend twice changes nothing.
    onSuccess: (backend) => applyEvent(cache, { type: 'backendChanged', backend }),
  });
}
