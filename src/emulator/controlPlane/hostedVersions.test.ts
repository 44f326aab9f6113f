// Hosted configuration versions through the real SDK: byte-exact round trips, header members, label and
// optimistic-lock conflicts, the size limit, feature-flag refusal at create time, list filters and delete.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateApplicationCommand,
  CreateConfigurationProfileCommand,
  CreateHostedConfigurationVersionCommand,
  DeleteHostedConfigurationVersionCommand,
  GetHostedConfigurationVersionCommand,
  ListHostedConfigurationVersionsCommand,
} from '@aws-sdk/client-appconfig';
import { startTestEmulator, type TestEmulator } from '../test/support.js';

let t: TestEmulator;
let appId: string;
beforeAll(async () => {
  t = await startTestEmulator();
  appId = (await t.control.send(new CreateApplicationCommand({ Name: 'hosted' }))).Id!;
});
afterAll(() => t.close());

async function profile(
  type: 'AWS.Freeform' | 'AWS.AppConfig.FeatureFlags' = 'AWS.Freeform',
): Promise<string> {
  const p = await t.control.send(
    new CreateConfigurationProfileCommand({
      ApplicationId: appId,
      Name: `p-${Math.random()}`,
      LocationUri: 'hosted',
      Type: type,
    }),
  );
  return p.Id!;
}

const put = (
  profileId: string,
  content: Uint8Array | string,
  extra: {
    ContentType?: string;
    VersionLabel?: string;
    Description?: string;
    LatestVersionNumber?: number;
  } = {},
) =>
  t.control.send(
    new CreateHostedConfigurationVersionCommand({
      ApplicationId: appId,
      ConfigurationProfileId: profileId,
      Content: typeof content === 'string' ? new TextEncoder().encode(content) : content,
      ContentType: 'application/json',
      ...extra,
    }),
  );

describe('content round trip', () => {
  const cases: [string, string, Uint8Array][] = [
    [
      'JSON',
      'application/json',
      new TextEncoder().encode('{ "a": [1, 2, {"b": "ü"}],\n  "c": null }\n'),
    ],
    [
      'YAML',
      'application/x-yaml',
      new TextEncoder().encode('a:\n  - 1\n  - "two: 2"\n# comment\n'),
    ],
    ['text', 'text/plain; charset=utf-8', new TextEncoder().encode('Hello\r\nworld\t✓\n')],
    ['binary', 'application/octet-stream', new Uint8Array([0, 255, 1, 254, ...randomBytes(4096)])],
  ];
  it.each(cases)(
    '%s comes back byte for byte with its Content-Type and header members',
    async (_, contentType, bytes) => {
      const profileId = await profile();
      const created = await put(profileId, bytes, {
        ContentType: contentType,
        VersionLabel: 'v1.0',
        Description: 'first',
      });
      expect(created.$metadata.httpStatusCode).toBe(201);
      expect(created).toMatchObject({
        ApplicationId: appId,
        ConfigurationProfileId: profileId,
        VersionNumber: 1,
        ContentType: contentType,
        VersionLabel: 'v1.0',
        Description: 'first',
      });
      const got = await t.control.send(
        new GetHostedConfigurationVersionCommand({
          ApplicationId: appId,
          ConfigurationProfileId: profileId,
          VersionNumber: 1,
        }),
      );
      expect(got.ContentType).toBe(contentType);
      expect(Buffer.from(got.Content!).equals(Buffer.from(bytes))).toBe(true);
    },
  );
});

describe('create checks', () => {
  it('numbers versions, honours Latest-Version-Number, and refuses a stale one with ConflictException', async () => {
    const profileId = await profile();
    expect((await put(profileId, '{}', { LatestVersionNumber: 0 })).VersionNumber).toBe(1);
    expect((await put(profileId, '{}', { LatestVersionNumber: 1 })).VersionNumber).toBe(2);
    await expect(put(profileId, '{}', { LatestVersionNumber: 1 })).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 },
      message: expect.stringContaining(
        `LatestVersionNumber 1 does not match the latest version of configuration profile ${profileId}, which is 2`,
      ),
    });
  });

  it('refuses a reused label (409) and an all-digit label (400)', async () => {
    const profileId = await profile();
    await put(profileId, '{}', { VersionLabel: 'release-1' });
    await expect(put(profileId, '{}', { VersionLabel: 'release-1' })).rejects.toMatchObject({
      name: 'ConflictException',
    });
    await expect(put(profileId, '{}', { VersionLabel: '123' })).rejects.toMatchObject({
      name: 'BadRequestException',
      message: "VersionLabel '123' must match the pattern .*[^0-9].* (at least one non-digit).",
    });
  });

  it('refuses empty content, a missing Content-Type, and unknown profiles', async () => {
    const profileId = await profile();
    await expect(put(profileId, '')).rejects.toMatchObject({
      message: 'Content is required: the request body is empty.',
    });
    const res = await fetch(
      `${t.emulator.url}/applications/${appId}/configurationprofiles/${profileId}/hostedconfigurationversions`,
      {
        method: 'POST',
        body: new Uint8Array([1, 2, 3]),
      },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      Message: 'ContentType is required (the Content-Type header).',
    });
    await expect(put('abcd123', '{}')).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceName: 'ConfigurationProfile',
    });
  });

  it('refuses content over 2 MiB with 413 PayloadTooLargeException in kilobytes', async () => {
    const profileId = await profile();
    await expect(
      put(profileId, new Uint8Array(2 * 1024 * 1024 + 1), {
        ContentType: 'application/octet-stream',
      }),
    ).rejects.toMatchObject({
      name: 'PayloadTooLargeException',
      $metadata: { httpStatusCode: 413 },
      Measure: 'KILOBYTES',
      Limit: 2048,
    });
    const exact = await put(profileId, new Uint8Array(2 * 1024 * 1024), {
      ContentType: 'application/octet-stream',
    });
    expect(exact.VersionNumber).toBe(1);
  });
});

