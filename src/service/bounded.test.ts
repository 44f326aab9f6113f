// Memory stays bounded for sessions that run for days: a session holds its newest events (the ledger window)
// and its newest full tokens in memory, while the recording on disk keeps everything, so an export is
// still whole. Real service on the real emulator; a fake clock makes the polls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { InspectorService } from './inspectorService.js';
import { nextEvent, startDemoSession } from './test/demoSession.js';
import { FakeClock } from './test/fakeClock.js';
import { MAX_HELD_TOKENS } from './tokenStore.js';

const WINDOW = 20;
let clock: FakeClock;
let emulator: RunningEmulator;
let dataDir: string;
let service: InspectorService;

const newService = () =>
  new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir,
    clock,
    observe: false,
    ledgerWindow: WINDOW,
  });

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  emulator = await startEmulator({ port: 0, seed: 'demo', clock });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-bounded-'));
  service = newService();
});

afterEach(async () => {
  service.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a long session', () => {
  it('holds only its newest events and tokens in memory; the recording and an export keep them all', async () => {
    const { id, first: oldest } = await startDemoSession(service);
    const total = 3 * WINDOW;
    for (let i = 1; i < total; i++) {
      const next = nextEvent(service, id, (e) => e.kind === 'poll');
      clock.advance(60_000);
      await next;
    }
    const { session, events } = await service.request('getSession', { sessionId: id });
    expect(session.pollCount).toBe(total);
    expect(events.length).toBeLessThanOrEqual(WINDOW + WINDOW / 10);
    expect(events.at(-1)!.seq).toBe(total); // the start is seq 0
    expect(session.firstHeldSeq).toBe(events[0]!.seq);

    await expect(
      service.request('getRawResponse', { sessionId: id, seq: oldest.seq }),
    ).rejects.toThrow(/older than the \d+ held in memory; it is in the session's recording file/);
    const recent = await service.request('getRawResponse', { sessionId: id, seq: total });
    expect(recent.headers['Next-Poll-Configuration-Token']).not.toMatch(/no longer held/);
    const older = await service.request('getRawResponse', {
      sessionId: id,
      seq: total - MAX_HELD_TOKENS - 2,
    });
    expect(older.headers['Next-Poll-Configuration-Token']).toMatch(/token no longer held/);

    const recording = await service.request('exportSession', { sessionId: id });
    expect(recording.events.map((e) => e.seq)).toEqual([...Array(total + 1).keys()]);

    service.close();
    service = newService();
    const restored = await service.request('getSession', { sessionId: id });
    expect(restored.session.pollCount).toBe(total);
    expect(restored.events.length).toBe(WINDOW);
    expect(restored.events.at(-1)).toEqual(events.at(-1));
  });
});
