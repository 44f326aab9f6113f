import { afterEach, describe, expect, it } from 'vitest';
import {
  AppConfigDataClient,
  BadRequestException,
  GetLatestConfigurationCommand,
  ResourceNotFoundException,
  StartConfigurationSessionCommand,
  type StartConfigurationSessionCommandInput,
} from '@aws-sdk/client-appconfigdata';
import { startTestEmulator, type TestEmulator } from './test/support.js';
import { addVersion, deployNow, seedFixture, type Fixture } from './test/dataPlaneFixture.js';
import { servedContent } from './featureFlags.js';

let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const text = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : '');

async function setup(deploy = true): Promise<{ t: TestEmulator; fx: Fixture }> {
  t = await startTestEmulator();
  const store = t.emulator.context.store;
  const fx = seedFixture(store);
  addVersion(store, fx.profile, '{"color":"red"}', { label: 'v1-red' });
  addVersion(store, fx.profile, '{"color":"blue"}', { label: 'v2-blue' });
  if (deploy) deployNow(store, fx.envId, fx.profile, 2);
  return { t, fx };
}

const names = (
  extra: Partial<StartConfigurationSessionCommandInput> = {},
): StartConfigurationSessionCommandInput => ({
  ApplicationIdentifier: 'MyMobileApp',
  EnvironmentIdentifier: 'Prod',
  ConfigurationProfileIdentifier: 'Settings',
  ...extra,
});

async function start(client: AppConfigDataClient, input = names()): Promise<string> {
  const out = await client.send(new StartConfigurationSessionCommand(input));
  expect(out.$metadata.httpStatusCode).toBe(201);
  return out.InitialConfigurationToken!;
}

