// Memory stays bounded for sessions that run for days: a session holds its newest events (the ledger window)
// and its newest full tokens in memory, while the recording on disk keeps everything, so an export is
// still whole. Real service on the real emulator; a fake clock makes the polls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PollEvent } from '../core/ledger.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { InspectorService } from './inspectorService.js';
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

function polls(sessionId: string, n: number): Promise<void> {
  let seen = 0;
  return new Promise((resolve) => {
    const off = service.onEvent((e) => {
      if ('event' in e && e.sessionId === sessionId && e.event.kind === 'poll' && ++seen === n) {
        off();
        resolve();
      }
    });
  });
}

describe('a long session', () => {
  it('holds only its newest events and tokens in memory; the recording and an export keep them all', async () => {
    const first = new Promise<PollEvent>((resolve) => {
      const off = service.onEvent((e) => {
        if ('event' in e && e.event.kind === 'poll') {
          off();
          resolve(e.event);
        }
      });
    });
    const { id } = await service.request('startSession', {
      applicationIdentifier: 'demo-app',
      environmentIdentifier: 'dev',
      configurationProfileIdentifier: 'app-config',
    });
    const oldest = await first;
    const total = 3 * WINDOW;
    for (let i = 1; i < total; i++) {
      const next = polls(id, 1);
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
