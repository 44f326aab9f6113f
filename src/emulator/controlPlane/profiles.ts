// CreateConfigurationProfile / ListConfigurationProfiles / GetConfigurationProfile. Only the AppConfig hosted
// store is emulated, so LocationUri must be `hosted`; S3, SSM, Secrets Manager and CodePipeline sources are
// refused with a message saying so rather than accepted and never served.
import type { EmulatorContext } from '../index.js';
import { badRequest, parseJsonObject, sendJson } from '../http.js';
import { preview } from '../preview.js';
import { route, type Route } from '../router.js';
import type { ConfigurationProfile, Store } from '../store.js';
import { requireApplication } from './applications.js';
import { paginate } from './pagination.js';
import {
  checkObject,
  checkString,
  checkTags,
  notFound,
  optionalList,
  optionalString,
  pathId,
  quotaExceeded,
  requiredString,
  type Body,
} from './validation.js';

/** AWS's default quota ("100 profiles per app", docs/protocol.md §5.2). */
const MAX_PROFILES = 100;
const PROFILE_TYPES = ['AWS.Freeform', 'AWS.AppConfig.FeatureFlags'] as const;

export function requireProfile(
  store: Store,
  applicationId: string,
  profileId: string,
): ConfigurationProfile {
  requireApplication(store, applicationId);
  const profile = (store.profiles.get(applicationId) ?? []).find((p) => p.Id === profileId);
  if (!profile) {
    throw notFound(
      'ConfigurationProfile',
      `Configuration profile ${profileId} does not exist in application ${applicationId}.`,
    );
  }
  return profile;
}

function profileType(value: unknown): ConfigurationProfile['Type'] {
  if (value === undefined || value === null) return 'AWS.Freeform';
  const type = checkString('Type', value, {
    min: 1,
    max: 1024,
    pattern: /^[a-zA-Z.]+$/,
    patternText: '^[a-zA-Z\\.]+',
  });
  if (!(PROFILE_TYPES as readonly string[]).includes(type)) {
    throw badRequest(`Type must be AWS.Freeform or AWS.AppConfig.FeatureFlags; got '${type}'.`);
  }
  return type as ConfigurationProfile['Type'];
}

function validators(body: Body): ConfigurationProfile['Validators'] {
  return optionalList(body, 'Validators', 2)?.map((item, i) => {
    const v = checkObject(`Validators[${i}]`, item);
    if (v.Type !== 'JSON_SCHEMA' && v.Type !== 'LAMBDA') {
      throw badRequest(
        `Validators[${i}].Type must be JSON_SCHEMA or LAMBDA; got ${preview(v.Type)}.`,
      );
    }
    return {
      Type: v.Type,
      Content: checkString(`Validators[${i}].Content`, v.Content, { max: 32768 }),
    };
  });
}

export function createProfile(
  store: Store,
  applicationId: string,
  body: Body,
): ConfigurationProfile {
  requireApplication(store, applicationId);
  const Name = requiredString(body, 'Name', { min: 1, max: 128 });
  const Description = optionalString(body, 'Description', { max: 1024 });
  const LocationUri = requiredString(body, 'LocationUri', { min: 1, max: 2048 });
  if (LocationUri !== 'hosted') {
    throw badRequest(
      `LocationUri '${LocationUri}' is not supported by this emulator: only the AppConfig hosted configuration ` +
        `store is emulated, so LocationUri must be 'hosted'.`,
    );
  }
  const Type = profileType(body.Type);
  const Validators = validators(body);
  // The hosted store needs neither a retrieval role nor a KMS key: checked, then dropped.
  optionalString(body, 'RetrievalRoleArn', { min: 20, max: 2048 });
  optionalString(body, 'KmsKeyIdentifier', { min: 1, max: 2048 });
  checkTags(body);
  let list = store.profiles.get(applicationId);
  if (!list) store.profiles.set(applicationId, (list = []));
  if (list.length >= MAX_PROFILES) {
    throw quotaExceeded(
      `Application ${applicationId} already has the maximum of ${MAX_PROFILES} configuration profiles.`,
    );
  }
  const profile: ConfigurationProfile = {
    ApplicationId: applicationId,
    Id: store.newId(),
    Name,
    Description,
    LocationUri,
    Type,
    Validators,
  };
  list.push(profile);
  return profile;
}

const summary = (p: ConfigurationProfile) => ({
  ApplicationId: p.ApplicationId,
  Id: p.Id,
  Name: p.Name,
  LocationUri: p.LocationUri,
  ValidatorTypes: (p.Validators ?? []).map((v) => v.Type),
  Type: p.Type,
});

export function profileRoutes({ store }: EmulatorContext): Route[] {
  return [
    route('POST', '/applications/:ApplicationId/configurationprofiles', async (ctx) => {
      const appId = pathId(ctx, 'ApplicationId');
      sendJson(ctx.res, 201, createProfile(store, appId, parseJsonObject(await ctx.body())));
    }),
    route('GET', '/applications/:ApplicationId/configurationprofiles', (ctx) => {
      const appId = pathId(ctx, 'ApplicationId');
      requireApplication(store, appId);
      const type = ctx.url.searchParams.get('type');
      if (type !== null) profileType(type);
      const list = (store.profiles.get(appId) ?? []).filter(
        (p) => type === null || p.Type === type,
      );
      // The filter is part of the scope: a token from the unfiltered list must not page the filtered one.
      sendJson(
        ctx.res,
        200,
        paginate(ctx.url, `profiles:${appId}:${type ?? ''}`, list.map(summary)),
      );
    }),
    route(
      'GET',
      '/applications/:ApplicationId/configurationprofiles/:ConfigurationProfileId',
      (ctx) => {
        const appId = pathId(ctx, 'ApplicationId');
        sendJson(ctx.res, 200, requireProfile(store, appId, pathId(ctx, 'ConfigurationProfileId')));
      },
    ),
  ];
}
