// Observed sessions end and stay bounded: an app that goes quiet is shown idle, then ended; the list keeps at
// most a set number of observed sessions, refused starts of a crash-looping app share a session, and a
// deleted observed session is never written again. Real SDK apps against the real emulator; a fake clock
// drives the service's idle timers.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
  type AppConfigDataClient,
} from '@aws-sdk/client-appconfigdata';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { dataClient } from '../emulator/test/support.js';
import type { InspectorEvent, SessionSummary } from '../protocol/messages.js';
import { InspectorService } from './inspectorService.js';
import { FakeClock } from './test/fakeClock.js';

let emulator: RunningEmulator;
let service: InspectorService;
let clock: FakeClock;
let dataDir: string;
let app: AppConfigDataClient;
const pushed: InspectorEvent[] = [];

const demo = {
  ApplicationIdentifier: 'demo-app',
  EnvironmentIdentifier: 'dev',
  ConfigurationProfileIdentifier: 'app-config',
};

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  emulator = await startEmulator({ port: 0, seed: 'demo' });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-observed-life-'));
  service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir,
    clock,
    observedLimits: { maxSessions: 3, maxRefusedEvents: 4 },
  });
  pushed.length = 0;
  service.onEvent((e) => pushed.push(e));
  app = dataClient(emulator.url);
});

afterEach(async () => {
  app.destroy();
  service.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Waits (bounded) until every observation so far is folded in and `ready` holds. */
async function until(ready: (s: SessionSummary[]) => boolean): Promise<SessionSummary[]> {
  for (let i = 0; i < 200; i++) {
    await service.observationsSettled();
    const sessions = (await service.request('listSessions', {})).filter(
      (s) => s.origin === 'observed',
    );
    if (ready(sessions)) return sessions;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('observations did not arrive in time');
}

async function appSession(): Promise<string> {
  const { InitialConfigurationToken } = await app.send(new StartConfigurationSessionCommand(demo));
  const first = await app.send(
    new GetLatestConfigurationCommand({ ConfigurationToken: InitialConfigurationToken }),
  );
  return first.NextPollConfigurationToken!;
}

describe('observed sessions end and stay bounded', () => {
  it('shows a quiet app idle after 3 of its intervals, ended after 10, and polling again when it returns', async () => {
    const next = await appSession();
    const [observed] = await until((s) => s.length === 1 && s[0]!.pollCount === 1);
    expect(observed!.state).toBe('polling');
    clock.advance(3 * 60_000);
    expect((await until(() => true))[0]!.state).toBe('idle');
    clock.advance(7 * 60_000);
    const [ended] = await until(() => true);
    expect(ended!.state).toBe('ended');
    expect(pushed.some((e) => e.type === 'sessionEnded' && e.session.id === observed!.id)).toBe(
      true,
    );
    await app.send(new GetLatestConfigurationCommand({ ConfigurationToken: next }));
    const [back] = await until((s) => s[0]!.pollCount === 2);
    expect(back!.state).toBe('polling');
  });

  it('keeps at most the configured number of observed sessions, evicting the longest quiet first', async () => {
    for (let i = 0; i < 5; i++) {
      await appSession();
      clock.advance(1_000);
    }
    const sessions = await until((s) => s.length === 3 && s.every((x) => x.pollCount === 1));
    const deleted = pushed.filter((e) => e.type === 'sessionDeleted');
    expect(deleted).toHaveLength(2);
    for (const e of deleted) {
      if (e.type !== 'sessionDeleted') continue;
      expect(sessions.map((s) => s.id)).not.toContain(e.sessionId);
      expect(existsSync(join(dataDir, 'sessions', `${e.sessionId}.jsonl`))).toBe(false);
    }
  });

  it("folds a crash-looping app's refused starts into one session, rolling over at the cap", async () => {
    for (let i = 0; i < 6; i++) {
      await expect(
        app.send(new StartConfigurationSessionCommand({ ...demo, ApplicationIdentifier: 'nope' })),
      ).rejects.toThrow();
    }
    const eventCounts = (s: SessionSummary[]) =>
      s.map((x) => service.request('getSession', { sessionId: x.id }));
    let counts: number[] = [];
    const sessions = await until((s) => s.length === 2);
    for (let i = 0; i < 200 && counts.reduce((a, b) => a + b, 0) < 6; i++) {
      await service.observationsSettled();
      counts = (await Promise.all(eventCounts(sessions))).map((x) => x.events.length);
      if (counts.reduce((a, b) => a + b, 0) < 6) await new Promise((r) => setTimeout(r, 10));
    }
    expect(counts.sort()).toEqual([2, 4]);
    expect(sessions.every((s) => s.state === 'failed')).toBe(true);
  });

  it('never writes a deleted observed session again, though its app keeps polling', async () => {
    const next = await appSession();
    const [observed] = await until((s) => s.length === 1 && s[0]!.pollCount === 1);
    await service.request('deleteSession', { sessionId: observed!.id });
    const file = join(dataDir, 'sessions', `${observed!.id}.jsonl`);
    expect(existsSync(file)).toBe(false);
    await app.send(new GetLatestConfigurationCommand({ ConfigurationToken: next }));
    // A second app session proves observations kept flowing after the delete.
    await appSession();
    const sessions = await until((s) => s.length === 1 && s[0]!.pollCount === 1);
    expect(sessions[0]!.id).not.toBe(observed!.id);
    expect(existsSync(file)).toBe(false);
  });
});
