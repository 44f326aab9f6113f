// The SSO portal's GetRoleCredentials on the emulator, through the SSO client the SDK's SSO credential
// provider itself uses (@aws-sdk/nested-clients/sso: @aws-sdk/client-sso is not installed, and this is the
// exact client credential-provider-sso requires), plus raw HTTP for the wire shapes and refusals no SDK sends.
import { afterEach, describe, expect, it } from 'vitest';
import { GetRoleCredentialsCommand, SSOClient } from '@aws-sdk/nested-clients/sso';
import { startTestEmulator, type TestEmulator } from './test/support.js';
import { failure } from './test/faults.js';
import { rawRequest, type RawResponse } from './test/rawHttp.js';
import { ssoAccessKeyId } from './sso.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const running: TestEmulator[] = [];
const clients: SSOClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(running.splice(0).map((t) => t.close()));
});

async function emulator(faults: string[] = []): Promise<TestEmulator> {
  const t = await startTestEmulator({ faults, clock: { now: () => NOW } });
  running.push(t);
  return t;
}

function sso(url: string): SSOClient {
  const client = new SSOClient({ endpoint: url, region: 'eu-west-1', maxAttempts: 1 });
  clients.push(client);
  return client;
}

const ask = (url: string, accountId: string, roleName: string, accessToken = 'cached-token') =>
  sso(url).send(new GetRoleCredentialsCommand({ accountId, roleName, accessToken }));

function get(port: number, query: string, token?: string): Promise<RawResponse> {
  return rawRequest(port, {
    method: 'GET',
    path: `/federation/credentials${query}`,
    headers: token === undefined ? [] : [['x-amz-sso_bearer_token', token]],
  });
}

const json = (res: RawResponse) => JSON.parse(res.body.toString('utf8')) as unknown;

describe('SSO GetRoleCredentials on the emulator', () => {
  it('issues role credentials with an ASIASSO key derived from account and role, valid one hour', async () => {
    const { emulator: e } = await emulator();
    const out = await ask(e.url, '123456789012', 'Dev');
    const key = ssoAccessKeyId('123456789012', 'Dev');
    expect(key).toMatch(/^ASIASSO[0-9A-F]{13}$/);
    expect(out.roleCredentials).toEqual({
      accessKeyId: key,
      secretAccessKey: expect.stringMatching(/^\S{40}$/) as unknown,
      sessionToken: expect.stringMatching(/^\S{128}$/) as unknown,
      expiration: NOW + 3_600_000,
    });
    expect(out.$metadata).toMatchObject({
      httpStatusCode: 200,
      requestId: expect.stringMatching(/\S/) as unknown,
    });
    // Another role (or account) gets another key; the same pair always the same one.
    expect((await ask(e.url, '123456789012', 'Admin')).roleCredentials?.accessKeyId).not.toBe(key);
    expect((await ask(e.url, '123456789012', 'Dev')).roleCredentials?.accessKeyId).toBe(key);
  });

  it('answers the restJson1 shape on the wire', async () => {
    const { emulator: e } = await emulator();
    const res = await get(e.port, '?role_name=Dev&account_id=123456789012', 'tok');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-amzn-requestid']).toMatch(/\S/);
    expect(json(res)).toEqual({
      roleCredentials: {
        accessKeyId: ssoAccessKeyId('123456789012', 'Dev'),
        secretAccessKey: expect.any(String) as unknown,
        sessionToken: expect.any(String) as unknown,
        expiration: NOW + 3_600_000,
      },
    });
  });

  it('refuses a missing or blank bearer token with 401 UnauthorizedException', async () => {
    const { emulator: e } = await emulator();
    for (const token of [undefined, '', '   ']) {
      const res = await get(e.port, '?role_name=Dev&account_id=123456789012', token);
      expect(res.status).toBe(401);
      expect(res.headers['x-amzn-errortype']).toBe('UnauthorizedException');
      expect(json(res)).toEqual({ message: 'Session token not found or invalid' });
    }
    const err = await failure(ask(e.url, '123456789012', 'Dev', ''));
    expect(err).toMatchObject({
      name: 'UnauthorizedException',
      message: 'Session token not found or invalid',
      $metadata: { httpStatusCode: 401 },
    });
  });

  it('refuses missing, repeated or malformed parameters with 400 InvalidRequestException naming them', async () => {
    const { emulator: e } = await emulator();
    const cases: [string, string][] = [
      ['?account_id=123456789012', 'role_name is required.'],
      ['?role_name=Dev&account_id=', 'account_id is required.'],
      [
        '?role_name=Dev&account_id=123456789012&account_id=210987654321',
        'account_id was given 2 times; give it once.',
      ],
      [
        '?role_name=Dev&account_id=12345',
        'account_id must be a 12-digit AWS account id, got "12345".',
      ],
      [
        '?role_name=Dev%20Team&account_id=123456789012',
        'role_name must be 1-64 letters, digits or +=,.@_- characters, got "Dev Team".',
      ],
    ];
    for (const [query, message] of cases) {
      const res = await get(e.port, query, 'tok');
      expect({ query, status: res.status, type: res.headers['x-amzn-errortype'] }).toEqual({
        query,
        status: 400,
        type: 'InvalidRequestException',
      });
      expect(json(res)).toEqual({ message });
    }
    const err = await failure(ask(e.url, 'not-an-account', 'Dev'));
    expect(err).toMatchObject({
      name: 'InvalidRequestException',
      message: 'account_id must be a 12-digit AWS account id, got "not-an-account".',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('lets a fault name GetRoleCredentials and answers it in the SSO error shape', async () => {
    const { emulator: e } = await emulator(['GetRoleCredentials:500']);
    const err = await failure(ask(e.url, '123456789012', 'Dev'));
    expect(err).toMatchObject({
      name: 'InternalServerException',
      $metadata: { httpStatusCode: 500 },
    });
    const raw = await get(e.port, '?role_name=Dev&account_id=123456789012', 'tok');
    expect(raw.status).toBe(500);
    expect(Object.keys(json(raw) as object)).toEqual(['message']);
  });
});
