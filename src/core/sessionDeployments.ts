// Which of an environment's deployments concern one session (its profile, and a time that overlaps the
// session), and the Missed deployment flag: the newest deployment of the profile that reached 100% and stayed
// there, handed to rules/missedDeployment.ts. Imported by the UI's session deployments hook; pure core.
import type { Anomaly } from './anomalyTypes.js';
import { reachedAllAt, type DeploymentInput } from './deploymentMarkers.js';
import type { PollEvent, SessionInfo } from './ledger.js';
import { missedDeployment, type ReachedDeployment } from './rules/missedDeployment.js';

/**
 * A resource as resolved from the control plane's lists: id and name when listed, only `id` (the identifier
 * as given) where listing is denied, only `name` when the list does not have it.
 */
export interface ResolvedName {
  id?: string;
  name?: string;
}

/**
 * Whether a deployment is of this profile. AWS's list names the profile (ConfigurationName), GetDeployment
 * also gives its id; the session may know either (a name or an id typed by hand, both once the control plane
 * listed the profiles), so any match is enough. What cannot be compared is kept: a list entry that names the
 * profile, when only an unresolved identifier is known, is settled later by its detail's id.
 */
export function isOfProfile(
  d: Pick<DeploymentInput, 'configurationProfileId' | 'configurationName'>,
  profile: ResolvedName,
): boolean {
  const known = [profile.id, profile.name].filter((x): x is string => x !== undefined);
  if (known.some((x) => x === d.configurationProfileId || x === d.configurationName)) return true;
  if (d.configurationProfileId !== undefined) return false;
  return d.configurationName === undefined || profile.name === undefined;
}

/** A session that will poll no more: stopped, ended, failed, or an imported recording. */
function isOver(session: Pick<SessionInfo, 'state' | 'readOnly' | 'origin'>): boolean {
  if (session.readOnly === true && session.origin !== 'observed') return true;
  return session.state === 'stopped' || session.state === 'ended' || session.state === 'failed';
}

type SessionSpan = Pick<SessionInfo, 'startedAt' | 'state' | 'readOnly' | 'origin'>;

/**
 * Whether a deployment happened (in part) while the session ran: it began before the session's last answer
 * (any time, while the session still polls) and its last event — a revert can come long after completion —
 * is not before the session began.
 */
export function overlapsSession(
  d: Omit<DeploymentInput, 'eventLog'> & Partial<Pick<DeploymentInput, 'eventLog'>>,
  session: SessionSpan,
  events: readonly PollEvent[],
): boolean {
  if (d.startedAt === undefined) return true;
  const end = isOver(session) ? (events.at(-1)?.answeredAt ?? session.startedAt) : Infinity;
  const lastEvent = d.eventLog?.at(-1)?.occurredAt;
  const over = Math.max(lastEvent ?? -Infinity, d.completedAt ?? -Infinity);
  const runningOrUnknown = d.completedAt === undefined && lastEvent === undefined;
  return d.startedAt <= end && (runningOrUnknown || over >= session.startedAt);
}

/**
 * Deployments whose event logs a session needs, at most `limit`, newest first: those of its profile that
 * overlap it, and the newest one always, since it says which version everyone should hold now.
 */
export function deploymentsToRead<D extends Omit<DeploymentInput, 'eventLog'>>(
  summaries: readonly D[],
  session: SessionSpan,
  events: readonly PollEvent[],
  profile: ResolvedName,
  limit = 10,
): D[] {
  const ofProfile = summaries
    .filter((d) => isOfProfile(d, profile))
    .sort((a, b) => b.deploymentNumber - a.deploymentNumber);
  const overlapping = ofProfile.filter((d) => overlapsSession(d, session, events));
  const newest = ofProfile[0];
  const picked = newest && !overlapping.includes(newest) ? [newest, ...overlapping] : overlapping;
  return picked.slice(0, limit);
}

/**
 * The deployment every client of the profile should hold by now: the newest one, once it reached 100% and
 * as long as it was not rolled back or reverted. A newer one still rolling out (or undone) says nothing
 * certain about what a session should hold, so it yields none.
 */
export function expectedDeployment(
  deployments: readonly DeploymentInput[],
): ReachedDeployment | undefined {
  const newest = [...deployments].sort((a, b) => b.deploymentNumber - a.deploymentNumber)[0];
  if (!newest || !(newest.state === 'COMPLETE' || newest.state === 'BAKING')) return undefined;
  const reached = reachedAllAt(newest);
  if (reached === undefined) return undefined;
  // The session recognises a version by its Version-Label only: the hosted bytes' hash can differ from what
  // the data plane serves (feature flags are rewritten), so without a label the rule could not tell.
  if (!newest.versionLabel) return undefined;
  return {
    deploymentNumber: newest.deploymentNumber,
    reachedAllAt: reached,
    versionLabel: newest.versionLabel,
  };
}

/** Sessions that were over before the deployment began (a stopped or imported one) have nothing to miss. */
function wasGoneBefore(session: SessionInfo, events: readonly PollEvent[], at: number): boolean {
  return isOver(session) && (events.at(-1)?.answeredAt ?? session.startedAt) < at;
}

/** The Missed deployment flag for a session, given the deployments of its environment and profile. */
export function missedDeploymentFlags(
  session: SessionInfo,
  events: readonly PollEvent[],
  deployments: readonly DeploymentInput[],
  now: number,
): Anomaly[] {
  const expected = expectedDeployment(deployments);
  if (!expected) return [];
  const newest = deployments.find((d) => d.deploymentNumber === expected.deploymentNumber);
  if (wasGoneBefore(session, events, newest?.startedAt ?? expected.reachedAllAt)) return [];
  const flag = missedDeployment(session, events, expected, now);
  return flag ? [flag] : [];
}
