// Pure logic of the fleet UI outside the chart: the Fleet size field's check, which deployment a fleet's chart
// overlays, version names from a snapshot, the one-line split of a list entry, and which members the compact
// member list shows first. Imported by the fleet components, SessionForm.tsx and tests.
import { MAX_FLEET_SIZE } from '../../../protocol/fleetTypes.js';
import type {
  DeploymentSummary,
  FleetMember,
  FleetSummary,
  FleetVersion,
} from '../../../protocol/messages.js';
import { versionName } from './fleetChartModel.js';

/** A whole number of members, 1 to MAX_FLEET_SIZE (the "1 to 1,000"). */
export function fleetSizeError(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return 'Fleet size is required to start a fleet.';
  if (!/^\d+$/.test(value)) return 'Fleet size must be a whole number of members.';
  const size = Number(value);
  if (size < 1 || size > MAX_FLEET_SIZE)
    return `Fleet size must be between 1 and ${MAX_FLEET_SIZE.toLocaleString('en-US')}.`;
  return undefined;
}

/** contentHash → label for every version the snapshot names (unlabelled ones fall back to their hash). */
export function labelsOf(versions: readonly FleetVersion[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const v of versions) if (v.versionLabel) labels[v.contentHash] = v.versionLabel;
  return labels;
}

/** "60 × v2 · 40 × v1": who holds what now, most first; versions nobody holds any more are left out. */
export function splitText(versions: readonly FleetVersion[], size: number): string {
  const held = versions.filter((v) => v.holders > 0);
  const labels = labelsOf(versions);
  const parts = held.map((v) => `${v.holders} × ${versionName(labels, v.contentHash)}`);
  const rest = size - held.reduce((n, v) => n + v.holders, 0);
  if (rest > 0) parts.push(`${rest} × none yet`);
  return parts.join(' · ');
}

/**
 * The deployment whose PercentageComplete the chart draws: the newest one of the fleet's environment that
 * started before the fleet stopped and, if it says which profile, deployed the fleet's profile (by name or
 * id, as the fleet was started with either). One that completed before the fleet started still counts: its
 * version is what every member should hold, and the line then sits at 100%.
 */
export function fleetDeployment(
  fleet: FleetSummary,
  deployments: readonly DeploymentSummary[],
  profileNames: readonly string[],
): DeploymentSummary | undefined {
  const end = fleet.stoppedAt ?? Infinity;
  const names = new Set(profileNames.map((n) => n.trim()).filter(Boolean));
  let best: DeploymentSummary | undefined;
  for (const d of deployments) {
    if (d.startedAt === undefined || d.startedAt > end) continue;
    if (d.configurationName !== undefined && names.size > 0 && !names.has(d.configurationName))
      continue;
    if (!best || d.startedAt > (best.startedAt ?? 0)) best = d;
  }
  return best;
}

/**
 * The member list's order: members whose last call failed first, then those not on the expected version (the
 * ones that lag, or never got content), then start order. The expected version is the deployment's, when its
 * label names one the fleet has seen; otherwise the one most members hold.
 */
export function membersToShow(
  members: readonly FleetMember[],
  versions: readonly FleetVersion[],
  targetLabel?: string,
): FleetMember[] {
  const target =
    (targetLabel !== undefined
      ? versions.find((v) => v.versionLabel === targetLabel)
      : undefined) ??
    versions.reduce<FleetVersion | undefined>(
      (a, v) => (!a || v.holders > a.holders ? v : a),
      undefined,
    );
  const leading = target?.contentHash;
  // Four ranks, so one pass per rank in start order: no sort of 1,000 members on every refetch.
  const ranks: FleetMember[][] = [[], [], [], []];
  for (const m of members)
    ranks[
      (m.lastError ? 0 : 2) + (m.contentHash !== undefined && m.contentHash === leading ? 1 : 0)
    ]!.push(m);
  return ranks.flat();
}
