// Service + real emulator over HTTP through the real AWS SDK; one fake clock drives both the poll loop and
// the emulator's notion of time, so intervals, early polls and deployments are exercised without waiting.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateHostedConfigurationVersionCommand,
  StartDeploymentCommand,
} from '@aws-sdk/client-appconfig';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { controlClient } from '../emulator/test/support.js';
import type { PollEvent } from '../core/ledger.js';
import type { InspectorEvent } from '../protocol/messages.js';
import { ProtocolError } from '../protocol/messages.js';
import { InspectorService } from './inspectorService.js';
import { FakeClock } from './test/fakeClock.js';

let clock: FakeClock;
let emulator: RunningEmulator;
let dataDir: string;
let service: InspectorService;

const demo = {
  applicationIdentifier: 'demo-app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'app-config',
};

function newService() {
  return new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir,
    clock,
  });
}

/** Resolves with the next ledger event of `sessionId` that matches. */
function nextEvent(
  svc: InspectorService,
  sessionId: string,
  match: (e: PollEvent) => boolean = () => true,
): Promise<PollEvent> {
  return new Promise((resolve) => {
    const off = svc.onEvent((event: InspectorEvent) => {
      if ('event' in event && event.sessionId === sessionId && match(event.event)) {
        off();
        resolve(event.event);
      }
    });
  });
}

beforeEach(async () => {
  clock = new FakeClock(Date.now());
  emulator = await startEmulator({ port: 0, seed: 'demo', clock });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-service-'));
  service = newService();
});

