// The non-emulator backends use the standard AWS credential chain. Real AWS can't be reached here, so the
// same code path is pointed at the emulator as an "AppConfig-compatible endpoint": credentials from the
// environment, and from a named profile in shared config/credentials files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { InspectorService } from './inspectorService.js';
import type { BackendConfig } from './backend.js';

const VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_REGION',
];
let saved: Record<string, string | undefined>;
let emulator: RunningEmulator;
let dir: string;

beforeEach(async () => {
  saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
  for (const v of VARS) delete process.env[v];
  dir = mkdtempSync(join(tmpdir(), 'aci-backend-'));
  // Point the shared files somewhere empty so the developer's own ~/.aws never leaks into the test.
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  writeFileSync(process.env.AWS_CONFIG_FILE, '');
  writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, '');
  emulator = await startEmulator({ port: 0, seed: 'demo' });
});

afterEach(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
});

async function startWith(backend: BackendConfig) {
  const service = new InspectorService({ backend, dataDir: join(dir, 'data'), observe: false });
  try {
    const hello = await service.request('hello', { protocolVersion: 1 });
    const session = await service.request('startSession', {
      applicationIdentifier: 'demo-app',
      environmentIdentifier: 'dev',
      configurationProfileIdentifier: 'app-config',
    });
    return { hello, session };
  } finally {
    service.close();
  }
}

describe('backends on the standard credential chain', () => {
  it('signs with environment credentials for an AppConfig-compatible endpoint', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDFROMENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'from-env';
    const { hello, session } = await startWith({
      kind: 'endpoint',
      endpoint: emulator.url,
      region: 'eu-west-1',
    });
    expect(hello.backend).toEqual({
      kind: 'endpoint',
      endpoint: emulator.url,
      region: 'eu-west-1',
      canListResources: true,
      // STS is not asked of the AppConfig endpoint; the test environment points it at a closed port.
      identityError: expect.stringContaining('refused') as unknown,
    });
    expect(session.state).toBe('polling');
  });

  it('uses a named profile from the shared config and credentials files', async () => {
    writeFileSync(process.env.AWS_CONFIG_FILE!, '[profile staging]\nregion = ap-southeast-2\n');
    writeFileSync(
      process.env.AWS_SHARED_CREDENTIALS_FILE!,
      '[staging]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = from-profile\n',
    );
    const { hello, session } = await startWith({
      kind: 'endpoint',
      endpoint: emulator.url,
      profile: 'staging',
    });
    expect(hello.backend).toMatchObject({
      kind: 'endpoint',
      profile: 'staging',
      region: 'ap-southeast-2',
    });
    expect(session.state).toBe('polling');
    // The emulator saw a SigV4 request signed with the profile's key.
    const page = (await (await fetch(`${emulator.url}/__emulator/observations`)).json()) as {
      records: { kind: string }[];
    };
    expect(page.records.some((r) => r.kind === 'startSession')).toBe(true);
  });

  it("fails the session with the SDK's own words, and where the chain looked, when it finds no credentials or no region", async () => {
    await expect(
      startWith({
        kind: 'endpoint',
        endpoint: emulator.url,
        profile: 'missing',
        region: 'us-east-1',
      }),
    ).rejects.toMatchObject({
      code: 'awsError',
      // The SDK's words, then where its chain looked: the named profile in the two files it read.
      message: expect.stringContaining(
        `Could not load credentials from any providers. The default credential chain looked at: ` +
          `profile "missing" in ${join(dir, 'config')} and ${join(dir, 'credentials')} (no such profile)`,
      ),
    });
    await expect(
      startWith({ kind: 'endpoint', endpoint: emulator.url, profile: 'missing' }),
    ).rejects.toMatchObject({
      code: 'awsError',
      message: expect.stringMatching(/Region is missing/),
    });
  });
});
