// The protocol contract: one suite of behaviours every transport must show, run against the real service
// on the real emulator. It is what justifies having one protocol with two transports (ARCHITECTURE.md,
// "One protocol, two transports").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import type { InspectorClient } from '../../protocol/client.js';
import { PROTOCOL_VERSION, type InspectorEvent } from '../../protocol/messages.js';
import { InspectorService } from '../inspectorService.js';
import { contentHash } from '../hashing.js';

export interface Connection {
  client: InspectorClient;
  close(): Promise<void>;
}

const demo = {
  applicationIdentifier: 'demo-app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'app-config',
};

export function protocolContract(
  transport: string,
  connect: (service: InspectorService) => Promise<Connection>,
): void {
  describe(`protocol contract over ${transport}`, () => {
    let emulator: RunningEmulator;
    let service: InspectorService;
    let connection: Connection;
    let dataDir: string;
    let client: InspectorClient;

    beforeEach(async () => {
      emulator = await startEmulator({ port: 0, seed: 'demo' });
      dataDir = mkdtempSync(join(tmpdir(), 'aci-contract-'));
      service = new InspectorService({
        backend: { kind: 'emulator', endpoint: emulator.url },
        dataDir,
      });
      connection = await connect(service);
      client = connection.client;
    });

    afterEach(async () => {
      await connection.close();
      service.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    /** Collects pushed events until `done` says the wanted one has arrived. */
    function collect(done: (events: InspectorEvent[]) => boolean): Promise<InspectorEvent[]> {
      const seen: InspectorEvent[] = [];
      return new Promise((resolve) => {
        const off = client.onEvent((event) => {
          seen.push(event);
          if (done(seen)) {
            off();
            resolve(seen);
          }
        });
      });
    }

    it('answers hello with the protocol version and a backend description free of credentials', async () => {
      const hello = await client.request('hello', { protocolVersion: PROTOCOL_VERSION });
      expect(hello).toMatchObject({
        protocolVersion: PROTOCOL_VERSION,
        backend: { kind: 'emulator', endpoint: emulator.url },
      });
      expect(JSON.stringify(hello)).not.toMatch(/AKID|secret|credential/i);
      await expect(
        client.request('hello', { protocolVersion: PROTOCOL_VERSION + 1 }),
      ).rejects.toMatchObject({ code: 'protocolMismatch' });
    });

    it('starts a session and pushes sessionStarted, tokenIssued and configurationReceived in order', async () => {
      const events = collect((seen) => seen.some((e) => e.type === 'configurationReceived'));
      const summary = await client.request('startSession', demo);
      const types = (await events).map((e) => e.type).filter((t) => t !== 'sessionChanged');
      expect(types).toEqual(['sessionStarted', 'tokenIssued', 'configurationReceived']);
      const snapshot = await client.request('getSession', { sessionId: summary.id });
      expect(snapshot.events.map((e) => e.outcome.type)).toEqual(['started', 'content']);
      const received = snapshot.events[1]!.outcome;
      if (received.type !== 'content') throw new Error('expected content');
      const blob = await client.request('getContent', { contentHash: received.contentHash });
      expect(contentHash(Buffer.from(blob.base64, 'base64'))).toBe(received.contentHash);
      expect(blob.contentType).toBe('application/json');
    });

    it('pushes pollUnchanged for a poll that finds nothing new, and pollFailed for an early one', async () => {
      // No minimum interval: the emulator answers an immediate poll, with nothing new.
      const started = collect((seen) => seen.some((e) => e.type === 'configurationReceived'));
      const free = await client.request('startSession', demo);
      await started;
      const unchanged = collect((seen) => seen.some((e) => e.type === 'pollUnchanged'));
      const same = await client.request('pollNow', { sessionId: free.id });
      expect(same.outcome).toMatchObject({ type: 'unchanged' });
      expect((await unchanged).find((e) => e.type === 'pollUnchanged')).toMatchObject({
        sessionId: free.id,
        event: { seq: same.seq },
      });
      // A 15 s minimum interval: polling again at once is too early.
      const restarted = collect((seen) =>
        seen.some((e) => e.type === 'configurationReceived' && e.sessionId !== free.id),
      );
      const strict = await client.request('startSession', {
        ...demo,
        requiredMinimumPollIntervalInSeconds: 15,
      });
      await restarted;
      const failed = collect((seen) => seen.some((e) => e.type === 'pollFailed'));
      const early = await client.request('pollNow', { sessionId: strict.id });
      expect(early.outcome).toMatchObject({ type: 'error', message: 'Request too early' });
      expect((await failed).find((e) => e.type === 'pollFailed')).toMatchObject({
        sessionId: strict.id,
        event: { seq: early.seq },
      });
    });

    it('marks a deliberate replay of a spent token as a replay', async () => {
      const started = collect((seen) => seen.some((e) => e.type === 'configurationReceived'));
      const session = await client.request('startSession', demo);
      await started;
      const replayed = await client.request('replayToken', { sessionId: session.id });
      expect(replayed.trigger).toBe('replay');
    });

    it('settles every failure as an error envelope with a precise message', async () => {
      await expect(client.request('getSession', { sessionId: 'nope' })).rejects.toMatchObject({
        code: 'notFound',
        message: 'No session nope.',
      });
      await expect(
        client.request('startSession', { ...demo, requiredMinimumPollIntervalInSeconds: 3 }),
      ).rejects.toMatchObject({
        code: 'invalidParams',
        message: expect.stringMatching(/between 15 and 86400/),
      });
      await expect(
        client.request('startSession', { ...demo, applicationIdentifier: 'missing-app' }),
      ).rejects.toMatchObject({
        code: 'awsError',
        awsErrorName: 'ResourceNotFoundException',
        message: expect.stringContaining('missing-app'),
      });
      // An untyped caller can send anything; the Node side must still answer.
      const raw = client.request as (m: string, p: unknown) => Promise<unknown>;
      await expect(raw('dropTables', {})).rejects.toMatchObject({
        code: 'unknownMethod',
        message: 'Unknown method "dropTables".',
      });
      await expect(raw('pollNow', { sessionId: 7 })).rejects.toMatchObject({
        code: 'invalidParams',
        message: expect.stringContaining('"sessionId"'),
      });
    });

    it('carries a reveal request to an open page, and to the next hello of one still loading', async () => {
      const started = collect((seen) => seen.some((e) => e.type === 'configurationReceived'));
      const session = await client.request('startSession', demo);
      await started;
      const revealed = collect((seen) => seen.some((e) => e.type === 'sessionRevealed'));
      service.reveal(session.id);
      expect((await revealed).find((e) => e.type === 'sessionRevealed')).toEqual({
        type: 'sessionRevealed',
        sessionId: session.id,
      });
      const hello = await client.request('hello', { protocolVersion: PROTOCOL_VERSION });
      expect(hello.revealSessionId).toBe(session.id);
      const again = await client.request('hello', { protocolVersion: PROTOCOL_VERSION });
      expect(again.revealSessionId).toBeUndefined();
      expect(() => service.reveal('no-such-session')).toThrow(/No session/);
    });

    it('lists sessions and resources', async () => {
      const started = collect((seen) => seen.some((e) => e.type === 'configurationReceived'));
      await client.request('startSession', demo);
      await started;
      const sessions = await client.request('listSessions', {});
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({
        state: 'polling',
        pollCount: 1,
        currentVersionLabel: 'v1.1.0',
      });
      const apps = await client.request('listResources', { kind: 'applications' });
      expect(apps.map((a) => a.name)).toContain('demo-app');
    });

    it('carries the Deployments methods: results, and a refused document with its line', async () => {
      const apps = await client.request('listResources', { kind: 'applications' });
      const applicationId = apps.find((a) => a.name === 'demo-app')!.id;
      const profiles = await client.request('listResources', {
        kind: 'configurationProfiles',
        applicationId,
      });
      const ref = { applicationId, configurationProfileId: profiles[0]!.id };
      const strategies = await client.request('listDeploymentStrategies', {});
      expect(strategies.find((s) => s.id === 'AppConfig.AllAtOnce')?.predefined).toBe(true);
      const before = await client.request('listHostedVersions', ref);
      await expect(
        client.request('createHostedVersion', {
          ...ref,
          content: '{\n  "a": 1,\n}',
          format: 'json',
        }),
      ).rejects.toMatchObject({
        code: 'invalidParams',
        message: expect.stringMatching(/^Invalid JSON document at line 3, column 1: /),
      });
      expect(await client.request('listHostedVersions', ref)).toEqual(before);
    });

    it('carries the fleet methods and events; a fleet is one entry, its members open as sessions', async () => {
      const changed = collect((seen) => seen.some((e) => e.type === 'fleetChanged'));
      const fleet = await client.request('startFleet', { ...demo, size: 3 });
      const seen = await changed;
      expect(seen.find((e) => e.type === 'fleetStarted')).toEqual({
        type: 'fleetStarted',
        fleet,
      });
      // Members' own events stay inside the service; only the fleet's cross the wire.
      expect(seen.filter((e) => !e.type.startsWith('fleet'))).toEqual([]);
      expect(await client.request('listSessions', {})).toEqual([]);
      const listed = await client.request('listFleets', {});
      expect(listed.map((f) => f.id)).toEqual([fleet.id]);
      // The list entry's split crosses the wire in the summary (no getFleet needed for it).
      expect(listed[0]!.held.map((v) => v.versionLabel)).toEqual(['v1.1.0']);
      const snapshot = await client.request('getFleet', { fleetId: fleet.id });
      expect(snapshot.members).toHaveLength(3);
      // Members 2 and 3 start spread over the first minute: only the first surely holds a version yet.
      expect(snapshot.versions[0]?.versionLabel).toBe('v1.1.0');
      expect(snapshot.fleet.held).toEqual(snapshot.versions.filter((v) => v.holders > 0));
      const member = await client.request('getSession', {
        sessionId: snapshot.members[0]!.sessionId,
      });
      expect(member.session).toMatchObject({ fleetId: fleet.id, currentVersionLabel: 'v1.1.0' });
      await expect(client.request('startFleet', { ...demo, size: 0 })).rejects.toMatchObject({
        code: 'invalidParams',
        message: '"size" must be between 1 and 1000 (got 0).',
      });
      expect(await client.request('stopFleet', { fleetId: fleet.id })).toMatchObject({
        state: 'stopped',
        memberStates: { stopped: 3 },
      });
      const deleted = collect((all) => all.some((e) => e.type === 'fleetDeleted'));
      await client.request('deleteFleet', { fleetId: fleet.id });
      expect((await deleted).at(-1)).toEqual({ type: 'fleetDeleted', fleetId: fleet.id });
    });
  });
}
