// Pure logic of the Deployments view: which states run, strategy and countdown wording, the custom-strategy
// form's checks (AWS's CreateDeploymentStrategy limits) and what a stop or revert gives clients.
// Imported by the deployments components and deploymentQueries.ts; no React.
import type { AuthoredFormat } from '../../../core/authoredDocument.js';
import type {
  CreateStrategyParams,
  DeploymentStrategyInfo,
  DeploymentSummary,
} from '../../../protocol/messages.js';

/** States AWS moves through on its own: the panel re-reads the deployment while in one. */
const MOVING = new Set(['DEPLOYING', 'BAKING', 'VALIDATING', 'ROLLING_BACK']);

export const isRunning = (state: string) => MOVING.has(state);
export const canStop = (state: string) => state === 'DEPLOYING' || state === 'BAKING';
export const canRevert = (state: string) => state === 'COMPLETE';

export function editorLanguage(format: AuthoredFormat): string {
  return format === 'text' ? 'plaintext' : format;
}

/** "LINEAR 20% · 10 min · bake 5 min": what a strategy does, in the picker's words. */
export function describeStrategy(s: DeploymentStrategyInfo): string {
  const growth =
    s.growthType === 'LINEAR' ? `+${s.growthFactor}% a step` : `×2 from ${s.growthFactor}%`;
  return `${s.growthType} (${growth}) · ${minutes(s.deploymentDurationInMinutes)} · bake ${minutes(s.finalBakeTimeInMinutes)}`;
}

function minutes(n: number): string {
  return n === 0 ? '0 min' : n % 60 === 0 ? `${n / 60} h` : `${n} min`;
}

/** "2m 05s" until `at`; "due now" once it has passed (the next read will show what happened). */
export function formatCountdown(at: number, now: number): string {
  const left = Math.ceil((at - now) / 1000);
  if (left <= 0) return 'due now';
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const s = left % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s)}s`;
  return m > 0 ? `${m}m ${pad(s)}s` : `${s}s`;
}

/** The version a deployment replaced: the newest earlier COMPLETE deployment of the same profile. */
export function previousDeployment(
  deployments: readonly DeploymentSummary[] | undefined,
  current: DeploymentSummary,
): DeploymentSummary | undefined {
  return deployments
    ?.filter(
      (d) =>
        d.deploymentNumber < current.deploymentNumber &&
        d.state === 'COMPLETE' &&
        d.configurationName === current.configurationName,
    )
    .sort((a, b) => b.deploymentNumber - a.deploymentNumber)[0];
}

const versionText = (d: DeploymentSummary) =>
  `version ${d.configurationVersion ?? '?'}${d.versionLabel ? ` (${d.versionLabel})` : ''}`;

/** What the confirmation says clients will get. */
export function stopConsequence(current: DeploymentSummary, previous?: DeploymentSummary): string {
  const back = previous ? versionText(previous) : 'the version they had before it';
  return `Stop deployment ${current.deploymentNumber}? It rolls back: clients that already got ${versionText(current)} get the previous version, ${back}, again.`;
}

export function revertConsequence(
  current: DeploymentSummary,
  previous?: DeploymentSummary,
): string {
  const back = previous ? versionText(previous) : 'the version deployed before it';
  return `Revert deployment ${current.deploymentNumber}? Every client gets the version before this deployment, ${back}, instead of ${versionText(current)}.`;
}

export interface StrategyFormValues {
  name: string;
  growthType: 'LINEAR' | 'EXPONENTIAL';
  growthFactor: string;
  duration: string;
  bake: string;
}

export type StrategyFormErrors = Partial<Record<keyof StrategyFormValues, string>>;

export const EMPTY_STRATEGY: StrategyFormValues = {
  name: '',
  growthType: 'LINEAR',
  growthFactor: '20',
  duration: '10',
  bake: '5',
};

/** AWS model: Name 1–64, GrowthFactor 1–100, DeploymentDuration and FinalBakeTime 0–1440 minutes. */
export function validateStrategyForm(values: StrategyFormValues): {
  params?: CreateStrategyParams;
  errors: StrategyFormErrors;
} {
  const errors: StrategyFormErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Name is required.';
  else if (name.length > 64) errors.name = 'Name must be at most 64 characters (AWS limit).';
  const number = (
    field: 'growthFactor' | 'duration' | 'bake',
    label: string,
    min: number,
    max: number,
  ) => {
    const text = values[field].trim();
    const n = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || n < min || n > max)
      errors[field] = `${label} must be a number from ${min} to ${max}.`;
    return n;
  };
  const growthFactor = number('growthFactor', 'Growth factor', 1, 100);
  const duration = number('duration', 'Duration', 0, 1440);
  const bake = number('bake', 'Bake time', 0, 1440);
  if (!errors.duration && !Number.isInteger(duration))
    errors.duration = 'Duration must be whole minutes.';
  if (!errors.bake && !Number.isInteger(bake)) errors.bake = 'Bake time must be whole minutes.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    params: {
      name,
      growthType: values.growthType,
      growthFactor,
      deploymentDurationInMinutes: duration,
      finalBakeTimeInMinutes: bake,
      replicateTo: 'NONE',
    },
  };
}