afterEach(async () => {
  service.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('InspectorService against the emulator', () => {
  it('starts a session, receives content, then polls unchanged on the returned interval', async () => {
    const { sessionId, first } = await start();
    expect(first.outcome).toMatchObject({
      type: 'content',
      versionLabel: 'v1.1.0',
      contentType: 'application/json',
    });
    expect(first.intervalSeconds).toBe(60);
    const content = await service.request('getContent', {
      contentHash: (first.outcome as { contentHash: string }).contentHash,
    });
    expect(JSON.parse(Buffer.from(content.base64, 'base64').toString())).toMatchObject({
      logLevel: 'debug',
    });

    const summary = (await service.request('listSessions', {}))[0]!;
    expect(summary.nextPollAt).toBe(first.answeredAt + 60_000);
    const unchanged = nextEvent(service, sessionId);
    clock.advance(60_000);
    const second = await unchanged;
    expect(second).toMatchObject({
      trigger: 'schedule',
      tokenIn: first.tokenOut,
      outcome: { type: 'unchanged' },
    });
    expect(second.scheduledAt).toBe(first.answeredAt + 60_000);
  });

  it('sees a newly deployed version arrive on the next scheduled poll', async () => {
    const { sessionId } = await start();
    const control = controlClient(emulator.url);
    const apps = emulator.context.store;
    const app = apps.findApplication('demo-app')!;
    const profile = apps.findProfile(app.Id, 'app-config')!;
    const env = apps.findEnvironment(app.Id, 'dev')!;
    const created = await control.send(
      new CreateHostedConfigurationVersionCommand({
        ApplicationId: app.Id,
        ConfigurationProfileId: profile.Id,
        ContentType: 'application/json',
        VersionLabel: 'v2.0.0',
        Content: new TextEncoder().encode('{"logLevel":"warn"}'),
      }),
    );
    await control.send(
      new StartDeploymentCommand({
        ApplicationId: app.Id,
        EnvironmentId: env.Id,
        ConfigurationProfileId: profile.Id,
        ConfigurationVersion: String(created.VersionNumber),
        DeploymentStrategyId: 'AppConfig.AllAtOnce',
      }),
    );
    control.destroy();
    const arrived = nextEvent(service, sessionId);
    clock.advance(60_000);
    expect((await arrived).outcome).toMatchObject({ type: 'content', versionLabel: 'v2.0.0' });
  });

  it('replays a spent token on request and keeps the chain on its newest token', async () => {
    const { sessionId, first } = await start();
    const replay = await service.request('replayToken', { sessionId });
    expect(replay).toMatchObject({ trigger: 'replay', tokenIn: first.tokenIn });
    // AWS answers a replay from the token's own state: the session held nothing then, so content again.
    expect(replay.outcome.type).toBe('content');
    const next = nextEvent(service, sessionId);
    clock.advance(60_000);
    expect((await next).tokenIn).toBe(first.tokenOut);
  });

  it('records "Request too early" when polling before the required minimum, and retries the same token', async () => {
    const { sessionId, first } = await start({ requiredMinimumPollIntervalInSeconds: 30 });
    expect(first.intervalSeconds).toBe(30);
    const early = await service.request('pollNow', { sessionId });
    expect(early.trigger).toBe('early');
    expect(early.outcome).toMatchObject({
      type: 'error',
      errorName: 'BadRequestException',
      message: 'Request too early',
      problem: 'PollIntervalNotSatisfied',
    });
    const retry = nextEvent(service, sessionId);
    clock.advance(31_000);
    const after = await retry;
    expect(after.tokenIn).toBe(first.tokenOut);
    expect(after.outcome.type).toBe('unchanged');
  });

  it('restarts the chain with a new session when the token has expired', async () => {
    const { sessionId } = await start();
    service.request('pauseSession', { sessionId });
    clock.advance(25 * 3600_000);
    const restarted = nextEvent(service, sessionId, (e) => e.kind === 'start');
    const expired = nextEvent(service, sessionId, (e) => e.outcome.type === 'error');
    const content = nextEvent(
      service,
      sessionId,
      (e) => e.kind === 'poll' && e.outcome.type === 'content',
    );
    await service.request('resumeSession', { sessionId });
    // Each step of the recovery is scheduled "now" on the fake clock: keep firing until it is done.
    expect((await drive(expired)).outcome).toMatchObject({
      errorName: 'BadRequestException',
      problem: 'Expired',
    });
    expect((await drive(restarted)).outcome.type).toBe('started');
    expect((await drive(content)).trigger).toBe('schedule');
  });

  it('fails a session whose application does not exist, with the AWS error', async () => {
    await expect(
      service.request('startSession', { ...demo, applicationIdentifier: 'nope' }),
    ).rejects.toMatchObject({
      code: 'awsError',
      awsErrorName: 'ResourceNotFoundException',
    });
    const [failed] = await service.request('listSessions', {});
    expect(failed).toMatchObject({ state: 'failed', applicationIdentifier: 'nope' });
  });

  it('refuses malformed requests with precise messages', async () => {
    await expect(
      service.handle('startSession', { ...demo, requiredMinimumPollIntervalInSeconds: 5 }),
    ).rejects.toThrow(/requiredMinimumPollIntervalInSeconds" must be between 15 and 86400/);
    await expect(
      service.handle('startSession', { ...demo, applicationIdentifier: '' }),
    ).rejects.toBeInstanceOf(ProtocolError);
    await expect(service.handle('nope', {})).rejects.toMatchObject({ code: 'unknownMethod' });
    await expect(service.handle('getSession', { sessionId: 'missing' })).rejects.toMatchObject({
      code: 'notFound',
    });
    await expect(service.handle('importRecording', { recording: { format: 'x' } })).rejects.toThrow(
      /format must be "appconfig-inspector-recording"/,
    );
  });

  it('restores recorded sessions after a restart with every event, and resumes the polling ones', async () => {
    const { sessionId, first } = await start();
    const before = await service.request('getSession', { sessionId });
    service.close();
    service = newService();
    const after = await service.request('getSession', { sessionId });
    expect(after.session).toMatchObject({
      state: 'polling',
      nextPollAt: first.answeredAt + 60_000,
    });
    expect(after.events).toEqual(before.events);
    const next = nextEvent(service, sessionId);
    clock.advance(60_000);
    // The emulator still knows the chain, so the resumed session continues with the recorded token.
    expect(await next).toMatchObject({ tokenIn: first.tokenOut, outcome: { type: 'unchanged' } });
  });

  it('keeps a paused session paused across a restart until the user resumes it', async () => {
    const { sessionId } = await start();
    await service.request('pauseSession', { sessionId });
    service.close();
    service = newService();
    const after = await service.request('getSession', { sessionId });
    expect(after.session.state).toBe('paused');
    expect(after.session.nextPollAt).toBeUndefined();
    await service.request('resumeSession', { sessionId });
    const next = nextEvent(service, sessionId);
    clock.advance(60_000);
    expect((await next).outcome.type).toBe('unchanged');
  });

  it('exports a recording and imports it read-only with contents intact', async () => {
    const { sessionId, first } = await start();
    const recording = await service.request('exportSession', { sessionId });
    expect(recording).toMatchObject({ format: 'appconfig-inspector-recording', version: 1 });
    expect(recording.contents).toHaveLength(1);
    const imported = await service.request('importRecording', {
      recording: JSON.parse(JSON.stringify(recording)),
    });
    expect(imported).toMatchObject({ readOnly: true, state: 'stopped', pollCount: 1 });
    const snapshot = await service.request('getSession', { sessionId: imported.id });
    expect(snapshot.events.map((e) => e.outcome.type)).toEqual(['started', 'content']);
    await expect(service.request('pollNow', { sessionId: imported.id })).rejects.toMatchObject({
      code: 'conflict',
    });
    const tampered = { ...recording, contents: [{ ...recording.contents[0]!, base64: 'AAAA' }] };
    await expect(service.handle('importRecording', { recording: tampered })).rejects.toThrow(
      /does not match its hash/,
    );
    expect(first.kind).toBe('poll');
  });

  it('lists control-plane resources for the pickers', async () => {
    const apps = await service.request('listResources', { kind: 'applications' });
    const app = apps.find((a) => a.name === 'demo-app')!;
    const envs = await service.request('listResources', {
      kind: 'environments',
      applicationId: app.id,
    });
    expect(envs.map((e) => e.name).sort()).toEqual(['dev', 'prod']);
  });
});

/** Fires due fake-clock timers until `promise` settles (the HTTP in between runs on real time). */
async function drive<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  void promise.finally(() => (done = true));
  while (!done) {
    clock.advance(0);
    await new Promise((r) => setTimeout(r, 5));
  }
  return promise;
}

async function start(extra: { requiredMinimumPollIntervalInSeconds?: number } = {}) {
  const firstPoll = new Promise<PollEvent>((resolve) => {
    const off = service.onEvent((e) => {
      if ('event' in e && e.event.kind === 'poll') {
        off();
        resolve(e.event);
      }
    });
  });
  const summary = await service.request('startSession', { ...demo, ...extra });
  return { sessionId: summary.id, first: await firstPoll };
}
