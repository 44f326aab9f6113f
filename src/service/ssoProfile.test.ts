// An SSO profile used end to end, with the emulator standing in for the AWS SSO portal: a temporary HOME holds
// the shared config (an sso-session and a profile using it) and the `aws sso login` token cache, and
// AWS_ENDPOINT_URL_SSO sends the SDK's own SSO credential provider to the emulator's GetRoleCredentials. The
// real SDK then signs the inspector's AppConfig calls with the role credentials it got there.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { ssoAccessKeyId } from '../emulator/sso.js';
import { failure, recordWhere } from '../emulator/test/faults.js';
import { classifyError } from '../core/errorKinds.js';
import { detectAnomalies } from '../core/anomalies.js';
import { listAwsProfiles } from './awsProfiles.js';
import { InspectorService } from './inspectorService.js';
import type { ProtocolError } from '../protocol/messages.js';

const PROFILE = 'dev-sso';
const SESSION = 'corp-login';
const ACCOUNT = '123456789012';
const ROLE = 'Developer';

let home: string;
let emulator: RunningEmulator;
let service: InspectorService | undefined;

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'aci-sso-'));
  mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
  emulator = await startEmulator({ port: 0, seed: 'demo' });
  // HOME makes ~/.aws/sso/cache this test's own; nothing of the developer's environment may take part.
  const foreign = [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
  ];
  for (const name of [...foreign, 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL'])
    vi.stubEnv(name, undefined);
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_CONFIG_FILE', join(home, 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'credentials'));
  vi.stubEnv('AWS_ENDPOINT_URL_SSO', emulator.url);
  // An expired login makes the SDK try an SSO OIDC refresh first: refused at once here, never AWS's.
  vi.stubEnv('AWS_ENDPOINT_URL_SSO_OIDC', 'http://127.0.0.1:9');
  writeFileSync(
    join(home, 'config'),
    [
      `[profile ${PROFILE}]`,
      `sso_session = ${SESSION}`,
      `sso_account_id = ${ACCOUNT}`,
      `sso_role_name = ${ROLE}`,
      'region = eu-central-1',
      `[sso-session ${SESSION}]`,
      'sso_start_url = https://corp.awsapps.com/start',
      'sso_region = eu-west-1',
      'sso_registration_scopes = sso:account:access',
    ].join('\n'),
  );
  writeFileSync(join(home, 'credentials'), '');
});

afterEach(async () => {
  service?.close();
  service = undefined;
  vi.unstubAllEnvs();
  await emulator.close();
  rmSync(home, { recursive: true, force: true });
});

/** The token cache file as `aws sso login` writes it: named by the SHA-1 of the sso-session name. */
function loginCache(expiresAt: number, accessToken = 'cached-portal-token'): void {
  const file = `${createHash('sha1').update(SESSION).digest('hex')}.json`;
  writeFileSync(
    join(home, '.aws', 'sso', 'cache', file),
    JSON.stringify({
      startUrl: 'https://corp.awsapps.com/start',
      region: 'eu-west-1',
      accessToken,
      expiresAt: new Date(expiresAt).toISOString(),
      clientId: 'client-id',
      clientSecret: 'client-secret',
      registrationExpiresAt: new Date(expiresAt + 86_400_000).toISOString(),
      refreshToken: 'refresh-token',
    }),
  );
}

interface Signed {
  path: string;
  accessKeyId: string | undefined;
  sessionToken: boolean;
  invocationId: string | undefined;
}

/**
 * A loopback forwarder in front of the emulator that notes which access key signed each request, as the
 * endpoint received it (the emulator's own records do not carry the signer).
 */
