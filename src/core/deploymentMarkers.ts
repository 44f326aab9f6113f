// A deployment's event log as timeline markers (started, each percentage step, baking, complete, rolled back,
// reverted) with short labels, when it reached 100%, and where each marker falls among a session's polls.
// Imported by core/deploymentReceipts.ts, core/sessionDeployments.ts and the UI's timeline; pure core.
import { growthSteps } from './deploymentTimes.js';
import type { PollEvent } from './ledger.js';

/**
 * A deployment as the timeline needs it: structurally the protocol's DeploymentDetail (core cannot import
 * protocol), so a detail can be passed as it is.
 */
export interface DeploymentInput {
  deploymentNumber: number;
  state: string;
  percentageComplete: number;
  configurationName?: string;
  configurationProfileId?: string;
  configurationVersion?: string;
  versionLabel?: string;
  deploymentStrategyId?: string;
  growthType?: 'LINEAR' | 'EXPONENTIAL';
  growthFactor?: number;
  startedAt?: number;
  completedAt?: number;
  /** Oldest first. */
  eventLog: readonly { eventType: string; description?: string; occurredAt?: number }[];
}

export type MarkerKind =
  'started' | 'step' | 'baking' | 'complete' | 'rollingBack' | 'rolledBack' | 'reverted' | 'other';

export interface DeploymentMarker {
  at: number;
  deploymentNumber: number;
  kind: MarkerKind;
  /** PERCENTAGE_UPDATED only: the share of clients that get the version from now on. */
  percent?: number;
  label: string;
}

/** "v2", or "version 4" when the hosted version has no label. */
export function versionName(d: Pick<DeploymentInput, 'versionLabel' | 'configurationVersion'>) {
  if (d.versionLabel) return d.versionLabel;
  return d.configurationVersion ? `version ${d.configurationVersion}` : 'its version';
}

/**
 * The percentage a PERCENTAGE_UPDATED event brought: read from its description when it names one (AWS and
 * the emulator write "Configuration available to 50.00% of clients"), else the strategy's k-th step.
 */
function stepPercent(
  d: DeploymentInput,
  description: string | undefined,
  k: number,
): number | undefined {
  const named = description?.match(/(\d+(?:\.\d+)?)\s*%/);
  if (named) return Number(named[1]);
  if (d.growthType === undefined || d.growthFactor === undefined) return undefined;
  return growthSteps(d.growthType, d.growthFactor)[k];
}

/** Strategy names by id: an account's own strategies have ids like "x7kq2ab"; AWS's are named by their id. */
export type StrategyNames = ReadonlyMap<string, string>;

function startLabel(d: DeploymentInput, strategies?: StrategyNames): string {
  const id = d.deploymentStrategyId;
  const strategy = id ? ` (${strategies?.get(id) ?? id})` : '';
  return `Deployment #${d.deploymentNumber} of ${versionName(d)} started${strategy}`;
}

const percentText = (p: number) => `${Math.round(p * 100) / 100}%`;

/** Markers of one deployment, oldest first; events without a time are left out (they cannot be placed). */
export function markersOf(d: DeploymentInput, strategies?: StrategyNames): DeploymentMarker[] {
  const name = `Deployment #${d.deploymentNumber}`;
  const out: DeploymentMarker[] = [];
  let step = 0;
  for (const e of d.eventLog) {
    if (e.occurredAt === undefined) continue;
    const base = { at: e.occurredAt, deploymentNumber: d.deploymentNumber };
    switch (e.eventType) {
      case 'DEPLOYMENT_STARTED':
        out.push({ ...base, kind: 'started', label: startLabel(d, strategies) });
        break;
      case 'PERCENTAGE_UPDATED': {
        const percent = stepPercent(d, e.description, step++);
        out.push({
          ...base,
          kind: 'step',
          ...(percent !== undefined ? { percent } : {}),
          label:
            percent !== undefined ? `${name} at ${percentText(percent)}` : `${name}: next step`,
        });
        break;
      }
      case 'BAKE_TIME_STARTED':
        out.push({ ...base, kind: 'baking', label: `${name} baking` });
        break;
      case 'DEPLOYMENT_COMPLETED':
        out.push({ ...base, kind: 'complete', label: `${name} complete` });
        break;
      case 'ROLLBACK_STARTED':
        out.push({ ...base, kind: 'rollingBack', label: `${name} rolling back` });
        break;
      case 'ROLLBACK_COMPLETED':
        out.push({ ...base, kind: 'rolledBack', label: `${name} rolled back` });
        break;
      case 'REVERT_COMPLETED':
        out.push({ ...base, kind: 'reverted', label: `${name} reverted` });
        break;
      default:
        out.push({ ...base, kind: 'other', label: `${name}: ${e.eventType}` });
    }
  }
  // AWS's log always starts with DEPLOYMENT_STARTED; a summary-only input still shows when it began.
  if (!out.some((m) => m.kind === 'started') && d.startedAt !== undefined)
    out.unshift({
      at: d.startedAt,
      deploymentNumber: d.deploymentNumber,
      kind: 'started',
      label: startLabel(d, strategies),
    });
  return out;
}

/** Markers of every deployment in time order (events of one instant keep their log order). */
export function deploymentMarkers(
  deployments: readonly DeploymentInput[],
  strategies?: StrategyNames,
): DeploymentMarker[] {
  const all = [...deployments]
    .sort((a, b) => a.deploymentNumber - b.deploymentNumber)
    .flatMap((d) => markersOf(d, strategies));
  return all.sort((a, b) => a.at - b.at);
}

/** When the rollback or revert took effect, if the deployment was stopped or reverted. */
export function rolledBackAt(d: DeploymentInput): number | undefined {
  const marks = markersOf(d);
  return (
    marks.find((m) => m.kind === 'rollingBack' || m.kind === 'rolledBack' || m.kind === 'reverted')
      ?.at ?? (d.state === 'ROLLED_BACK' || d.state === 'REVERTED' ? d.completedAt : undefined)
  );
}

/**
 * When PercentageComplete reached 100 (every poll gets the version from then on): the 100% step, else the
 * start of bake time, else the completion; undefined while it has not, or when it was rolled back first.
 */
export function reachedAllAt(d: DeploymentInput): number | undefined {
  const marks = markersOf(d);
  const rollback = rolledBackAt(d);
  const reached =
    marks.find((m) => m.kind === 'step' && m.percent === 100)?.at ??
    marks.find((m) => m.kind === 'baking' || m.kind === 'complete')?.at ??
    (d.state === 'COMPLETE' ? d.completedAt : undefined);
  if (reached === undefined) return undefined;
  return rollback !== undefined && rollback < reached ? undefined : reached;
}

/** A marker's place among the polls: `beforeIndex` is the index of the first event sent after it. */
export interface PlacedMarker {
  beforeIndex: number;
  marker: DeploymentMarker;
}

/**
 * Places time-ordered markers between the polls (events in ledger order, which is send order): one merge
 * pass, so a 10,000-poll ledger costs O(n + markers). Markers before the first poll or after the last are
 * kept (index 0 / events.length) so a deployment that began before the session still shows.
 */
export function placeMarkers(
  events: readonly PollEvent[],
  markers: readonly DeploymentMarker[],
): PlacedMarker[] {
  const out: PlacedMarker[] = [];
  let i = 0;
  for (const marker of markers) {
    while (i < events.length && events[i]!.sentAt <= marker.at) i++;
    out.push({ beforeIndex: i, marker });
  }
  return out;
}
