// Seeded, bounded fuzz of every route family over real HTTP: malformed requests must each get a well-formed
// AWS error (never a 500, which SDKs retry), nothing may hang or pollute prototypes, and a real SDK session
// must still work afterwards. FUZZ_SEED reproduces a run; FUZZ_COUNT changes its size.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import {
  CreateApplicationCommand,
  CreateConfigurationProfileCommand,
  CreateEnvironmentCommand,
  CreateHostedConfigurationVersionCommand,
  StartDeploymentCommand,
} from '@aws-sdk/client-appconfig';
import { addVersion, deployNow, seedFixture } from './test/dataPlaneFixture.js';
import { fuzzCases, type Known } from './test/fuzzCases.js';
import { rawRequest, type RawRequest, type RawResponse } from './test/rawHttp.js';
import { startTestEmulator, type TestEmulator } from './test/support.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_121);
const COUNT = Number(process.env.FUZZ_COUNT ?? 2500);
const PARALLEL = 8;

let t: TestEmulator;
let known: Known;
beforeAll(async () => {
  t = await startTestEmulator();
  const store = t.emulator.context.store;
  const fx = seedFixture(store);
  addVersion(store, fx.profile, '{"fuzz":1}');
  deployNow(store, fx.envId, fx.profile, 1);
  const start = await t.data.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: 'MyMobileApp',
      EnvironmentIdentifier: 'Prod',
      ConfigurationProfileIdentifier: 'Settings',
    }),
  );
  known = {
    appId: fx.appId,
    envId: fx.envId,
    profileId: fx.profile.Id,
    flagsProfileId: fx.flagsProfile.Id,
    token: start.InitialConfigurationToken!,
  };
});
afterAll(() => t.close());

/** What is wrong with this answer, or undefined when it is a proper one. */
function problemWith(req: RawRequest, res: RawResponse): string | undefined {
  if (res.status >= 500 || res.status < 200) return `status ${res.status}`;
  if (res.status < 400) {
    if (req.method === 'OPTIONS' && res.status === 204) return undefined;
    if (!(res.headers['content-type'] ?? '').includes('json')) return undefined;
    try {
      JSON.parse(res.body.toString('utf8'));
      return undefined;
    } catch {
      return 'a 2xx JSON answer that does not parse';
    }
  }
  if (!/^[A-Za-z]+$/.test(res.headers['x-amzn-errortype'] ?? ''))
    return 'no x-amzn-ErrorType header';
  if (req.method === 'HEAD') return undefined;
  try {
    const body = JSON.parse(res.body.toString('utf8')) as { Message?: unknown };
    return typeof body.Message === 'string' && body.Message !== ''
      ? undefined
      : 'error body without a Message';
  } catch {
    return `error body is not JSON: ${res.body.subarray(0, 80).toString()}`;
  }
}

it(`answers ${COUNT} malformed requests (seed ${SEED}) with well-formed 4xx errors, then still serves an SDK`, async () => {
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  const cases = fuzzCases(SEED, COUNT, known);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const req = cases[index]!;
      let problem: string | undefined;
      try {
        const res = await rawRequest(t.emulator.port, { ...req, timeoutMs: 5000 });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        problem = problemWith(req, res);
      } catch (e) {
        problem = (e as Error).message;
      }
      if (problem) failures.push(`#${index} ${req.method} ${req.path.slice(0, 100)}: ${problem}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  expect(failures.slice(0, 20), `seed ${SEED}`).toEqual([]);
  // The fuzz must really reach refusals of several kinds, not just one early exit.
  expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(5);
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();

  // A fresh chain through the control plane, which the fuzz may have changed around the fixture.
  const app = await t.control.send(new CreateApplicationCommand({ Name: 'after-fuzz' }));
  const env = await t.control.send(
    new CreateEnvironmentCommand({ ApplicationId: app.Id, Name: 'env' }),
  );
  const profile = await t.control.send(
    new CreateConfigurationProfileCommand({
      ApplicationId: app.Id,
      Name: 'p',
      LocationUri: 'hosted',
    }),
  );
  const version = await t.control.send(
    new CreateHostedConfigurationVersionCommand({
      ApplicationId: app.Id,
      ConfigurationProfileId: profile.Id,
      Content: Buffer.from('{"fuzz":1}'),
      ContentType: 'application/json',
    }),
  );
  await t.control.send(
    new StartDeploymentCommand({
      ApplicationId: app.Id,
      EnvironmentId: env.Id,
      ConfigurationProfileId: profile.Id,
      ConfigurationVersion: String(version.VersionNumber),
      DeploymentStrategyId: 'allnow1',
    }),
  );
  const { InitialConfigurationToken } = await t.data.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: 'after-fuzz',
      EnvironmentIdentifier: 'env',
      ConfigurationProfileIdentifier: 'p',
    }),
  );
  const poll = await t.data.send(
    new GetLatestConfigurationCommand({ ConfigurationToken: InitialConfigurationToken }),
  );
  expect(Buffer.from(poll.Configuration!).toString()).toBe('{"fuzz":1}');
}, 20_000);
