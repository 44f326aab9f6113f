// The service under races and faults, through the real SDK and real HTTP: one owner per token chain, no
// call without a deadline, no failure swallowed, nothing written after delete. A gate proxy in front of the
// emulator decides when the endpoint answers; one fake clock drives the poll loop and the emulator.
import { mkdtempSync, rmSync, existsSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectAnomalies } from '../core/anomalies.js';
import type { PollEvent } from '../core/ledger.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { InspectorEvent, SessionSummary } from '../protocol/messages.js';
import { InspectorService } from './inspectorService.js';
import { DEMO, nextEvent, startDemoSession } from './test/demoSession.js';
import { FakeClock } from './test/fakeClock.js';
import { startGateProxy, type GateProxy } from './test/gateProxy.js';

let clock: FakeClock;
let emulator: RunningEmulator;
let proxy: GateProxy;
let dataDir: string;
let service: InspectorService;
const seen: InspectorEvent[] = [];

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  emulator = await startEmulator({ port: 0, seed: 'demo', clock });
  proxy = await startGateProxy(emulator.url);
  dataDir = mkdtempSync(join(tmpdir(), 'aci-runner-'));
  service = new InspectorService({
    backend: { kind: 'endpoint', endpoint: proxy.url, region: 'us-east-1' },
    dataDir,
    clock,
    timeouts: { requestTimeoutMs: 500, connectTimeoutMs: 500 },
  });
  seen.length = 0;
  service.onEvent((e) => seen.push(e));
  process.env.AWS_ACCESS_KEY_ID ??= 'AKIDTEST';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
});

