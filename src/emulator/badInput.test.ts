// Regressions the fuzz found, pinned one by one, plus the documented limits: each is a 4xx AWS error.
import { afterEach, expect, it } from 'vitest';
import { ListApplicationsCommand } from '@aws-sdk/client-appconfig';
import { StartConfigurationSessionCommand } from '@aws-sdk/client-appconfigdata';
import type { ObservationRecord } from './observations.js';
import { rawRequest, type RawRequest } from './test/rawHttp.js';
import { startTestEmulator, type TestEmulator } from './test/support.js';

let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const errorOf = (res: { headers: Record<string, string>; body: Buffer }) => ({
  type: res.headers['x-amzn-errortype'],
  message: (JSON.parse(res.body.toString()) as { Message: string }).Message,
});

it('refuses a deeply nested JSON identifier with a 400 and records a bounded preview of it', async () => {
  t = await startTestEmulator();
  const res = await rawRequest(t.emulator.port, {
    method: 'POST',
    path: '/configurationsessions',
    body: `{"ApplicationIdentifier":${nested(100_000)},"EnvironmentIdentifier":"e","ConfigurationProfileIdentifier":"p"}`,
  });
  expect(res.status).toBe(400);
  expect(errorOf(res)).toEqual({
    type: 'BadRequestException',
    message: 'ApplicationIdentifier must be a string, got array.',
  });
  const [record] = t.emulator.context.observations.list(0, 1).records as ObservationRecord[];
  expect(record!.identifiers!.application).toBe('[[[[[[[[[…]]]]]]]]]');
});

it('refuses a ListApplications NextToken that decodes to null, sent by the real SDK', async () => {
  t = await startTestEmulator();
  for (const json of ['null', '[]', '7', '{"o":1.5}']) {
    await expect(
      t.control.send(
        new ListApplicationsCommand({ NextToken: Buffer.from(json).toString('base64url') }),
      ),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'NextToken is not a token this service issued.',
    });
  }
  await expect(t.control.send(new ListApplicationsCommand({}))).resolves.toMatchObject({
    Items: [],
  });
});

it('answers headers over 16 KiB with an AWS-shaped 431, and the next request normally', async () => {
  t = await startTestEmulator();
  const res = await rawRequest(t.emulator.port, {
    method: 'GET',
    path: '/applications',
    headers: [['X-Padding', 'p'.repeat(17 * 1024)]],
  });
  expect(res.status).toBe(431);
  expect(errorOf(res)).toEqual({
    type: 'BadRequestException',
    message: 'Request headers exceed 16384 bytes in total (a configuration token is about 1 kB).',
  });
  expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  const next = await rawRequest(t.emulator.port, { method: 'GET', path: '/applications' });
  expect(next.status).toBe(200);
});

it('answers an unknown HTTP method and a broken Content-Length with AWS-shaped 400s', async () => {
  t = await startTestEmulator();
  const requests: RawRequest[] = [
    { method: 'BREW', path: '/applications' },
    { method: 'POST', path: '/applications', headers: [['Content-Length', 'many']] },
  ];
  for (const req of requests) {
    const res = await rawRequest(t.emulator.port, req);
    expect(res.status).toBe(400);
    expect(errorOf(res).type).toBe('BadRequestException');
  }
});

it('refuses a body over 1 MiB with 413 PayloadTooLargeException before reading it', async () => {
  t = await startTestEmulator();
  await expect(
    t.data.send(
      new StartConfigurationSessionCommand({
        ApplicationIdentifier: 'a'.repeat(1024 * 1024),
        EnvironmentIdentifier: 'e',
        ConfigurationProfileIdentifier: 'p',
      }),
    ),
  ).rejects.toMatchObject({ name: 'PayloadTooLargeException', $metadata: { httpStatusCode: 413 } });
});
