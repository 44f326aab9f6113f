// The Deployments view's shapes (hosted versions, strategies, deployments) as they cross the protocol: AWS's
// control-plane members in camelCase, times as epoch ms. Part of messages.ts (re-exported there).
/** One hosted configuration version, as ListHostedConfigurationVersions describes it. */
export interface HostedVersionSummary {
  versionNumber: number;
  versionLabel?: string;
  description?: string;
  contentType?: string;
  /** Bytes, when known: AWS's list does not report it; getHostedVersion and createHostedVersion do. */
  size?: number;
}

export interface ProfileRef {
  applicationId: string;
  configurationProfileId: string;
}

export interface EnvironmentRef {
  applicationId: string;
  environmentId: string;
}

export interface DeploymentStrategyInfo {
  id: string;
  name: string;
  description?: string;
  growthType: 'LINEAR' | 'EXPONENTIAL';
  growthFactor: number;
  deploymentDurationInMinutes: number;
  finalBakeTimeInMinutes: number;
  replicateTo?: 'NONE' | 'SSM_DOCUMENT';
  /** AWS's own AppConfig.* strategies, which cannot be changed. */
  predefined: boolean;
}

export type DeploymentState =
  'BAKING' | 'VALIDATING' | 'DEPLOYING' | 'COMPLETE' | 'ROLLING_BACK' | 'ROLLED_BACK' | 'REVERTED';

export interface DeploymentSummary {
  deploymentNumber: number;
  configurationName?: string;
  configurationVersion?: string;
  versionLabel?: string;
  state: DeploymentState | string;
  percentageComplete: number;
  growthType?: 'LINEAR' | 'EXPONENTIAL';
  growthFactor?: number;
  deploymentDurationInMinutes?: number;
  finalBakeTimeInMinutes?: number;
  startedAt?: number;
  completedAt?: number;
}

export interface DeploymentEventInfo {
  eventType: string;
  triggeredBy?: string;
  description?: string;
  occurredAt?: number;
}

export interface DeploymentDetail extends DeploymentSummary {
  applicationId: string;
  environmentId: string;
  configurationProfileId?: string;
  deploymentStrategyId?: string;
  description?: string;
  /** Oldest first (AWS sends newest first). */
  eventLog: DeploymentEventInfo[];
  /** Derived while DEPLOYING/BAKING (core/deploymentTimes.ts): when the next step and the bake's end are due. */
  nextStepAt?: number;
  nextStepPercent?: number;
  bakeEndsAt?: number;
}

export interface CreateHostedVersionParams extends ProfileRef {
  content: string;
  format: 'json' | 'yaml' | 'text';
  versionLabel?: string;
  description?: string;
}

export interface CreateStrategyParams {
  name: string;
  description?: string;
  growthType: 'LINEAR' | 'EXPONENTIAL';
  growthFactor: number;
  deploymentDurationInMinutes: number;
  finalBakeTimeInMinutes: number;
  replicateTo: 'NONE' | 'SSM_DOCUMENT';
}

export interface StartDeploymentParams extends EnvironmentRef {
  configurationProfileId: string;
  versionNumber: number;
  deploymentStrategyId: string;
  description?: string;
}

export type DeploymentRef = EnvironmentRef & { deploymentNumber: number };
