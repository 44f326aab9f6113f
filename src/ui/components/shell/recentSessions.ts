// The identifier triples the user last started sessions on (newest first, at most RECENT_MAX), persisted as
// the 'recentSessions' preference so the pickers offer them first and the form lists them as one-click
// "Recent" entries. Imported by useStartAndOpen.ts (remembers) and SessionForm.tsx (offers).
import type { StartSessionParams } from '../../../protocol/messages.js';
import { usePreference } from '../../usePreference.js';

export type RecentSession = Pick<
  StartSessionParams,
  'applicationIdentifier' | 'environmentIdentifier' | 'configurationProfileIdentifier'
>;

export const RECENT_MAX = 5;
const KEY = 'recentSessions';
const FIELDS = [
  'applicationIdentifier',
  'environmentIdentifier',
  'configurationProfileIdentifier',
] as const;

function isRecentList(value: unknown): value is RecentSession[] {
  return (
    Array.isArray(value) &&
    value.length <= RECENT_MAX &&
    value.every(
      (r: unknown) =>
        typeof r === 'object' &&
        r !== null &&
        FIELDS.every((f) => typeof (r as Record<string, unknown>)[f] === 'string'),
    )
  );
}

export const sameTriple = (a: RecentSession, b: RecentSession) =>
  FIELDS.every((f) => a[f] === b[f]);

/** "demo-app / dev / app-config": how a triple is named on its button. */
export const tripleLabel = (r: RecentSession) => FIELDS.map((f) => r[f]).join(' / ');

/** `next` first, an older copy of it dropped, the oldest beyond RECENT_MAX forgotten. */
export function withRecent(list: RecentSession[], next: RecentSession): RecentSession[] {
  const entry = Object.fromEntries(FIELDS.map((f) => [f, next[f]])) as RecentSession;
  return [entry, ...list.filter((r) => !sameTriple(r, entry))].slice(0, RECENT_MAX);
}

export function useRecentSessions(): [RecentSession[], (started: RecentSession) => void] {
  const [recents, setRecents] = usePreference<RecentSession[]>(KEY, [], isRecentList);
  return [recents, (started) => setRecents(withRecent(recents, started))];
}
