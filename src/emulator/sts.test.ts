// STS GetCallerIdentity through the real @aws-sdk/client-sts, the query protocol's InvalidAction for any
// other action, and a fault on GetCallerIdentity reaching the client as a named STS error.
import { afterEach, describe, expect, it } from 'vitest';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestEmulator, type TestEmulator } from './test/support.js';
import { failure } from './test/faults.js';
import { rawRequest } from './test/rawHttp.js';

const running: TestEmulator[] = [];
const clients: STSClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(running.splice(0).map((t) => t.close()));
});

async function emulator(faults: string[] = []): Promise<TestEmulator> {
  const t = await startTestEmulator({ faults });
  running.push(t);
  return t;
}

function sts(url: string): STSClient {
  const client = new STSClient({
    endpoint: url,
    region: 'eu-west-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDSTSTEST', secretAccessKey: 'secret' },
  });
  clients.push(client);
  return client;
}

describe('STS on the emulator', () => {
  it('answers GetCallerIdentity with the emulator account and the signing key', async () => {
    const { emulator: e } = await emulator();
    const out = await sts(e.url).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({
      Account: '000000000000',
      Arn: 'arn:aws:iam::000000000000:user/emulator',
      UserId: 'AKIDSTSTEST',
    });
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/\S/);
  });

  it('answers the query protocol shape on the wire', async () => {
    const { emulator: e } = await emulator();
    const res = await rawRequest(e.port, {
      method: 'POST',
      path: '/',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']],
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml');
    expect(res.body.toString()).toMatch(
      /^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:user\/emulator<\/Arn><UserId>AIDAEMULATOR<\/UserId><Account>000000000000<\/Account><\/GetCallerIdentityResult><ResponseMetadata><RequestId>[^<]+<\/RequestId><\/ResponseMetadata><\/GetCallerIdentityResponse>$/,
    );
  });

  it('refuses other actions with InvalidAction', async () => {
    const { emulator: e } = await emulator();
    const err = await failure(sts(e.url).send(new GetSessionTokenCommand({})));
    expect(err.name).toBe('InvalidAction');
    expect(err.message).toContain('GetSessionToken');
    const raw = await rawRequest(e.port, {
      method: 'POST',
      path: '/',
      body: 'Action=AssumeRole&Version=2011-06-15',
    });
    expect(raw.status).toBe(400);
    expect(raw.body.toString()).toContain(
      '<Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Could not find operation AssumeRole',
    );
  });

  it('lets a fault name GetCallerIdentity and answers it as STS errors look', async () => {
    const { emulator: e } = await emulator(['GetCallerIdentity:ExpiredTokenException']);
    const err = await failure(sts(e.url).send(new GetCallerIdentityCommand({})));
    expect(err.name).toBe('ExpiredTokenException');
  });
});
