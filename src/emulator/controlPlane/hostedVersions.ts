// Create/List/Get/Delete HostedConfigurationVersion. The content is the raw HTTP payload and every other
// member travels in a header (Content-Type, Description, VersionLabel, Latest-Version-Number), both ways,
// exactly as the model binds them. Feature-flag documents are validated here, at create time, as AWS does.
import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from '../index.js';
import { AwsError, badRequest, sendJson } from '../http.js';
import { route, type RequestContext, type Route } from '../router.js';
import type { HostedVersion, Store } from '../store.js';
import { validateFlagDocument } from './flagValidation.js';
import { paginate } from './pagination.js';
import { requireProfile } from './profiles.js';
import {
  checkHeaderText,
  checkString,
  conflict,
  notFound,
  pathId,
  pathInteger,
} from './validation.js';

/** Hosted configuration size limit enforced by the emulator (2 MiB). */
export const MAX_CONTENT_BYTES = 2 * 1024 * 1024;

/** The members of CreateHostedConfigurationVersion as they arrive (headers are strings until checked). */
export interface HostedVersionInput {
  Content: Buffer;
  ContentType?: string;
  Description?: string;
  VersionLabel?: string;
  LatestVersionNumber?: string;
}

export function requireVersion(
  store: Store,
  appId: string,
  profileId: string,
  versionNumber: number,
): HostedVersion {
  requireProfile(store, appId, profileId);
  const version = store.findVersion(appId, profileId, versionNumber);
  if (!version) {
    throw notFound(
      'HostedConfigurationVersion',
      `Hosted configuration version ${versionNumber} does not exist for configuration profile ${profileId}.`,
    );
  }
  return version;
}

/** Numbers are never reused, even after a delete, so a deployment's ConfigurationVersion stays unique. */
function nextVersionNumber(store: Store, appId: string, profileId: string): number {
  let max = 0;
  for (const v of store.versionsOf(appId, profileId)) max = Math.max(max, v.VersionNumber);
  for (const v of store.retiredVersions.values()) {
    if (v.ApplicationId === appId && v.ConfigurationProfileId === profileId) {
      max = Math.max(max, v.VersionNumber);
    }
  }
  return max + 1;
}

function flagProblems(content: Buffer, contentType: string): AwsError | undefined {
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    return badRequest(
      `Feature flag configurations must be uploaded as application/json; got Content-Type '${contentType}'.`,
    );
  }
  const problems = validateFlagDocument(content);
  if (problems.length === 0) return undefined;
  const shown = problems.slice(0, 5).map((p) => `${p.Location}: ${p.Reason}`);
  if (problems.length > 5) shown.push(`and ${problems.length - 5} more (see Details)`);
  return badRequest(`The feature flag configuration is invalid. ${shown.join(' ')}`, {
    Reason: 'InvalidConfiguration',
    Details: { InvalidConfiguration: problems },
  });
}

/** A header member: present or not, then held to its model rule and to what a header can carry. */
function headerMember(
  name: string,
  value: string | undefined,
  rule: Parameters<typeof checkString>[2],
) {
  return value === undefined ? undefined : checkHeaderText(name, checkString(name, value, rule));
}

export function createHostedVersion(
  store: Store,
  appId: string,
  profileId: string,
  input: HostedVersionInput,
): HostedVersion {
  const profile = requireProfile(store, appId, profileId);
  const ContentType = headerMember('ContentType', input.ContentType, { min: 1, max: 255 });
  if (ContentType === undefined)
    throw badRequest('ContentType is required (the Content-Type header).');
  const Description = headerMember('Description', input.Description, { max: 1024 });
  const VersionLabel = headerMember('VersionLabel', input.VersionLabel, {
    min: 1,
    max: 64,
    pattern: /[^0-9]/,
    patternText: '.*[^0-9].* (at least one non-digit)',
  });
  // An empty payload is a missing required blob; served, it would also read as "unchanged" to pollers.
  if (input.Content.length === 0)
    throw badRequest('Content is required: the request body is empty.');
  if (input.Content.length > MAX_CONTENT_BYTES) throw payloadTooLarge(input.Content.length);
  const versions = store.versionsOf(appId, profileId);
  if (input.LatestVersionNumber !== undefined) {
    if (!/^-?\d{1,10}$/.test(input.LatestVersionNumber)) {
      throw badRequest(
        `LatestVersionNumber must be an integer; got '${input.LatestVersionNumber}'.`,
      );
    }
    // A profile without versions counts as latest version 0, so `0` guards the very first create.
    const latest = versions.at(-1)?.VersionNumber ?? 0;
    if (Number(input.LatestVersionNumber) !== latest) {
      throw conflict(
        `LatestVersionNumber ${input.LatestVersionNumber} does not match the latest version of configuration ` +
          `profile ${profileId}, which is ${latest}. Another version was created in the meantime.`,
      );
    }
  }
  // StartDeployment accepts a label as ConfigurationVersion, so a label must name exactly one version.
  if (VersionLabel !== undefined && versions.some((v) => v.VersionLabel === VersionLabel)) {
    throw conflict(
      `VersionLabel '${VersionLabel}' is already used by another version of configuration profile ${profileId}.`,
    );
  }
  if (profile.Type === 'AWS.AppConfig.FeatureFlags') {
    const problem = flagProblems(input.Content, ContentType);
    if (problem) throw problem;
  }
  const version: HostedVersion = {
    ApplicationId: appId,
    ConfigurationProfileId: profileId,
    VersionNumber: nextVersionNumber(store, appId, profileId),
    Description,
    ContentType,
    VersionLabel,
    Content: input.Content,
    CreatedAt: new Date(store.clock.now()),
  };
  versions.push(version);
  return version;
}

