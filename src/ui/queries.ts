// The UI's server state: the InspectorClient context, react-query hooks for every read, and the mutations
// whose answers are folded into the cache. Imported across the UI (every component that needs server data).
// Must not import a transport (main.tsx injects the client) or anything Node-side.
import {
  createContext,
  createElement,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { detectLedgerAnomalies, withHeldToken, type Anomaly } from '../core/anomalies.js';
import type { ConnectionState, InspectorClient } from '../protocol/client.js';
import {
  PROTOCOL_VERSION,
  ProtocolError,
  type FleetSummary,
  type Method,
  type Params,
  type ResourceQuery,
  type Result,
  type SessionSnapshot,
  type SessionSummary,
} from '../protocol/messages.js';
import { applyEvent, eventForPoll } from './cacheEvents.js';
import { inspectorKeys } from './queryKeys.js';

export { inspectorKeys };

const ClientContext = createContext<InspectorClient | undefined>(undefined);

export function InspectorClientProvider({
  client,
  children,
}: {
  client: InspectorClient;
  children?: ReactNode;
}) {
  return createElement(ClientContext.Provider, { value: client }, children);
}

export function useInspectorClient(): InspectorClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useInspectorClient needs an <InspectorClientProvider> above it.');
  return client;
}

/** Errors that a retry cannot fix; everything else (timeouts, a restarting server) is retried once. */
const FINAL_CODES = new Set([
  'invalidParams',
  'unknownMethod',
  'notFound',
  'protocolMismatch',
  'conflict',
]);

export function createInspectorQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Pushed events keep the cache current and a reconnect invalidates everything, so data never goes stale
        // on its own; focus refetches would only add noise in a webview.
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          failures < 1 && !(error instanceof ProtocolError && FINAL_CODES.has(error.code)),
      },
    },
  });
}

/** The hello handshake; its answer also says which backend the service talks to. */
export function useHello() {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.backend(),
    queryFn: () => client.request('hello', { protocolVersion: PROTOCOL_VERSION }),
  });
}

export function useSessions() {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.sessions(),
    queryFn: () => client.request('listSessions', {}),
  });
}

export function useSession(sessionId?: string) {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.session(sessionId ?? ''),
    queryFn: () => client.request('getSession', { sessionId: sessionId! }),
    enabled: sessionId !== undefined,
  });
}

export function useContent(contentHash?: string) {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.content(contentHash ?? ''),
    queryFn: () => client.request('getContent', { contentHash: contentHash! }),
    enabled: contentHash !== undefined,
    // Content is addressed by its SHA-256: the bytes behind a hash can never change.
    staleTime: Infinity,
    gcTime: 30 * 60_000,
  });
}

export function useRawResponse(sessionId?: string, seq?: number) {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.raw(sessionId ?? '', seq ?? -1),
    queryFn: () => client.request('getRawResponse', { sessionId: sessionId!, seq: seq! }),
    enabled: sessionId !== undefined && seq !== undefined,
  });
}

/** Control-plane listings for the pickers; a failure only means the pickers fall back to free text. */
export function useResources(query: ResourceQuery | undefined) {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.resources(query),
    queryFn: () => client.request('listResources', query!),
    enabled: query !== undefined,
    retry: false,
  });
}

/** Wall-clock time, re-read every `stepMs`, for countdowns and age-based flags. */
export function useNow(stepMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), stepMs);
    return () => clearInterval(timer);
  }, [stepMs]);
  return now;
}

/**
 * Misuse flags for a session. Re-run every `stepMs` because some rules judge the age of the held token;
 * lists pass a coarser step since a token's 23 h threshold does not need second precision there.
 */
const NO_ANOMALIES: readonly Anomaly[] = [];

/**
 * The session's flags, re-judged every `stepMs` for the held token's age. The rules run over the ledger only
 * when it changes (at 10,000 polls a pass costs ~80 ms); each tick adds the held-token flag, and returns the
 * same array while there is none.
 */