afterEach(async () => {
  service.close();
  await proxy.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const next = (sessionId: string, match?: (e: PollEvent) => boolean) =>
  nextEvent(service, sessionId, match);

async function startWithFirstPoll() {
  const { id, first } = await startDemoSession(service);
  return { sessionId: id, first };
}

const summaryOf = async (sessionId: string): Promise<SessionSummary> =>
  (await service.request('getSession', { sessionId })).session;

/** The emulator's own account of the inspector's polls: how many times each token was presented. */
function tokenUsesAtEmulator(): Map<string, number> {
  const uses = new Map<string, number>();
  for (const r of emulator.context.observations.list(0, 10_000).records)
    if (r.kind === 'poll' && r.tokenIn) uses.set(r.tokenIn, (uses.get(r.tokenIn) ?? 0) + 1);
  return uses;
}

describe('one owner per token chain', () => {
  it('two Poll now clicks at once send two different tokens, each once, one after the other', async () => {
    const { sessionId, first } = await startWithFirstPoll();
    proxy.hold();
    const a = service.request('pollNow', { sessionId });
    const b = service.request('pollNow', { sessionId });
    await proxy.waiting(1);
    // The second click waits its turn in the session's queue instead of racing the first onto the wire.
    expect(proxy.seen.filter((s) => s.startsWith('GET /configuration'))).toHaveLength(2);
    proxy.release();
    const [pa, pb] = await Promise.all([a, b]);
    expect(pa.tokenIn).toBe(first.tokenOut);
    expect(pb.tokenIn).toBe(pa.tokenOut);
    expect([...tokenUsesAtEmulator().values()].every((n) => n === 1)).toBe(true);
    const { session, events } = await service.request('getSession', { sessionId });
    expect(detectAnomalies(session, events, clock.now()).map((x) => x.rule)).not.toContain(
      'tokenReused',
    );
  });

  it('only Replay previous token reuses a token, flagged on that poll alone; the next poll is not stale', async () => {
    const { sessionId, first } = await startWithFirstPoll();
    const replay = await service.request('replayToken', { sessionId });
    // The replay is a side call: the chain's next poll is still planned, and said so.
    expect((await summaryOf(sessionId)).nextPollAt).toBe(first.answeredAt + 60_000);
    const scheduled = next(sessionId, (e) => e.trigger === 'schedule');
    clock.advance(60_000);
    const after = await scheduled;
    expect(after.outcome.type).toBe('unchanged');
    const { session, events } = await service.request('getSession', { sessionId });
    const flags = detectAnomalies(session, events, clock.now());
    expect(flags.filter((f) => f.rule === 'tokenReused').map((f) => f.seq)).toEqual([replay.seq]);
    expect(flags.map((f) => f.rule)).not.toContain('staleToken');
    const reused = [...tokenUsesAtEmulator().values()].filter((n) => n > 1);
    expect(reused).toEqual([2]);
  });
});

describe('nothing waits forever', () => {
  it('a hung endpoint becomes a TimeoutError event within the timeout; the session says when it retries, then recovers', async () => {
    proxy.hold();
    const t0 = performance.now();
    const started = service.request('startSession', DEMO);
    await proxy.waiting(1);
    const [waiting] = await service.request('listSessions', {});
    expect(waiting).toMatchObject({ state: 'starting' });
    expect(waiting!.callInFlightSince).toBeDefined();
    expect(waiting!.nextPollAt).toBeUndefined();
    const summary = await started;
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(summary).toMatchObject({ state: 'retrying', consecutiveFailures: 1 });
    expect(summary.lastError).toMatch(/^TimeoutError: No answer within 0\.5 s/);
    expect(summary.nextPollAt).toBeGreaterThan(clock.now());
    const { events } = await service.request('getSession', { sessionId: summary.id });
    expect(events).toHaveLength(1);
    expect(events[0]!.outcome).toMatchObject({ type: 'error', errorName: 'TimeoutError' });

    proxy.release();
    const firstPoll = next(summary.id, (e) => e.kind === 'poll');
    clock.advance(summary.nextPollAt! - clock.now());
    expect((await firstPoll).outcome.type).toBe('content');
    expect(await summaryOf(summary.id)).toMatchObject({ state: 'polling' });
    const restart = (await service.request('getSession', { sessionId: summary.id })).events[1]!;
    expect(restart).toMatchObject({ kind: 'start', outcome: { type: 'started' } });
    expect(restart.restartReason).toMatch(/transient failure/);
  });
});

describe('no swallowed failure', () => {
  it('a recording that cannot be written (disk full) fails the session with the cause and stops polling', async () => {
    const { sessionId } = await startWithFirstPoll();
    const file = join(dataDir, 'sessions', `${sessionId}.jsonl`);
    unlinkSync(file);
    symlinkSync('/dev/full', file);
    const polled = next(sessionId);
    clock.advance(60_000);
    await polled;
    const summary = await summaryOf(sessionId);
    expect(summary.state).toBe('failed');
    expect(summary.lastError).toMatch(/^RecordingFailed: .*ENOSPC/);
    expect(summary.nextPollAt).toBeUndefined();
    expect(clock.nextDue()).toBeUndefined();
  });

  it('after delete nothing is written or pushed for that session again, while another keeps polling', async () => {
    const { sessionId } = await startWithFirstPoll();
    const { sessionId: control } = await startWithFirstPoll();
    proxy.hold();
    const poll = service.request('pollNow', { sessionId });
    await proxy.waiting(1);
    // Stop and delete are asked while the poll hangs: both wait for it, in order.
    const stop = service.request('stopSession', { sessionId });
    const del = service.request('deleteSession', { sessionId });
    proxy.release();
    await Promise.all([poll, stop, del]);
    const deletedAt = seen.findIndex(
      (e) => e.type === 'sessionDeleted' && e.sessionId === sessionId,
    );
    expect(deletedAt).toBeGreaterThan(-1);
    const file = join(dataDir, 'sessions', `${sessionId}.jsonl`);
    expect(existsSync(file)).toBe(false);

    const controlPoll = next(control, (e) => e.trigger === 'schedule');
    clock.advance(60_000);
    await controlPoll;
    clock.advance(3_600_000);
    await service.request('listSessions', {});
    expect(existsSync(file)).toBe(false);
    const later = seen
      .slice(deletedAt + 1)
      .filter(
        (e) =>
          ('sessionId' in e && e.sessionId === sessionId) ||
          ('session' in e && e.session.id === sessionId),
      );
    expect(later).toEqual([]);
  });
});