describe('feature-flag profiles', () => {
  const valid = {
    version: '1',
    flags: {
      beta: {
        name: 'Beta',
        attributes: {
          level: { constraints: { type: 'number', minimum: 1, maximum: 5, required: true } },
        },
      },
    },
    values: { beta: { enabled: true, level: 3 } },
  };

  it('accepts a valid authored document and stores it unchanged', async () => {
    const profileId = await profile('AWS.AppConfig.FeatureFlags');
    const body = JSON.stringify(valid);
    await put(profileId, body);
    const got = await t.control.send(
      new GetHostedConfigurationVersionCommand({
        ApplicationId: appId,
        ConfigurationProfileId: profileId,
        VersionNumber: 1,
      }),
    );
    expect(new TextDecoder().decode(got.Content)).toBe(body);
  });

  it('refuses an invalid document with Reason InvalidConfiguration and a detail per problem', async () => {
    const profileId = await profile('AWS.AppConfig.FeatureFlags');
    const invalid = {
      ...valid,
      values: { beta: { enabled: true, level: 9 }, ghost: { enabled: true } },
      extra: 1,
    };
    const error = await put(profileId, JSON.stringify(invalid)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'BadRequestException',
      $metadata: { httpStatusCode: 400 },
      Reason: 'InvalidConfiguration',
      message: expect.stringContaining('$.values.beta.level: Value 9 is above the maximum 5.'),
    });
    const details = (
      error as { Details: { InvalidConfiguration: { Location: string; Reason: string }[] } }
    ).Details.InvalidConfiguration;
    expect(details.map((d) => d.Location).sort()).toEqual([
      '$.extra',
      '$.values.beta.level',
      '$.values.ghost',
    ]);
  });

  it('refuses non-JSON content types and non-JSON bodies', async () => {
    const profileId = await profile('AWS.AppConfig.FeatureFlags');
    await expect(
      put(profileId, JSON.stringify(valid), { ContentType: 'text/plain' }),
    ).rejects.toMatchObject({
      message:
        "Feature flag configurations must be uploaded as application/json; got Content-Type 'text/plain'.",
    });
    await expect(put(profileId, 'not json')).rejects.toMatchObject({
      Reason: 'InvalidConfiguration',
      message: expect.stringContaining('$: Content is not valid UTF-8 JSON'),
    });
  });
});

describe('list, get and delete', () => {
  it('lists newest first, filters by exact or prefix label, 404s and deletes', async () => {
    const profileId = await profile();
    for (const label of ['v1-a', 'v2-a', 'w1'])
      await put(profileId, `"${label}"`, { VersionLabel: label });
    const list = (label?: string) =>
      t.control.send(
        new ListHostedConfigurationVersionsCommand({
          ApplicationId: appId,
          ConfigurationProfileId: profileId,
          VersionLabel: label,
        }),
      );
    expect((await list()).Items?.map((v) => v.VersionNumber)).toEqual([3, 2, 1]);
    expect((await list('v*')).Items?.map((v) => v.VersionLabel)).toEqual(['v2-a', 'v1-a']);
    expect((await list('v1-a')).Items).toEqual([
      {
        ApplicationId: appId,
        ConfigurationProfileId: profileId,
        VersionNumber: 1,
        ContentType: 'application/json',
        VersionLabel: 'v1-a',
      },
    ]);
    const del = await t.control.send(
      new DeleteHostedConfigurationVersionCommand({
        ApplicationId: appId,
        ConfigurationProfileId: profileId,
        VersionNumber: 3,
      }),
    );
    expect(del.$metadata.httpStatusCode).toBe(204);
    await expect(
      t.control.send(
        new GetHostedConfigurationVersionCommand({
          ApplicationId: appId,
          ConfigurationProfileId: profileId,
          VersionNumber: 3,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceName: 'HostedConfigurationVersion',
    });
    // Deleted numbers are not reused.
    expect((await put(profileId, '{}')).VersionNumber).toBe(4);
    const bad = await fetch(
      `${t.emulator.url}/applications/${appId}/configurationprofiles/${profileId}/hostedconfigurationversions/one`,
    );
    expect(await bad.json()).toEqual({
      Message: "VersionNumber 'one' must be a positive integer.",
    });
  });
});
