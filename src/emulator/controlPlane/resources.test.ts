// Applications, environments and configuration profiles through the real @aws-sdk/client-appconfig, plus raw
// HTTP for the malformed requests an SDK would never send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateApplicationCommand,
  CreateConfigurationProfileCommand,
  CreateEnvironmentCommand,
  GetApplicationCommand,
  GetConfigurationProfileCommand,
  GetEnvironmentCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListEnvironmentsCommand,
} from '@aws-sdk/client-appconfig';
import { startTestEmulator, type TestEmulator } from '../test/support.js';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator();
});
afterAll(() => t.close());

const raw = (path: string, init: RequestInit = {}) => fetch(`${t.emulator.url}${path}`, init);

describe('applications', () => {
  it('creates, gets and lists an application with an AWS-shaped id', async () => {
    const created = await t.control.send(
      new CreateApplicationCommand({ Name: 'shop', Description: 'the shop' }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.Id).toMatch(/^[a-z0-9]{7}$/);
    const got = await t.control.send(new GetApplicationCommand({ ApplicationId: created.Id }));
    expect(got).toMatchObject({ Id: created.Id, Name: 'shop', Description: 'the shop' });
    const list = await t.control.send(new ListApplicationsCommand({}));
    expect(list.Items?.map((a) => a.Name)).toContain('shop');
  });

  it('answers 404 ResourceNotFoundException with ResourceName for an unknown id', async () => {
    await expect(
      t.control.send(new GetApplicationCommand({ ApplicationId: 'zzzz999' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceName: 'Application',
      $metadata: { httpStatusCode: 404 },
      message: 'Application zzzz999 does not exist.',
    });
  });

  it('refuses a malformed path id and invalid names with precise BadRequest messages', async () => {
    await expect(
      t.control.send(new GetApplicationCommand({ ApplicationId: 'NOT-AN-ID' })),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: "ApplicationId 'NOT-AN-ID' is not a valid id: it must match [a-z0-9]{4,7}.",
    });
    await expect(
      t.control.send(new CreateApplicationCommand({ Name: 'x'.repeat(65) })),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'Name must be between 1 and 64 characters long; it has 65.',
    });
    const noName = await raw('/applications', { method: 'POST', body: '{"Description":"d"}' });
    expect(noName.status).toBe(400);
    expect(await noName.json()).toEqual({ Message: 'Name is required.' });
    const badJson = await raw('/applications', { method: 'POST', body: '{"Name":' });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    const wrongType = await raw('/applications', { method: 'POST', body: '{"Name":42}' });
    expect(await wrongType.json()).toEqual({ Message: 'Name must be a string, not a number.' });
    const badTags = await raw('/applications', {
      method: 'POST',
      body: '{"Name":"n","Tags":["a"]}',
    });
    expect(await badTags.json()).toEqual({ Message: 'Tags must be an object, not an array.' });
  });
});

describe('environments', () => {
  it('creates environments READY_FOR_DEPLOYMENT, echoes Monitors, and lists them per application', async () => {
    const app = await t.control.send(new CreateApplicationCommand({ Name: 'env-app' }));
    const monitors = [{ AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:x' }];
    const dev = await t.control.send(
      new CreateEnvironmentCommand({ ApplicationId: app.Id, Name: 'dev', Monitors: monitors }),
    );
    expect(dev).toMatchObject({
      ApplicationId: app.Id,
      Name: 'dev',
      State: 'READY_FOR_DEPLOYMENT',
      Monitors: monitors,
    });
    const got = await t.control.send(
      new GetEnvironmentCommand({ ApplicationId: app.Id, EnvironmentId: dev.Id }),
    );
    expect(got.Id).toBe(dev.Id);
    await t.control.send(new CreateEnvironmentCommand({ ApplicationId: app.Id, Name: 'prod' }));
    const list = await t.control.send(new ListEnvironmentsCommand({ ApplicationId: app.Id }));
    expect(list.Items?.map((e) => e.Name)).toEqual(['dev', 'prod']);
  });

  it('404s an environment of an unknown application or an unknown environment', async () => {
    await expect(
      t.control.send(new CreateEnvironmentCommand({ ApplicationId: 'nope123', Name: 'dev' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceName: 'Application',
    });
    const app = await t.control.send(new CreateApplicationCommand({ Name: 'env-404' }));
    await expect(
      t.control.send(
        new GetEnvironmentCommand({ ApplicationId: app.Id, EnvironmentId: 'abcd123' }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceName: 'Environment',
      message: `Environment abcd123 does not exist in application ${app.Id}.`,
    });
  });

  it('refuses a role ARN that is not an IAM role', async () => {
    const app = await t.control.send(new CreateApplicationCommand({ Name: 'env-arn' }));
    const bad = t.control.send(
      new CreateEnvironmentCommand({
        ApplicationId: app.Id,
        Name: 'x',
        Monitors: [{ AlarmArn: 'a', AlarmRoleArn: 'arn:aws:s3:::bucket-name-x' }],
      }),
    );
    await expect(bad).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringMatching(/^Monitors\[0\]\.AlarmRoleArn/),
    });
  });
});

describe('configuration profiles', () => {
  it('defaults Type to AWS.Freeform, accepts feature flags, and filters the list by type', async () => {
    const app = await t.control.send(new CreateApplicationCommand({ Name: 'prof-app' }));
    const free = await t.control.send(
      new CreateConfigurationProfileCommand({
        ApplicationId: app.Id,
        Name: 'cfg',
        LocationUri: 'hosted',
      }),
    );
    expect(free).toMatchObject({
      Type: 'AWS.Freeform',
      LocationUri: 'hosted',
      ApplicationId: app.Id,
    });
    const flags = await t.control.send(
      new CreateConfigurationProfileCommand({
        ApplicationId: app.Id,
        Name: 'flags',
        LocationUri: 'hosted',
        Type: 'AWS.AppConfig.FeatureFlags',
        Validators: [{ Type: 'JSON_SCHEMA', Content: '{}' }],
      }),
    );
    const got = await t.control.send(
      new GetConfigurationProfileCommand({
        ApplicationId: app.Id,
        ConfigurationProfileId: flags.Id,
      }),
    );
    expect(got).toMatchObject({
      Name: 'flags',
      Type: 'AWS.AppConfig.FeatureFlags',
      Validators: [{ Type: 'JSON_SCHEMA', Content: '{}' }],
    });
    const onlyFlags = await t.control.send(
      new ListConfigurationProfilesCommand({
        ApplicationId: app.Id,
        Type: 'AWS.AppConfig.FeatureFlags',
      }),
    );
    expect(onlyFlags.Items).toEqual([
      {
        ApplicationId: app.Id,
        Id: flags.Id,
        Name: 'flags',
        LocationUri: 'hosted',
        Type: 'AWS.AppConfig.FeatureFlags',
        ValidatorTypes: ['JSON_SCHEMA'],
      },
    ]);
  });

  it('refuses non-hosted locations and unknown types, saying only hosted is emulated', async () => {
    const app = await t.control.send(new CreateApplicationCommand({ Name: 'prof-bad' }));
    await expect(
      t.control.send(
        new CreateConfigurationProfileCommand({
          ApplicationId: app.Id,
          Name: 'p',
          LocationUri: 's3://bucket/key',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: expect.stringContaining(
        "only the AppConfig hosted configuration store is emulated, so LocationUri must be 'hosted'",
      ),
    });
    await expect(
      t.control.send(
        new CreateConfigurationProfileCommand({
          ApplicationId: app.Id,
          Name: 'p',
          LocationUri: 'hosted',
          Type: 'AWS.Other',
        }),
      ),
    ).rejects.toMatchObject({
      message: "Type must be AWS.Freeform or AWS.AppConfig.FeatureFlags; got 'AWS.Other'.",
    });
    await expect(
      t.control.send(
        new GetConfigurationProfileCommand({
          ApplicationId: app.Id,
          ConfigurationProfileId: 'abcd123',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      ResourceName: 'ConfigurationProfile',
    });
  });
});

describe('pagination', () => {
  it('pages with MaxResults and NextToken until the list is exhausted', async () => {
    const app = await t.control.send(new CreateApplicationCommand({ Name: 'paging' }));
    for (let i = 0; i < 5; i++)
      await t.control.send(new CreateEnvironmentCommand({ ApplicationId: app.Id, Name: `e${i}` }));
    const names: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await t.control.send(
        new ListEnvironmentsCommand({ ApplicationId: app.Id, MaxResults: 2, NextToken }),
      );
      names.push(...(page.Items ?? []).map((e) => e.Name!));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(names).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(pages).toBe(3);
  });

  it('validates max_results and refuses foreign or forged next tokens', async () => {
    const app = await t.control.send(new CreateApplicationCommand({ Name: 'paging-bad' }));
    for (const bad of ['0', '51', 'ten', '1.5']) {
      const res = await raw(`/applications?max_results=${bad}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        Message: `MaxResults must be an integer between 1 and 50; got '${bad}'.`,
      });
    }
    const forged = await raw('/applications?next_token=garbage');
    expect(await forged.json()).toEqual({
      Message: 'NextToken is not a token this service issued.',
    });
    await t.control.send(new CreateApplicationCommand({ Name: 'paging-bad-2' }));
    const first = await t.control.send(new ListApplicationsCommand({ MaxResults: 1 }));
    await expect(
      t.control.send(
        new ListEnvironmentsCommand({ ApplicationId: app.Id, NextToken: first.NextToken }),
      ),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'NextToken was issued for a different list; start this list without it.',
    });
  });
});
