// Test data for the fleet UI's tests: member ledgers built with testSupport's builders, and a fleet snapshot
// whose series samples what each of them held (core's heldVersionAt, the rule the service's series follows).
// Imported by *.test.ts(x) in this folder only.
import type { PollEvent } from '../../../core/ledger.js';
import { heldVersionAt, type RolloutSample } from '../../../core/rollout.js';
import type {
  DeploymentDetail,
  FleetSnapshot,
  FleetSummary,
  SessionSnapshot,
} from '../../../protocol/messages.js';
import { content, pollEvent, summary, T0 } from '../../testSupport.js';

export const V1 = 'a'.repeat(64);
export const V2 = 'b'.repeat(64);

/** A member's ledger: started at T0, v1 at its first poll (30 s), v2 at poll `upgradeAt` when given. */
export function memberLedger(sessionId: string, upgradeAt?: number, polls = 6): PollEvent[] {
  const events = [pollEvent(0, { type: 'started' }, { sessionId })];
  for (let seq = 1; seq <= polls; seq++) {
    const outcome =
      seq === 1
        ? content('v1', V1)
        : seq === upgradeAt
          ? content('v2', V2)
          : ({ type: 'unchanged' } as const);
    events.push(pollEvent(seq, outcome, { sessionId }));
  }
  return events;
}

export function fleetSummary(over: Partial<FleetSummary> = {}): FleetSummary {
  return {
    id: 'f1',
    applicationIdentifier: 'shop',
    environmentIdentifier: 'prod',
    configurationProfileIdentifier: 'flags',
    jitterSeconds: 2,
    size: 4,
    state: 'running',
    backend: 'emulator',
    startedAt: T0,
    memberStates: { polling: 4 },
    pollCount: 24,
    held: [
      { contentHash: V1, versionLabel: 'v1', holders: 2 },
      { contentHash: V2, versionLabel: 'v2', holders: 2 },
    ],
    ...over,
  };
}

/** Four members; m1 and m2 took v2 at their third poll (the 50% step), m3 and m4 still hold v1. */
export const LEDGERS: Record<string, PollEvent[]> = {
  m1: memberLedger('m1', 3),
  m2: memberLedger('m2', 3),
  m3: memberLedger('m3'),
  m4: memberLedger('m4'),
};

/** How many ledgers held each version every `stepMs` from `from` to `to`, both included. */
function seriesOf(
  ledgers: PollEvent[][],
  from: number,
  to: number,
  stepMs: number,
): RolloutSample[] {
  const series: RolloutSample[] = [];
  for (let at = from; at <= to; at += stepMs) {
    const sample: RolloutSample = { at, counts: {}, none: 0 };
    for (const events of ledgers) {
      const held = heldVersionAt(events, at)?.contentHash;
      if (held === undefined) sample.none++;
      else sample.counts[held] = (sample.counts[held] ?? 0) + 1;
    }
    series.push(sample);
  }
  return series;
}

export function fleetSnapshot(fleet: FleetSummary = fleetSummary()): FleetSnapshot {
  const ids = Object.keys(LEDGERS);
  return {
    fleet,
    series: seriesOf(Object.values(LEDGERS), T0, T0 + 180_000, 15_000),
    versions: [
      { contentHash: V1, versionLabel: 'v1', holders: 2 },
      { contentHash: V2, versionLabel: 'v2', holders: 2 },
    ],
    members: ids.map((sessionId, i) => ({
      sessionId,
      state: 'polling',
      currentVersionLabel: i < 2 ? 'v2' : 'v1',
      contentHash: i < 2 ? V2 : V1,
      lastPollAt: T0 + 180_050,
      pollCount: 6,
    })),
  };
}

export function memberSnapshot(sessionId: string, fleetId = 'f1'): SessionSnapshot {
  return {
    session: summary({ id: sessionId, fleetId, pollCount: 6, currentVersionLabel: 'v1' }),
    events: LEDGERS[sessionId]!,
  };
}

/** Deployment 1 of v2 in shop/prod: started at 60 s, 50% at 80 s, still deploying. */
export const DEPLOYMENT: DeploymentDetail = {
  deploymentNumber: 1,
  applicationId: 'shop',
  environmentId: 'prod',
  configurationName: 'flags',
  versionLabel: 'v2',
  state: 'DEPLOYING',
  percentageComplete: 50,
  startedAt: T0 + 60_000,
  eventLog: [
    { eventType: 'DEPLOYMENT_STARTED', occurredAt: T0 + 60_000 },
    {
      eventType: 'PERCENTAGE_UPDATED',
      description: 'Configuration available to 50.00% of clients',
      occurredAt: T0 + 80_000,
    },
  ],
};
