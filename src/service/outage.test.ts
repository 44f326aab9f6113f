// An endpoint that goes away and comes back: the emulator is stopped while the inspector polls, so the
// outage is on the timeline as failed calls with the session retrying; a new emulator on the same port does
// not know the old token, so the session starts a new chain and says why. Real SDK, real HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PollEvent } from '../core/ledger.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { InspectorService } from './inspectorService.js';
import { nextEvent, startDemoSession } from './test/demoSession.js';
import { FakeClock } from './test/fakeClock.js';

let clock: FakeClock;
let emulator: RunningEmulator;
let dataDir: string;
let service: InspectorService;

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  emulator = await startEmulator({ port: 0, seed: 'demo', clock });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-outage-'));
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

const next = (sessionId: string, match?: (e: PollEvent) => boolean) =>
  nextEvent(service, sessionId, match);

describe('an endpoint outage', () => {
  it('is on the timeline while the session retries, then a new chain starts, marked as a restart', async () => {
    const { id } = await startDemoSession(service);
    const port = emulator.port;
    await emulator.close();

    const failed = next(id);
    clock.advance(60_000);
    expect((await failed).outcome).toMatchObject({ type: 'error', errorName: 'ECONNREFUSED' });
    const down = (await service.request('getSession', { sessionId: id })).session;
    expect(down.state).toBe('retrying');
    expect(down.nextPollAt).toBeGreaterThan(clock.now());

    emulator = await startEmulator({ port, seed: 'demo', clock });
    const refused = next(id);
    clock.advance(down.nextPollAt! - clock.now());
    // The new emulator cannot read a token the old one sealed.
    expect((await refused).outcome).toMatchObject({ type: 'error', problem: 'Corrupted' });
    const restarted = next(id);
    const content = next(id, (e) => e.outcome.type === 'content');
    const start = await restarted;
    expect(start).toMatchObject({ kind: 'start', outcome: { type: 'started' } });
    expect(start.restartReason).toBe('token corrupted: start a new session');
    expect((await content).kind).toBe('poll');
    const { session, events } = await service.request('getSession', { sessionId: id });
    expect(session.state).toBe('polling');
    expect(events.map((e) => `${e.kind}:${e.outcome.type}`)).toEqual([
      'start:started',
      'poll:content',
      'poll:error',
      'poll:error',
      'start:started',
      'poll:content',
    ]);
  });
});
