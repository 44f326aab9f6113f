// The backend's identity through the real service and the real emulator's STS: hello carries it, a failure
// arrives in words and is asked again on the next hello, a slow STS never holds hello past the connect timeout (the answer is pushed later), and
// an 'endpoint' backend asks the STS named by AWS_ENDPOINT_URL_STS rather than the AppConfig endpoint.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { BackendInfo, InspectorEvent } from '../protocol/messages.js';
import { explainIdentityError } from './identity.js';
import { InspectorService } from './inspectorService.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  vi.unstubAllEnvs();
});

async function emulator(faults: string[] = []): Promise<RunningEmulator> {
  const e = await startEmulator({ port: 0, seed: 'none', faults });
  cleanups.push(() => e.close());
  return e;
}

function service(
  options: Partial<ConstructorParameters<typeof InspectorService>[0]> & {
    backend: ConstructorParameters<typeof InspectorService>[0]['backend'];
  },
): InspectorService {
  const dataDir = mkdtempSync(join(tmpdir(), 'identity-'));
  const s = new InspectorService({ dataDir, observe: false, ...options });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => s.close());
  return s;
}

const hello = async (s: InspectorService): Promise<BackendInfo> =>
  (await s.request('hello', { protocolVersion: 1 })).backend;

describe('backend identity', () => {
  it('shows the account and ARN STS answers', async () => {
    const e = await emulator();
    const backend = await hello(service({ backend: { kind: 'emulator', endpoint: e.url } }));
    expect(backend.identity).toEqual({
      account: '000000000000',
      arn: 'arn:aws:iam::000000000000:user/emulator',
    });
    expect(backend.identityError).toBeUndefined();
  });

  it('explains a failure in words', async () => {
    const e = await emulator(['GetCallerIdentity:ExpiredTokenException']);
    const backend = await hello(service({ backend: { kind: 'emulator', endpoint: e.url } }));
    expect(backend.identity).toBeUndefined();
    expect(backend.identityError).toMatch(/^The credentials have expired.*ExpiredTokenException/);
  });

  it('asks STS again on the next hello after a failure, and then shows the identity alone', async () => {
    const e = await emulator(['GetCallerIdentity:ExpiredTokenException,count=1']);
    const s = service({ backend: { kind: 'emulator', endpoint: e.url } });
    const first = structuredClone(await hello(s));
    expect(first.identityError).toMatch(/ExpiredTokenException/);
    const second = await hello(s);
    expect(second.identity?.account).toBe('000000000000');
    expect(second.identityError).toBeUndefined();
  });

  it('answers hello after the connect timeout and pushes the identity when it comes', async () => {
    const e = await emulator(['GetCallerIdentity:latency=600']);
    const s = service({
      backend: { kind: 'emulator', endpoint: e.url },
      timeouts: { connectTimeoutMs: 100 },
    });
    const pushed = new Promise<BackendInfo>((resolve) =>
      s.onEvent((ev: InspectorEvent) => {
        if (ev.type === 'backendChanged') resolve(ev.backend);
      }),
    );
    const started = Date.now();
    const first = await hello(s);
    expect(Date.now() - started).toBeLessThan(500);
    expect(first.identity).toBeUndefined();
    expect((await pushed).identity?.account).toBe('000000000000');
    // A second hello reuses the settled answer at once.
    expect((await hello(s)).identity?.account).toBe('000000000000');
  });

  it("asks AWS_ENDPOINT_URL_STS, not the AppConfig endpoint, for an 'endpoint' backend", async () => {
    const appconfig = await emulator(['GetCallerIdentity:AccessDeniedException']);
    const backend = { kind: 'endpoint', endpoint: appconfig.url, region: 'us-east-1' } as const;
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDENDPOINT');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    // The test environment points STS at a closed port (vite.config.ts).
    const refused = await hello(service({ backend }));
    expect(refused.identityError).toMatch(/refused|reached/);
    const sts = await emulator();
    vi.stubEnv('AWS_ENDPOINT_URL_STS', sts.url);
    expect((await hello(service({ backend }))).identity?.account).toBe('000000000000');
  });

  it('names the profile to log in again with when its SSO login expired', () => {
    const e = Object.assign(
      new Error('The SSO session associated with this profile has expired.'),
      {
        name: 'CredentialsProviderError',
      },
    );
    expect(explainIdentityError(e, 'corp')).toMatch(
      /^The SSO login .* `aws sso login --profile corp`/,
    );
  });
});
