// Every identity failure the emulator can inject, met by the inspector's own session through the real SDK:
// the session fails visibly, and its flag explains the error in words with what to do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectAnomalies } from '../core/anomalies.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { InspectorService } from './inspectorService.js';
import { DEMO } from './test/demoSession.js';

let emulator: RunningEmulator | undefined;
let service: InspectorService | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  service?.close();
  await emulator?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  service = emulator = dataDir = undefined;
});

/** The flag the inspector raises on its session when its first GetLatestConfiguration meets `effect`. */
async function flagOfFailedPoll(effect: string) {
  emulator = await startEmulator({
    port: 0,
    seed: 'demo',
    faults: [`GetLatestConfiguration:${effect}`],
  });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-auth-'));
  service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir,
    observe: false,
  });
  const { id } = await service.request('startSession', DEMO);
  // The first poll follows the start at once; wait (bounded) for its answer to be in the ledger.
  const deadline = Date.now() + 10_000;
  let snapshot = await service.request('getSession', { sessionId: id });
  while (!snapshot.events.some((e) => e.kind === 'poll') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 10));
    snapshot = await service.request('getSession', { sessionId: id });
  }
  const poll = snapshot.events.find((e) => e.kind === 'poll');
  expect(poll?.outcome).toMatchObject({ type: 'error', httpStatus: 403 });
  // Not transient: the session says it failed rather than retrying the same refusal.
  expect(snapshot.session.state).toBe('failed');
  const flags = detectAnomalies(snapshot.session, snapshot.events, Date.now()).filter(
    (a) => a.rule === 'awsError',
  );
  expect(flags).toHaveLength(1);
  return flags[0]!;
}

describe('identity failures explained', () => {
  it('AccessDeniedException: names the IAM action that is missing', async () => {
    const flag = await flagOfFailedPoll('AccessDeniedException');
    expect(flag.title).toBe('Access denied: appconfig:GetLatestConfiguration');
    expect(flag.fix).toContain('"Action": "appconfig:GetLatestConfiguration"');
  });

  it('ExpiredTokenException: the AWS credentials expired, not the configuration token', async () => {
    const flag = await flagOfFailedPoll('ExpiredTokenException');
    expect(flag.title).toBe('Credentials expired');
    expect(flag.explanation).toContain('not the configuration token');
  });

  it('UnrecognizedClientException: credentials AWS does not know, and how to see which ones', async () => {
    const flag = await flagOfFailedPoll('UnrecognizedClientException');
    expect(flag.title).toBe('Credentials not recognised');
    expect(flag.fix).toContain('aws sts get-caller-identity');
  });

  it('InvalidSignatureException "Signature expired": a clock skew', async () => {
    const flag = await flagOfFailedPoll('InvalidSignatureException');
    expect(flag.title).toBe('Clock skew');
    expect(flag.fix).toContain('NTP');
  });
});
