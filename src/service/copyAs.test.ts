// "Copy as" for real: the request side of getRawResponse on the real service and emulator, then the AWS CLI,
// curl and JS SDK texts core/copyAs.ts builds from it, run through /bin/sh (so the quoting is what is
// tested) against that emulator with dummy credentials. Skips a client that is not installed, saying so.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyAs, TOKEN_VARIABLE, type CopyAsInput } from '../core/copyAs.js';
import type { SessionInfo } from '../core/ledger.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { ClientSandbox, missingTool } from '../emulator/test/clients/childProcess.js';
import { itUnlessMissing } from '../emulator/test/clients/requireClient.js';
import type { RawResponse } from '../protocol/messages.js';
import { InspectorService } from './inspectorService.js';
import { startDemoSession } from './test/demoSession.js';

const awsMissing = missingTool('aws', ['--version'], 'awscli');
/** The copied curl needs --aws-sigv4 (curl 7.75) and --fail-with-body (7.76). */
const curlMissing = (() => {
  const missing = missingTool('curl', ['--version'], 'curl');
  if (missing) return missing;
  const line = spawnSync('curl', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '';
  const [major, minor] = (/^curl (\d+)\.(\d+)/.exec(line) ?? []).slice(1).map(Number);
  const recent = major! > 7 || (major === 7 && minor! >= 76);
  return recent
    ? null
    : `${line.trim() || 'curl'} is older than 7.76 (no --aws-sigv4 / --fail-with-body)`;
})();
/** Skipped with the reason on a machine without the tool; failing in CI, which installs both. */
const itWith = (missing: string | null) => itUnlessMissing(missing, 'the AWS CLI / curl 7.76');

let emulator: RunningEmulator;
let service: InspectorService;
let dataDir: string;
let sandbox: ClientSandbox;
let session: SessionInfo;
let start: RawResponse;
let poll: RawResponse;
/** The bytes the inspector's own first poll received. */
let served: Buffer;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 'demo' });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-copy-as-'));
  service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir,
    observe: false,
  });
  const { id, first } = await startDemoSession(service);
  session = (await service.request('getSession', { sessionId: id })).session;
  start = await service.request('getRawResponse', { sessionId: id, seq: 0 });
  poll = await service.request('getRawResponse', { sessionId: id, seq: first.seq });
  served = Buffer.from(poll.body!.base64, 'base64');
  sandbox = new ClientSandbox();
});

