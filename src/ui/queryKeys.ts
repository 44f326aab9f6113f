// The one factory for react-query keys; every query and cache update in src/ui takes its key from here.
// Imported by queries.ts and cacheEvents.ts (and re-exported from queries.ts); imports protocol types only.
import type { ResourceQuery } from '../protocol/messages.js';

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
};