async function signerProxy(target: string) {
  const signed: Signed[] = [];
  const server = createServer((req, res) => {
    const header = (name: string) => req.headers[name] as string | undefined;
    signed.push({
      path: (req.url ?? '/').split('?')[0]!,
      accessKeyId: /Credential=([^/,\s]+)\//.exec(header('authorization') ?? '')?.[1],
      sessionToken: Boolean(header('x-amz-security-token')),
      invocationId: header('amz-sdk-invocation-id'),
    });
    const out = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    signed,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function inspector(endpoint: string): InspectorService {
  service = new InspectorService({
    backend: { kind: 'endpoint', endpoint, profile: PROFILE },
    dataDir: join(home, 'data'),
    observe: false,
  });
  return service;
}

const START = {
  applicationIdentifier: 'demo-app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'app-config',
};

describe('an SSO profile against the emulator as SSO portal', () => {
  it('is listed as an sso profile whose cached login is valid', async () => {
    loginCache(Date.now() + 8 * 3_600_000);
    const list = await listAwsProfiles(process.env, Date.now());
    expect(list.profiles).toEqual([
      {
        name: PROFILE,
        kind: 'sso',
        files: ['config'],
        region: 'eu-central-1',
        ssoLogin: 'valid',
        ssoSession: SESSION,
      },
    ]);
  });

  it('starts a session and polls signed with the role credentials the emulator issued', async () => {
    loginCache(Date.now() + 8 * 3_600_000);
    const proxy = await signerProxy(emulator.url);
    try {
      const svc = inspector(proxy.url);
      const hello = await svc.request('hello', { protocolVersion: 1 });
      expect(hello.backend).toMatchObject({ kind: 'endpoint', profile: PROFILE });
      const session = await svc.request('startSession', START);
      expect(session.state).toBe('polling');
      const poll = await recordWhere(
        emulator.context.observations,
        (r) => r.kind === 'poll' && r.status === 200,
      );
      const ssoKey = ssoAccessKeyId(ACCOUNT, ROLE);
      // The emulator answered this poll, and the request it answered was signed with the SSO-issued key.
      expect(proxy.signed.find((s) => s.invocationId === poll.invocationId)).toEqual({
        path: '/configuration',
        accessKeyId: ssoKey,
        sessionToken: true,
        invocationId: poll.invocationId,
      });
      expect(proxy.signed.find((s) => s.path === '/configurationsessions')?.accessKeyId).toBe(
        ssoKey,
      );
    } finally {
      await proxy.close();
    }
  });

  it('with the cached login expired, fails the start as ssoExpired and says to run aws sso login with the profile name', async () => {
    loginCache(Date.now() - 3_600_000);
    const listed = await listAwsProfiles(process.env, Date.now());
    expect(listed.profiles[0]).toMatchObject({ name: PROFILE, ssoLogin: 'expired' });
    // The SDK's own words, after its SSO OIDC refresh of the expired token was refused.
    const flags = await failedStart(
      "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    );
    expect(flags.map((f) => f.title)).toEqual(['SSO login expired']);
    expect(flags[0]!.fix).toContain(`Run \`aws sso login --profile ${PROFILE}\``);
    // The SDK failed before signing anything: no StartConfigurationSession reached the emulator.
    expect(emulator.context.observations.list(0, 100).records).toEqual([]);
  });

  it('with a cached token the portal refuses (401), gives the same advice', async () => {
    // Unexpired on disk, so the SDK asks the portal; a blank token is the one the emulator refuses.
    loginCache(Date.now() + 8 * 3_600_000, '');
    const flags = await failedStart('UnauthorizedException: Session token not found or invalid');
    expect(flags.map((f) => f.title)).toEqual(['SSO login expired']);
    expect(flags[0]!.fix).toContain(`Run \`aws sso login --profile ${PROFILE}\``);
  });
});

/**
 * Starts a session that must fail with `message` from the SDK, and returns the flags the UI draws from the
 * failed session's ledger, after checking the failure is classified ssoExpired.
 */
async function failedStart(message: string) {
  const svc = inspector(emulator.url);
  const err = (await failure(svc.request('startSession', START))) as unknown as ProtocolError;
  expect(err).toMatchObject({
    code: 'awsError',
    awsErrorName: 'CredentialsProviderError',
    message,
  });
  const [summary] = await svc.request('listSessions', {});
  const { session, events } = await svc.request('getSession', { sessionId: summary!.id });
  expect(session).toMatchObject({ state: 'failed', profile: PROFILE });
  const outcome = events.at(-1)!.outcome;
  expect(outcome.type === 'error' && classifyError(outcome)).toBe('ssoExpired');
  return detectAnomalies(session, events, Date.now());
}
