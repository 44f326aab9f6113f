// Someone else's app pointed at the embedded emulator: its sessions appear in the inspector as 'observed',
// with the same ledger and flags as our own, and the inspector's own calls are not counted twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { dataClient } from '../emulator/test/support.js';
import { detectAnomalies } from '../core/anomalies.js';
import type { SessionSummary } from '../protocol/messages.js';
import { InspectorService } from './inspectorService.js';

let emulator: RunningEmulator;
let service: InspectorService;
let dataDir: string;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-observed-'));
  service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir,
  });
});

afterEach(async () => {
  service.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Waits until the service has folded every observation into its ledgers and `ready` holds. */
async function until(ready: (sessions: SessionSummary[]) => boolean): Promise<SessionSummary[]> {
  for (let i = 0; i < 100; i++) {
    await service.observationsSettled();
    const sessions = await service.request('listSessions', {});
    if (ready(sessions)) return sessions;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('observations did not arrive');
}

const demo = {
  ApplicationIdentifier: 'demo-app',
  EnvironmentIdentifier: 'dev',
  ConfigurationProfileIdentifier: 'app-config',
};

describe('observed sessions', () => {
  it("records an app's polls with content, and flags its replayed token", async () => {
    const app = dataClient(emulator.url);
    const { InitialConfigurationToken: t0 } = await app.send(
      new StartConfigurationSessionCommand(demo),
    );
    const first = await app.send(new GetLatestConfigurationCommand({ ConfigurationToken: t0 }));
    await app.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }),
    );
    await app.send(new GetLatestConfigurationCommand({ ConfigurationToken: t0 })); // a reuse AWS accepts
    app.destroy();

    const [observed] = await until((s) =>
      s.some((x) => x.origin === 'observed' && x.pollCount === 3),
    );
    expect(observed).toMatchObject({
      origin: 'observed',
      readOnly: true,
      applicationIdentifier: 'demo-app',
      currentVersionLabel: 'v1.1.0',
    });
    expect(observed!.client).toMatch(/aws-sdk-js.* @ 127\.0\.0\.1/);
    const { events, session } = await service.request('getSession', { sessionId: observed!.id });
    expect(events.map((e) => e.outcome.type)).toEqual([
      'started',
      'content',
      'unchanged',
      'content',
    ]);
    expect(events[3]!.tokenIn).toBe(events[1]!.tokenIn);
    const content = events[1]!.outcome;
    if (content.type !== 'content') throw new Error('expected content');
    const blob = await service.request('getContent', { contentHash: content.contentHash });
    expect(JSON.parse(Buffer.from(blob.base64, 'base64').toString())).toMatchObject({
      logLevel: 'debug',
    });
    const titles = detectAnomalies(session, events, Date.now()).map((a) => a.title);
    expect(titles).toContain('Token reused');
    await expect(service.request('pollNow', { sessionId: observed!.id })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it("shows an app's refused start and unreadable tokens, and never doubles the inspector's own session", async () => {
    await service.request('startSession', {
      applicationIdentifier: 'demo-app',
      environmentIdentifier: 'dev',
      configurationProfileIdentifier: 'app-config',
    });
    const app = dataClient(emulator.url);
    await expect(
      app.send(
        new StartConfigurationSessionCommand({ ...demo, ApplicationIdentifier: 'no-such-app' }),
      ),
    ).rejects.toThrow();
    await expect(
      app.send(new GetLatestConfigurationCommand({ ConfigurationToken: 'not-a-real-token' })),
    ).rejects.toThrow();
    app.destroy();
    const sessions = await until((s) => s.filter((x) => x.origin === 'observed').length === 2);
    expect(sessions.filter((s) => s.origin === 'inspector')).toHaveLength(1);
    const refused = sessions.find((s) => s.applicationIdentifier === 'no-such-app')!;
    expect(refused).toMatchObject({
      origin: 'observed',
      state: 'failed',
      lastError: expect.stringMatching(/ResourceNotFoundException/),
    });
    const unreadable = sessions.find((s) => s.applicationIdentifier === '(unreadable token)')!;
    const { events } = await service.request('getSession', { sessionId: unreadable.id });
    expect(events[0]!.outcome).toMatchObject({
      type: 'error',
      errorName: 'BadRequestException',
      problem: 'Corrupted',
    });
  });
});