afterAll(async () => {
  sandbox.dispose();
  service.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The copied text as a user pastes it: one /bin/sh script, comments and all. */
const sh = (script: string, env: Record<string, string> = {}) =>
  sandbox.run('/bin/sh', ['-c', script], env);

const base = (): Pick<CopyAsInput, 'backend' | 'region'> => ({
  backend: session.backend,
  ...(session.region ? { region: session.region } : {}),
});
const startInput = (): CopyAsInput => ({
  call: 'StartConfigurationSession',
  ...base(),
  identifiers: {
    application: session.applicationIdentifier,
    environment: session.environmentIdentifier,
    profile: session.configurationProfileIdentifier,
  },
});
const pollInput = (token: CopyAsInput['token'], outfile: string): CopyAsInput => ({
  call: 'GetLatestConfiguration',
  ...base(),
  token,
  outfile,
});

describe('the request side of getRawResponse', () => {
  it("gives a start's JSON body and a poll's path with the URL-encoded token it sent", () => {
    expect(session.backend).toBe(emulator.url);
    expect(start.request).toMatchObject({
      method: 'POST',
      path: '/configurationsessions',
      attempts: 1,
    });
    expect(JSON.parse(start.request.body!)).toEqual({
      ApplicationIdentifier: 'demo-app',
      EnvironmentIdentifier: 'dev',
      ConfigurationProfileIdentifier: 'app-config',
    });
    const initial = JSON.parse(
      Buffer.from(start.body!.base64, 'base64').toString('utf8'),
    ) as Record<string, string>;
    const token = initial.InitialConfigurationToken!;
    expect(poll.request.method).toBe('GET');
    expect(poll.request.tokenIn?.full).toBe(token);
    expect(poll.request.tokenIn?.fingerprint).toMatch(/\S/);
    expect(poll.request.path).toBe(
      `/configuration?configuration_token=${encodeURIComponent(token)}`,
    );
    expect(poll.request.path).toMatch(/%2B|%2F|%3D/);
    expect(poll.request.invocationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(poll.request.attempts).toBe(1);
  });
});

describe('Copy as AWS CLI', () => {
  itWith(awsMissing)(
    'starts a session, then polls with the token that start returned and writes the served bytes',
    async () => {
      const started = await sh(copyAs(startInput()).awsCli);
      expect(started.code, started.stderr).toBe(0);
      const token = (JSON.parse(started.stdout) as { InitialConfigurationToken: string })
        .InitialConfigurationToken;
      const polled = await sh(copyAs(pollInput({ full: token }, 'cli.out')).awsCli);
      expect(polled.code, polled.stderr).toBe(0);
      expect(JSON.parse(polled.stdout)).toHaveProperty('NextPollConfigurationToken');
      expect(readFileSync(sandbox.path('cli.out'))).toEqual(served);
    },
  );

  itWith(awsMissing)('replays the recorded poll itself with the token it sent', async () => {
    const replayed = await sh(copyAs(pollInput(poll.request.tokenIn, 'replay.out')).awsCli);
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(readFileSync(sandbox.path('replay.out'))).toEqual(served);
  });

  itWith(awsMissing)(
    `runs a poll whose token is gone once ${TOKEN_VARIABLE} holds a fresh one`,
    async () => {
      const started = await sh(copyAs(startInput()).awsCli);
      const token = (JSON.parse(started.stdout) as { InitialConfigurationToken: string })
        .InitialConfigurationToken;
      const text = copyAs(pollInput({ fingerprint: 'gone' }, 'held.out')).awsCli;
      expect(text).toContain('no longer holds the full token');
      const polled = await sh(text, { [TOKEN_VARIABLE]: token });
      expect(polled.code, polled.stderr).toBe(0);
      expect(readFileSync(sandbox.path('held.out'))).toEqual(served);
    },
  );
});

describe('Copy as curl', () => {
  itWith(curlMissing)(
    'starts a session and polls with its token, signed with --aws-sigv4',
    async () => {
      const started = await sh(copyAs(startInput()).curl);
      expect(started.code, started.stderr).toBe(0);
      expect(started.stdout).toMatch(/^HTTP\/1\.1 201/);
      const body = started.stdout.slice(started.stdout.indexOf('{'));
      const token = (JSON.parse(body) as { InitialConfigurationToken: string })
        .InitialConfigurationToken;
      const polled = await sh(copyAs(pollInput({ full: token }, 'curl.out')).curl);
      expect(polled.code, polled.stderr).toBe(0);
      expect(polled.stdout).toMatch(/^HTTP\/1\.1 200/);
      expect(polled.stdout).toMatch(/next-poll-configuration-token: \S+/i);
      expect(readFileSync(sandbox.path('curl.out'))).toEqual(served);
    },
  );
});

describe('Copy as curl, token gone', () => {
  itWith(curlMissing)(
    `polls with the token in ${TOKEN_VARIABLE}, URL-encoded by curl`,
    async () => {
      const started = await sh(copyAs(startInput()).curl);
      const token = (
        JSON.parse(started.stdout.slice(started.stdout.indexOf('{'))) as {
          InitialConfigurationToken: string;
        }
      ).InitialConfigurationToken;
      const text = copyAs(pollInput({ fingerprint: 'gone' }, 'curl-held.out')).curl;
      expect(text).toContain('no longer holds the full token');
      const polled = await sh(text, { [TOKEN_VARIABLE]: token });
      expect(polled.code, polled.stderr).toBe(0);
      expect(readFileSync(sandbox.path('curl-held.out'))).toEqual(served);
    },
  );
});

describe('Copy as JS SDK', () => {
  /** Runs an ES module snippet with node from the repository root, where @aws-sdk/* resolves. */
  const node = (source: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ['--input-type=module', '--eval', source],
        { cwd: process.cwd(), env: sandbox.env(), timeout: 30_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('starts a session, and polls with a token that start returned', async () => {
    const started = await node(copyAs(startInput()).jsSdk);
    expect(started.code, started.stderr).toBe(0);
    const token = started.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9+/]{100,}={0,2}$/);
    const polled = await node(copyAs(pollInput({ full: token }, 'unused')).jsSdk);
    expect(polled.code, polled.stderr).toBe(0);
    expect(polled.stdout).toContain(served.toString('utf8'));
  });
});
