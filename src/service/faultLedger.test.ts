// Under injected faults (5xx, throttling, resets) the inspector keeps its token chain intact and its ledger
// matches the emulator's own observations one to one: every call the SDK made is one attempt of exactly one
// ledger event (same invocation id), none lost, none doubled, no retry taken for a reuse.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectAnomalies } from '../core/anomalies.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { InspectorService } from './inspectorService.js';
import { INSPECTOR_USER_AGENT } from './userAgent.js';
import { DEMO } from './test/demoSession.js';
import { FakeClock } from './test/fakeClock.js';

let clock: FakeClock;
let emulator: RunningEmulator;
let dataDir: string;
let service: InspectorService;

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  emulator = await startEmulator({
    port: 0,
    seed: 'demo',
    clock,
    faults: [
      'GetLatestConfiguration:503@0.3,seed=11',
      'GetLatestConfiguration:reset@0.15,seed=5',
      'GetLatestConfiguration:429@0.15,seed=7',
      'StartConfigurationSession:500@0.3,seed=3',
    ],
  });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-faults-'));
  service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir,
    clock,
    observe: false,
  });
});

afterEach(async () => {
  service.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Advances the fake clock to each planned poll in turn until the ledger has `n` events. The SDK's own retry
 * delays are real time, so between plans this waits (bounded) for the call in flight.
 */
async function runUntil(sessionId: string, n: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { events } = await service.request('getSession', { sessionId });
    if (events.length >= n) return;
    const due = clock.nextDue();
    if (due !== undefined) clock.advance(due - clock.now());
    else await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`the session did not reach ${n} events`);
}

describe('the ledger under faults', () => {
  it("matches the emulator's observations one to one and keeps the token chain intact", async () => {
    const started = await service.request('startSession', DEMO);
    await runUntil(started.id, 25);
    await service.request('pauseSession', { sessionId: started.id });
    const { session, events } = await service.request('getSession', { sessionId: started.id });

    const records = emulator.context.observations
      .list(0, 100_000)
      .records.filter((r) => r.userAgent?.includes(INSPECTOR_USER_AGENT));
    const byInvocation = new Map<string, typeof records>();
    for (const r of records) {
      expect(r.invocationId).toBeTruthy();
      byInvocation.set(r.invocationId!, [...(byInvocation.get(r.invocationId!) ?? []), r]);
    }
    // One ledger event per SDK invocation, and each of its attempts is one emulator record.
    expect(events.map((e) => e.invocationId)).toEqual([...byInvocation.keys()]);
    for (const e of events) expect(byInvocation.get(e.invocationId!)).toHaveLength(e.attempts);
    expect(records).toHaveLength(events.reduce((n, e) => n + e.attempts, 0));

    // The faults did happen, the SDK retried, and some calls failed after all retries.
    expect(records.some((r) => r.facts.fault !== undefined && r.facts.fault !== null)).toBe(true);
    expect(events.some((e) => e.attempts > 1)).toBe(true);
    expect(events.some((e) => e.outcome.type === 'error')).toBe(true);
    // A faulted attempt did not spend its token, so no retry was ever a replay at the emulator...
    expect(records.filter((r) => r.facts.replay)).toEqual([]);
    // ...and the inspector's own flags agree: no reuse, no stale token.
    const rules = detectAnomalies(session, events, clock.now()).map((a) => a.rule);
    expect(rules).not.toContain('tokenReused');
    expect(rules).not.toContain('staleToken');
    // Each success moved the chain: the next chain call sent the token the previous answer issued.
    const chain = events.filter((e) => e.trigger !== 'replay');
    for (let i = 1; i < chain.length; i++) {
      const prev = chain[i - 1]!;
      const cur = chain[i]!;
      if (cur.kind === 'poll' && prev.outcome.type !== 'error' && prev.tokenOut)
        expect(cur.tokenIn).toBe(prev.tokenOut);
    }
  });
});