/** Model: PayloadTooLargeException { Measure: KILOBYTES, Limit, Size } (floats). */
function payloadTooLarge(bytes: number | undefined): AwsError {
  const size = bytes === undefined ? {} : { Size: Math.round((bytes / 1024) * 100) / 100 };
  const limit = MAX_CONTENT_BYTES / 1024;
  return new AwsError(
    413,
    'PayloadTooLargeException',
    `Configuration content exceeds the ${limit} KB limit.`,
    {
      Measure: 'KILOBYTES',
      Limit: limit,
      ...size,
    },
  );
}

/** The raw payload; the router's generic 413 is re-sent in the model's shape (kilobytes). */
async function readContent(ctx: RequestContext): Promise<Buffer> {
  try {
    return await ctx.body(MAX_CONTENT_BYTES);
  } catch (e) {
    if (e instanceof AwsError && e.status === 413) {
      const declared = Number(ctx.req.headers['content-length']);
      throw payloadTooLarge(Number.isFinite(declared) ? declared : undefined);
    }
    throw e;
  }
}

/** Model `payload: Content`: the body is the content itself and every other member is a header. */
function sendVersion(res: ServerResponse, status: number, v: HostedVersion): void {
  const headers: Record<string, string> = {
    'Content-Type': v.ContentType,
    'Content-Length': String(v.Content.length),
    'Application-Id': v.ApplicationId,
    'Configuration-Profile-Id': v.ConfigurationProfileId,
    'Version-Number': String(v.VersionNumber),
  };
  if (v.Description !== undefined) headers.Description = v.Description;
  if (v.VersionLabel !== undefined) headers.VersionLabel = v.VersionLabel;
  res.writeHead(status, headers);
  res.end(v.Content);
}

const header = (ctx: RequestContext, name: string) => {
  const value = ctx.req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

function labelFilter(url: URL): ((v: HostedVersion) => boolean) | undefined {
  const raw = url.searchParams.get('version_label');
  if (raw === null) return undefined;
  checkString('VersionLabel', raw, { min: 1, max: 64 });
  // A trailing `*` asks for a prefix match; anything else must match exactly (model doc).
  if (raw.endsWith('*')) return (v) => v.VersionLabel?.startsWith(raw.slice(0, -1)) === true;
  return (v) => v.VersionLabel === raw;
}

const VERSIONS =
  '/applications/:ApplicationId/configurationprofiles/:ConfigurationProfileId/hostedconfigurationversions';

export function hostedVersionRoutes({ store }: EmulatorContext): Route[] {
  return [
    route('POST', VERSIONS, async (ctx) => {
      const appId = pathId(ctx, 'ApplicationId');
      const profileId = pathId(ctx, 'ConfigurationProfileId');
      const content = await readContent(ctx);
      const version = createHostedVersion(store, appId, profileId, {
        Content: content,
        ContentType: header(ctx, 'content-type'),
        Description: header(ctx, 'description'),
        VersionLabel: header(ctx, 'versionlabel'),
        LatestVersionNumber: header(ctx, 'latest-version-number'),
      });
      sendVersion(ctx.res, 201, version);
    }),
    route('GET', VERSIONS, (ctx) => {
      const appId = pathId(ctx, 'ApplicationId');
      const profileId = pathId(ctx, 'ConfigurationProfileId');
      requireProfile(store, appId, profileId);
      const filter = labelFilter(ctx.url);
      const items = store
        .versionsOf(appId, profileId)
        .filter((v) => !filter || filter(v))
        .reverse()
        .map((v) => ({
          ApplicationId: v.ApplicationId,
          ConfigurationProfileId: v.ConfigurationProfileId,
          VersionNumber: v.VersionNumber,
          Description: v.Description,
          ContentType: v.ContentType,
          VersionLabel: v.VersionLabel,
        }));
      const scope = `versions:${appId}:${profileId}:${ctx.url.searchParams.get('version_label') ?? ''}`;
      sendJson(ctx.res, 200, paginate(ctx.url, scope, items));
    }),
    route('GET', `${VERSIONS}/:VersionNumber`, (ctx) => {
      const appId = pathId(ctx, 'ApplicationId');
      const profileId = pathId(ctx, 'ConfigurationProfileId');
      sendVersion(
        ctx.res,
        200,
        requireVersion(store, appId, profileId, pathInteger(ctx, 'VersionNumber')),
      );
    }),
    route('DELETE', `${VERSIONS}/:VersionNumber`, (ctx) => {
      const appId = pathId(ctx, 'ApplicationId');
      const profileId = pathId(ctx, 'ConfigurationProfileId');
      const version = requireVersion(store, appId, profileId, pathInteger(ctx, 'VersionNumber'));
      const list = store.versionsOf(appId, profileId);
      list.splice(list.indexOf(version), 1);
      store.retiredVersions.set(`${appId}/${profileId}/${version.VersionNumber}`, version);
      ctx.res.writeHead(204).end();
    }),
  ];
}