describe('StartConfigurationSession + GetLatestConfiguration through the real SDK', () => {
  it('serves content with all four headers, then an empty body without Version-Label when unchanged', async () => {
    const { t } = await setup();
    const first = await t.data.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: await start(t.data) }),
    );
    expect(first.$metadata.httpStatusCode).toBe(200);
    expect(text(first.Configuration)).toBe('{"color":"blue"}');
    expect(first.ContentType).toBe('application/json');
    expect(first.VersionLabel).toBe('v2-blue');
    expect(first.NextPollIntervalInSeconds).toBe(60);
    expect(first.NextPollConfigurationToken).toMatch(/^[A-Za-z0-9+/]{1000,}={1,2}$/);

    const second = await t.data.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }),
    );
    expect(second.$metadata.httpStatusCode).toBe(200);
    expect(second.Configuration?.length ?? 0).toBe(0);
    expect(second.VersionLabel).toBeUndefined();
    expect(second.ContentType).toBe('application/json');
    expect(second.NextPollIntervalInSeconds).toBe(60);
    expect(second.NextPollConfigurationToken).not.toBe(first.NextPollConfigurationToken);
  });

  it('echoes RequiredMinimumPollIntervalInSeconds as Next-Poll-Interval-In-Seconds', async () => {
    const { t } = await setup();
    const token = await start(t.data, names({ RequiredMinimumPollIntervalInSeconds: 15 }));
    const out = await t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
    expect(out.NextPollIntervalInSeconds).toBe(15);
  });

  it('resolves identifiers by id as well as by name', async () => {
    const { t, fx } = await setup();
    const token = await start(t.data, {
      ApplicationIdentifier: fx.appId,
      EnvironmentIdentifier: fx.envId,
      ConfigurationProfileIdentifier: fx.profile.Id,
    });
    const out = await t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
    expect(text(out.Configuration)).toBe('{"color":"blue"}');
  });

  it('issues tokens shaped like real ones: ~1 kB of standard base64 with + / =', async () => {
    const { t } = await setup();
    const token = await start(t.data);
    expect(token.length).toBeGreaterThan(900);
    expect(token.length).toBeLessThan(1500);
    expect(token).toMatch(/^[A-Za-z0-9+/]+={1,2}$/);
    expect(token).toContain('+');
    expect(token).toContain('/');
    expect(token.startsWith('AYADe')).toBe(true);
  });

  it('answers 404 ResourceNotFoundException with ResourceType and ReferencedBy, application first', async () => {
    const { t } = await setup();
    const cases: [StartConfigurationSessionCommandInput, string, Record<string, string>][] = [
      [
        names({ ApplicationIdentifier: 'NoSuchApp' }),
        'Application',
        { ApplicationIdentifier: 'NoSuchApp' },
      ],
      [
        names({ EnvironmentIdentifier: 'Staging' }),
        'Environment',
        { EnvironmentIdentifier: 'Staging' },
      ],
      [
        names({ ConfigurationProfileIdentifier: 'Nope' }),
        'ConfigurationProfile',
        { ConfigurationProfileIdentifier: 'Nope' },
      ],
      [
        {
          ApplicationIdentifier: 'x',
          EnvironmentIdentifier: 'y',
          ConfigurationProfileIdentifier: 'z',
        },
        'Application',
        { ApplicationIdentifier: 'x' },
      ],
    ];
    for (const [input, type, referencedBy] of cases) {
      const error = await t.data
        .send(new StartConfigurationSessionCommand(input))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResourceNotFoundException);
      const e = error as ResourceNotFoundException;
      expect(e.$metadata.httpStatusCode).toBe(404);
      expect(e.ResourceType).toBe(type);
      expect(e.ReferencedBy).toEqual(referencedBy);
      expect(e.message).toContain(Object.values(referencedBy)[0]);
    }
  });

  it('rejects identifiers of 0 and 129 characters and intervals of 14 and 86401 with precise messages', async () => {
    const { t } = await setup();
    const cases: [StartConfigurationSessionCommandInput, string][] = [
      [
        names({ ApplicationIdentifier: '' }),
        'ApplicationIdentifier must be 1 to 128 characters long, got 0.',
      ],
      [
        names({ EnvironmentIdentifier: 'e'.repeat(129) }),
        'EnvironmentIdentifier must be 1 to 128 characters long, got 129.',
      ],
      [
        names({ RequiredMinimumPollIntervalInSeconds: 14 }),
        'RequiredMinimumPollIntervalInSeconds must be between 15 and 86400, got 14.',
      ],
      [
        names({ RequiredMinimumPollIntervalInSeconds: 86_401 }),
        'RequiredMinimumPollIntervalInSeconds must be between 15 and 86400, got 86401.',
      ],
    ];
    for (const [input, message] of cases) {
      const error = await t.data
        .send(new StartConfigurationSessionCommand(input))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestException);
      expect((error as BadRequestException).message).toBe(message);
      expect((error as BadRequestException).$metadata.httpStatusCode).toBe(400);
    }
    // 128 characters and the interval bounds themselves are valid (and then simply not found / accepted).
    const long = await t.data
      .send(new StartConfigurationSessionCommand(names({ ApplicationIdentifier: 'a'.repeat(128) })))
      .catch((e: unknown) => e);
    expect(long).toBeInstanceOf(ResourceNotFoundException);
    await start(t.data, names({ RequiredMinimumPollIntervalInSeconds: 86_400 }));
  });

  it('starts a session before anything is deployed, then 404s the poll with ResourceType Configuration', async () => {
    const { t } = await setup(false);
    const error = await t.data
      .send(new GetLatestConfigurationCommand({ ConfigurationToken: await start(t.data) }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as ResourceNotFoundException).ResourceType).toBe('Configuration');
    expect((error as ResourceNotFoundException).ReferencedBy).toHaveProperty('ConfigurationToken');
  });

  it('sends the full older content when the environment goes back to a version the session does not hold', async () => {
    const { t, fx } = await setup();
    const store = t.emulator.context.store;
    const first = await t.data.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: await start(t.data) }),
    );
    expect(first.VersionLabel).toBe('v2-blue');
    deployNow(store, fx.envId, fx.profile, 1);
    const back = await t.data.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }),
    );
    expect(text(back.Configuration)).toBe('{"color":"red"}');
    expect(back.VersionLabel).toBe('v1-red');
    const again = await t.data.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: back.NextPollConfigurationToken }),
    );
    expect(again.Configuration?.length ?? 0).toBe(0);
  });

  it('serves the stored content type, no Version-Label for an unlabelled version, and flags via servedContent', async () => {
    const { t, fx } = await setup();
    const store = t.emulator.context.store;
    addVersion(store, fx.profile, 'color: green\n', { contentType: 'application/x-yaml' });
    deployNow(store, fx.envId, fx.profile, 3);
    const yaml = await t.data.send(
      new GetLatestConfigurationCommand({ ConfigurationToken: await start(t.data) }),
    );
    expect(yaml.ContentType).toBe('application/x-yaml');
    expect(text(yaml.Configuration)).toBe('color: green\n');
    expect(yaml.VersionLabel).toBeUndefined();

    const authored = {
      version: '1',
      flags: { beta: { name: 'Beta' } },
      values: { beta: { enabled: true } },
    };
    const flags = addVersion(store, fx.flagsProfile, JSON.stringify(authored), {
      label: 'flags-1',
    });
    deployNow(store, fx.envId, fx.flagsProfile, flags.VersionNumber);
    const token = await start(t.data, names({ ConfigurationProfileIdentifier: 'Flags' }));
    const out = await t.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token }));
    const expected = servedContent(fx.flagsProfile, flags);
    expect(out.ContentType).toBe(expected.contentType);
    expect(Buffer.from(out.Configuration!).equals(expected.body)).toBe(true);
    // Served in the retrieval-time form, not as authored (docs/protocol.md §5.1).
    expect(JSON.parse(text(out.Configuration))).toEqual({ beta: { enabled: true } });
  });

  it('routes a client configured only by AWS_ENDPOINT_URL_APPCONFIGDATA', async () => {
    const { t } = await setup();
    const saved = process.env.AWS_ENDPOINT_URL_APPCONFIGDATA;
    process.env.AWS_ENDPOINT_URL_APPCONFIGDATA = t.emulator.url;
    const client = new AppConfigDataClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDENVTEST', secretAccessKey: 'env-test-secret' },
    });
    try {
      const out = await client.send(
        new GetLatestConfigurationCommand({ ConfigurationToken: await start(client) }),
      );
      expect(text(out.Configuration)).toBe('{"color":"blue"}');
    } finally {
      client.destroy();
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_APPCONFIGDATA;
      else process.env.AWS_ENDPOINT_URL_APPCONFIGDATA = saved;
    }
  });
});