export function useAnomalies(snapshot?: SessionSnapshot, stepMs = 1000): readonly Anomaly[] {
  const now = useNow(stepMs);
  const ledger = useMemo(
    () => (snapshot ? detectLedgerAnomalies(snapshot.session, snapshot.events) : undefined),
    [snapshot],
  );
  return useMemo(() => (ledger ? withHeldToken(ledger, now) : NO_ANOMALIES), [ledger, now]);
}

export function useConnectionState(): ConnectionState {
  const client = useInspectorClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => {
    const off = client.onConnection(setState);
    return () => {
      off();
    };
  }, [client]);
  return state;
}

type SessionCommand = 'pauseSession' | 'resumeSession' | 'stopSession';

/** Pause / Resume / Stop: the answer is the new summary. */
export function useSessionCommand(method: SessionCommand) {
  return useRequest(method, (cache, session) =>
    applyEvent(cache, { type: 'sessionChanged', session }),
  );
}

/** Poll now / early poll / token replay: the answer is the ledger entry, folded like the pushed one. */
export function usePollCommand(method: 'pollNow' | 'replayToken') {
  return useRequest(method, (cache, event) => applyEvent(cache, eventForPoll(event)));
}

export function useStartSession() {
  return useRequest('startSession', foldStarted);
}

export function useImportRecording() {
  return useRequest('importRecording', foldStarted);
}

export function useDeleteSession() {
  return useRequest('deleteSession', (cache, _result, params) =>
    applyEvent(cache, { type: 'sessionDeleted', sessionId: params.sessionId }),
  );
}

export function useExportSession() {
  return useRequest('exportSession');
}

export function useExportHar() {
  return useRequest('exportHar');
}

export function useFleets() {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.fleets(),
    // PROTOCOL_VERSION stayed 1 when fleets came: a service from before them has none to list.
    queryFn: () =>
      client.request('listFleets', {}).catch((e: unknown) => {
        if (e instanceof ProtocolError && e.code === 'unknownMethod') return [];
        throw e;
      }),
  });
}

/** How often a live fleet is re-read besides its pushed fleetChanged: a safety net, not the clock. */
export const FLEET_REFRESH_MS = 10_000;

/** One fleet's snapshot; cacheEvents.ts refetches it on each (throttled) fleetChanged. */
export function useFleet(fleetId?: string) {
  const client = useInspectorClient();
  return useQuery({
    queryKey: inspectorKeys.fleet(fleetId ?? ''),
    queryFn: () => client.request('getFleet', { fleetId: fleetId! }),
    enabled: fleetId !== undefined,
    refetchInterval: (query) =>
      query.state.data && query.state.data.fleet.state !== 'stopped' ? FLEET_REFRESH_MS : false,
    // A live fleet's every refetch changes each member's poll count and the series' sample times, so a
    // deep compare of 1,000 members (a few ms each second, bench/ui/fleetChart.ts) would keep nothing.
    structuralSharing: false,
  });
}

export function useStartFleet() {
  return useRequest('startFleet', (cache, fleet) =>
    applyEvent(cache, { type: 'fleetStarted', fleet }),
  );
}

export function useStopFleet() {
  return useRequest('stopFleet', foldFleet);
}

export function useDeleteFleet() {
  return useRequest('deleteFleet', (cache, _result, params) =>
    applyEvent(cache, { type: 'fleetDeleted', fleetId: params.fleetId }),
  );
}

function foldFleet(cache: QueryClient, fleet: FleetSummary): void {
  applyEvent(cache, { type: 'fleetChanged', fleet });
}

function foldStarted(cache: QueryClient, session: SessionSummary): void {
  applyEvent(cache, { type: 'sessionStarted', session });
}

function useRequest<M extends Method>(
  method: M,
  fold?: (cache: QueryClient, result: Result<M>, params: Params<M>) => void,
) {
  const client = useInspectorClient();
  const cache = useQueryClient();
  return useMutation<Result<M>, Error, Params<M>>({
    mutationFn: (params) => client.request(method, params),
    onSuccess: (result, params) => fold?.(cache, result, params),
  });
}

/** One line for an error shown inline: the AWS error name first when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof ProtocolError && error.awsErrorName)
    return `${error.awsErrorName}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
