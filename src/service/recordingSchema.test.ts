// Importing a recording checks every field: starting from a valid recording made by the real service on the
// real emulator, each case breaks one thing and expects the precise error naming the field path, and no
// refused file changes the data directory. The per-field cases are derived by walking the schema itself,
// so a field added to the format is tested without editing a table here.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { PollEvent } from '../core/ledger.js';
import { ProtocolError, type Recording } from '../protocol/messages.js';
import { InspectorService } from './inspectorService.js';
import { recordingSchemaV1 } from './recordingSchema.js';
import { FakeClock } from './test/fakeClock.js';
import { casesFor, type Case } from './test/schemaCases.js';

let emulator: RunningEmulator;
let dataDir: string;
let service: InspectorService;
let valid: Recording;

/** Every file under the data directory with its bytes, to prove a refusal wrote nothing. */
function snapshot(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (path: string, name: string) => {
    if (statSync(path).isDirectory())
      for (const child of readdirSync(path).sort()) walk(join(path, child), `${name}/${child}`);
    else files[name] = readFileSync(path, 'base64');
  };
  walk(dataDir, '.');
  return files;
}

beforeAll(async () => {
  const clock = new FakeClock(Date.now());
  emulator = await startEmulator({ port: 0, seed: 'demo', clock });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-schema-'));
  service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir,
    clock,
    observe: false,
  });
  const next = (sessionId: string, match: (e: PollEvent) => boolean) =>
    new Promise<PollEvent>((resolve) => {
      const off = service.onEvent((e) => {
        if ('event' in e && e.sessionId === sessionId && match(e.event)) {
          off();
          resolve(e.event);
        }
      });
    });
  const application = {
    applicationIdentifier: 'demo-app',
    environmentIdentifier: 'dev',
    configurationProfileIdentifier: 'app-config',
    requiredMinimumPollIntervalInSeconds: 30,
  };
  // A content poll follows the start on its own; the session id is known only once startSession answers,
  // so wait for the event by kind.
  const content = new Promise<PollEvent>((resolve) => {
    const off = service.onEvent((e) => {
      if ('event' in e && e.event.outcome.type === 'content') {
        off();
        resolve(e.event);
      }
    });
  });
  const { id } = await service.request('startSession', application);
  await content;
  // Too early: an error event with AWS's details.
  await service.request('pollNow', { sessionId: id });
  const unchanged = next(id, (e) => e.outcome.type === 'unchanged');
  clock.advance(31_000);
  await unchanged;
  await service.request('stopSession', { sessionId: id });
  valid = JSON.parse(JSON.stringify(await service.request('exportSession', { sessionId: id })));
});

afterAll(async () => {
  service.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const derived: Case[] = [];
const refuse = (r: unknown) => service.handle('importRecording', { recording: r });

describe('importRecording validation', () => {
  it('accepts the valid recording made by the service, with every outcome type in it', async () => {
    expect(valid.events.map((e) => e.outcome.type)).toEqual([
      'started',
      'content',
      'error',
      'unchanged',
    ]);
    const imported = await service.request('importRecording', {
      recording: structuredClone(valid),
    });
    const again = await service.request('exportSession', { sessionId: imported.id });
    expect(again.events).toEqual(valid.events.map((e) => ({ ...e, sessionId: imported.id })));
    expect(again.contents).toEqual(valid.contents);
  });

  it('refuses a change to any field of the schema, naming its path, and writes nothing', async () => {
    casesFor(recordingSchemaV1, valid, [], derived);
    // Sanity: the walk reached the nested outcome variants and the contents.
    const names = derived.map((c) => c.name);
    for (const name of [
      'events[1].outcome.size below the minimum',
      'events[2].outcome.details too deep',
      'events[0].outcome.type unknown',
      'contents[0].contentHash off-pattern',
      'session.state not a member',
      'events[3].outcome.contentType too long',
    ])
      expect(names).toContain(name);
    const before = snapshot();
    const sessions = await service.request('listSessions', {});
    for (const c of derived) {
      const recording = structuredClone(valid) as unknown as Record<string, unknown>;
      c.mutate(recording);
      const error = await refuse(recording).then(
        () => new Error(`${c.name}: accepted`),
        (e: unknown) => e,
      );
      expect([c.name, error]).toEqual([
        c.name,
        new ProtocolError('invalidParams', `Not a valid recording: ${c.message}.`),
      ]);
    }
    expect(snapshot()).toEqual(before);
    expect(await service.request('listSessions', {})).toEqual(sessions);
  });

  it('words the common failures plainly', async () => {
    const cases: [string, (r: Recording) => void, string][] = [
      [
        'size',
        (r) => ((r.events[1]!.outcome as { size: number }).size = -1),
        'events[1].outcome.size must be a non-negative integer',
      ],
      [
        'version',
        (r) => ((r as { version: number }).version = 2),
        'version is 2; this build reads version 1',
      ],
      [
        'format',
        (r) => ((r as { format: string }).format = 'x'),
        'format must be "appconfig-inspector-recording"',
      ],
      [
        'seq',
        (r) => (r.events[2]!.seq = 7),
        'events[2].seq must be 2 (events are numbered from 0 without gaps)',
      ],
      [
        'session',
        (r) => (r.events[3]!.sessionId = 'other'),
        `events[3].sessionId must be the session's id "${valid.session.id}"`,
      ],
      [
        'kind',
        (r) => (r.events[1]!.kind = 'start'),
        'events[1].kind must be "poll" for an outcome of type "content"',
      ],
      [
        'started',
        (r) => (r.events[0]!.kind = 'poll'),
        'events[0].kind must be "start" for an outcome of type "started"',
      ],
      [
        'event size',
        (r) => ((r.events[1]!.outcome as { size: number }).size += 1),
        `events[1].outcome.size must be ${valid.contents[0]!.size}, the size of its content`,
      ],
      [
        'missing content',
        (r) => (r.contents = []),
        'events[1].outcome.contentHash names a content that "contents" does not hold',
      ],
      [
        'repeated content',
        (r) => r.contents.push(r.contents[0]!),
        'contents[1].contentHash repeats an earlier content (each is stored once)',
      ],
      [
        'unreferenced content',
        (r) => r.contents.push({ contentHash: sha(''), size: 0, base64: '' }),
        'contents[1] is not received by any event',
      ],
      [
        'blob size',
        (r) => (r.contents[0]!.size += 1),
        `contents[0].size must be ${valid.contents[0]!.size}, the length of its bytes`,
      ],
      [
        'hash',
        (r) => (r.contents[0]!.base64 = 'AAAA'),
        `contents[0] does not match its hash: its bytes hash to ${sha('\0\0\0')}`,
      ],
      [
        'lenient base64',
        (r) => (r.contents[0]!.base64 = `${r.contents[0]!.base64}!`),
        'contents[0].base64 must be canonical base64',
      ],
      [
        'token',
        (r) => (r.events[1]!.tokenIn = 'not-a-fingerprint'),
        'events[1].tokenIn must be a token fingerprint (16 lowercase hex digits)',
      ],
    ];
    const before = snapshot();
    for (const [name, mutate, message] of cases) {
      const recording = structuredClone(valid);
      mutate(recording);
      await expect(refuse(recording), name).rejects.toThrow(`Not a valid recording: ${message}.`);
    }
    for (const notObject of [[], 'x', null, 1])
      await expect(refuse(notObject)).rejects.toThrow(
        'Not a valid recording: the file must be an object.',
      );
    expect(snapshot()).toEqual(before);
  });
});

function sha(text: string): string {
  return createHash('sha256').update(text, 'latin1').digest('hex');
}
