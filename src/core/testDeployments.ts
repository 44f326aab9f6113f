// Deployment builders for core unit tests: deployment #3 of v2 with AppConfig.Linear50PercentEvery30Seconds,
// its event log as the emulator writes it (times in seconds after testLedger's T0). Imported by *.test.ts in
// src/core only.
import type { DeploymentInput } from './deploymentMarkers.js';
import { T0 } from './testLedger.js';

export const at = (s: number) => T0 + s * 1000;

/** Deployment #3 of v2 with AppConfig.Linear50PercentEvery30Seconds, logged as the emulator logs it. */
export function linear50(over: Partial<DeploymentInput> = {}): DeploymentInput {
  return {
    deploymentNumber: 3,
    state: 'COMPLETE',
    percentageComplete: 100,
    configurationName: 'flags',
    configurationProfileId: 'prof1',
    configurationVersion: '2',
    versionLabel: 'v2',
    deploymentStrategyId: 'AppConfig.Linear50PercentEvery30Seconds',
    growthType: 'LINEAR',
    growthFactor: 50,
    startedAt: at(100),
    completedAt: at(220),
    eventLog: [
      { eventType: 'DEPLOYMENT_STARTED', description: 'Deployment started', occurredAt: at(100) },
      {
        eventType: 'PERCENTAGE_UPDATED',
        description: 'Configuration available to 50.00% of clients',
        occurredAt: at(130),
      },
      {
        eventType: 'PERCENTAGE_UPDATED',
        description: 'Configuration available to 100.00% of clients',
        occurredAt: at(160),
      },
      { eventType: 'BAKE_TIME_STARTED', occurredAt: at(160) },
      { eventType: 'DEPLOYMENT_COMPLETED', occurredAt: at(220) },
    ],
    ...over,
  };
}

export const stopped = (): DeploymentInput =>
  linear50({
    state: 'ROLLED_BACK',
    percentageComplete: 50,
    completedAt: at(140),
    eventLog: [
      ...linear50().eventLog.slice(0, 2),
      { eventType: 'ROLLBACK_STARTED', occurredAt: at(140) },
      { eventType: 'ROLLBACK_COMPLETED', occurredAt: at(140) },
    ],
  });
