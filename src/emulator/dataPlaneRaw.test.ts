// Malformed requests on the raw wire (what an SDK would never send): each gets a precise 400, never a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from './test/support.js';
import { addVersion, deployNow, seedFixture } from './test/dataPlaneFixture.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
  const store = t.emulator.context.store;
  const fx = seedFixture(store);
  addVersion(store, fx.profile, '{"raw":1}', { label: 'raw' });
  deployNow(store, fx.envId, fx.profile, 1);
});
afterAll(() => t.close());

const post = (body: string) =>
  fetch(`${t.emulator.url}/configurationsessions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });

async function expectError(
  res: Response,
  status: number,
  type: string,
): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('x-amzn-errortype')).toBe(type);
  expect(res.headers.get('content-type')).toBe('application/json');
  return (await res.json()) as Record<string, unknown>;
}

const valid = {
  ApplicationIdentifier: 'MyMobileApp',
  EnvironmentIdentifier: 'Prod',
  ConfigurationProfileIdentifier: 'Settings',
};

describe('POST /configurationsessions on the raw wire', () => {
  it('answers 201 with only InitialConfigurationToken', async () => {
    const res = await post(JSON.stringify(valid));
    expect(res.status).toBe(201);
    expect(Object.keys((await res.json()) as object)).toEqual(['InitialConfigurationToken']);
  });

  it.each([
    ['{"ApplicationIdentifier":', /^Request body is not valid JSON: /],
    ['[1,2]', /^Request body must be a JSON object\.$/],
    ['"text"', /^Request body must be a JSON object\.$/],
    [
      '',
      /^3 validation errors detected: ApplicationIdentifier is required\. EnvironmentIdentifier is required\. ConfigurationProfileIdentifier is required\.$/,
    ],
  ])('refuses body %j', async (body, message) => {
    const json = await expectError(await post(body), 400, 'BadRequestException');
    expect(json.Message).toMatch(message);
  });

  it.each([
    [{ ...valid, ApplicationIdentifier: 5 }, 'ApplicationIdentifier must be a string, got number.'],
    [
      { ...valid, EnvironmentIdentifier: ['Prod'] },
      'EnvironmentIdentifier must be a string, got array.',
    ],
    [
      { ...valid, ConfigurationProfileIdentifier: null },
      'ConfigurationProfileIdentifier is required.',
    ],
    [
      { ...valid, RequiredMinimumPollIntervalInSeconds: '20' },
      'RequiredMinimumPollIntervalInSeconds must be an integer, got string.',
    ],
    [
      { ...valid, RequiredMinimumPollIntervalInSeconds: 15.5 },
      'RequiredMinimumPollIntervalInSeconds must be an integer, got 15.5.',
    ],
    [
      { ApplicationIdentifier: {}, EnvironmentIdentifier: '', ConfigurationProfileIdentifier: 'x' },
      '2 validation errors detected: ApplicationIdentifier must be a string, got object. EnvironmentIdentifier must be 1 to 128 characters long, got 0.',
    ],
  ])('refuses members %j', async (body, message) => {
    const json = await expectError(await post(JSON.stringify(body)), 400, 'BadRequestException');
    expect(json.Message).toBe(message);
    const record = t.emulator.context.observations.list(0, 10_000).records.at(-1)!;
    expect(record).toMatchObject({ kind: 'startSession', status: 400, message });
    expect(record.identifiers?.environment).toEqual(
      typeof body.EnvironmentIdentifier === 'string'
        ? body.EnvironmentIdentifier
        : JSON.stringify(body.EnvironmentIdentifier),
    );
  });

  it('refuses a body over 1 MiB with 413 and keeps serving', async () => {
    await expectError(await post(' '.repeat(1024 * 1024 + 1)), 413, 'PayloadTooLargeException');
    expect((await post(JSON.stringify(valid))).status).toBe(201);
  });
});

describe('GET /configuration on the raw wire', () => {
  const get = (query: string) => fetch(`${t.emulator.url}/configuration${query}`);

  it('refuses a missing or repeated configuration_token without Details', async () => {
    const missing = await expectError(await get(''), 400, 'BadRequestException');
    expect(missing.Message).toBe(
      'Missing required query parameter configuration_token (the ConfigurationToken).',
    );
    expect(missing.Details).toBeUndefined();
    const twice = await expectError(
      await get('?configuration_token=a&configuration_token=b'),
      400,
      'BadRequestException',
    );
    expect(twice.Message).toBe(
      'Query parameter configuration_token was given 2 times; give it once.',
    );
  });

  it('calls a token whose + was not URL-encoded Corrupted, and the encoded one fine', async () => {
    const { InitialConfigurationToken: token } = (await (
      await post(JSON.stringify(valid))
    ).json()) as {
      InitialConfigurationToken: string;
    };
    const json = await expectError(
      await get(`?configuration_token=${token}`),
      400,
      'BadRequestException',
    );
    expect(json.Reason).toBe('InvalidParameters');
    expect(json.Details).toEqual({
      InvalidParameters: { ConfigurationToken: { Problem: 'Corrupted' } },
    });
    expect(json.Message).toContain('URL-encoded');
    expect(
      await expectError(await get('?configuration_token='), 400, 'BadRequestException'),
    ).toMatchObject({
      Message: 'The configuration token is corrupted: it is empty.',
      Details: { InvalidParameters: { ConfigurationToken: { Problem: 'Corrupted' } } },
    });

    const ok = await get(`?configuration_token=${encodeURIComponent(token)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('next-poll-interval-in-seconds')).toBe('60');
    expect(ok.headers.get('version-label')).toBe('raw');
    expect(await ok.text()).toBe('{"raw":1}');
  });
});
