// Hosted configuration versions for the Deployments view: list, read, and create — the last only after the
// text has parsed and, for a feature-flag profile, met AWS's flag schema (core/authoredDocument.ts), so a
// broken document is refused with its line before anything reaches AppConfig.
import {
  CreateHostedConfigurationVersionCommand,
  GetConfigurationProfileCommand,
  GetHostedConfigurationVersionCommand,
  ListHostedConfigurationVersionsCommand,
} from '@aws-sdk/client-appconfig';
import { checkAuthored } from '../core/authoredDocument.js';
import {
  ProtocolError,
  type ContentBlob,
  type CreateHostedVersionParams,
  type HostedVersionSummary,
  type ProfileRef,
} from '../protocol/messages.js';
import { awsFailure } from './controlErrors.js';
import type { Backend } from './backend.js';
import { contentHash } from './hashing.js';

const FEATURE_FLAGS = 'AWS.AppConfig.FeatureFlags';
const CONTENT_TYPES = { json: 'application/json', yaml: 'application/x-yaml', text: 'text/plain' };
/** AWS's limit for one hosted version. */
const MAX_CONTENT_BYTES = 2 * 1024 * 1024;
/** Versions are listed newest first; a view needs a few hundred at most. */
const MAX_PAGES = 10;

const ids = (p: ProfileRef) => ({
  ApplicationId: p.applicationId,
  ConfigurationProfileId: p.configurationProfileId,
});

function summary(v: {
  VersionNumber?: number;
  VersionLabel?: string;
  Description?: string;
  ContentType?: string;
}): HostedVersionSummary {
  return {
    versionNumber: v.VersionNumber ?? 0,
    ...(v.VersionLabel ? { versionLabel: v.VersionLabel } : {}),
    ...(v.Description ? { description: v.Description } : {}),
    ...(v.ContentType ? { contentType: v.ContentType } : {}),
  };
}

export async function listHostedVersions(
  backend: Backend,
  ref: ProfileRef,
): Promise<HostedVersionSummary[]> {
  const out: HostedVersionSummary[] = [];
  let NextToken: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await backend.control.send(
        new ListHostedConfigurationVersionsCommand({
          ...ids(ref),
          MaxResults: 50,
          ...(NextToken ? { NextToken } : {}),
        }),
      );
      out.push(...(res.Items ?? []).map(summary));
      NextToken = res.NextToken;
      if (!NextToken) break;
    }
  } catch (e) {
    throw awsFailure(e);
  }
  return out.sort((a, b) => b.versionNumber - a.versionNumber);
}

export async function getHostedVersion(
  backend: Backend,
  ref: ProfileRef & { versionNumber: number },
): Promise<HostedVersionSummary & { content: ContentBlob }> {
  try {
    const res = await backend.control.send(
      new GetHostedConfigurationVersionCommand({ ...ids(ref), VersionNumber: ref.versionNumber }),
    );
    const bytes = res.Content ?? new Uint8Array();
    const content: ContentBlob = {
      contentHash: contentHash(bytes),
      ...(res.ContentType ? { contentType: res.ContentType } : {}),
      size: bytes.length,
      base64: Buffer.from(bytes).toString('base64'),
    };
    return { ...summary(res), size: bytes.length, content };
  } catch (e) {
    throw awsFailure(e);
  }
}

export async function createHostedVersion(
  backend: Backend,
  params: CreateHostedVersionParams,
): Promise<HostedVersionSummary> {
  const bytes = Buffer.from(params.content, 'utf8');
  if (bytes.length > MAX_CONTENT_BYTES) {
    throw new ProtocolError(
      'invalidParams',
      `The content is ${bytes.length} bytes; AppConfig hosts at most ${MAX_CONTENT_BYTES} bytes per version.`,
    );
  }
  let type: string | undefined;
  try {
    type = (
      await backend.control.send(
        new GetConfigurationProfileCommand({
          ApplicationId: params.applicationId,
          ConfigurationProfileId: params.configurationProfileId,
        }),
      )
    ).Type;
  } catch (e) {
    throw awsFailure(e);
  }
  const flags = type === FEATURE_FLAGS;
  if (flags && params.format !== 'json') {
    throw new ProtocolError(
      'invalidParams',
      `Profile ${params.configurationProfileId} holds feature flags, which AppConfig stores as JSON only; write the document as JSON.`,
    );
  }
  const problem = checkAuthored(params.content, params.format, flags);
  if (problem) {
    const where = `line ${problem.line}${problem.column ? `, column ${problem.column}` : ''}`;
    const what = flags ? 'feature-flag document' : `${params.format.toUpperCase()} document`;
    throw new ProtocolError('invalidParams', `Invalid ${what} at ${where}: ${problem.reason}`);
  }
  try {
    const res = await backend.control.send(
      new CreateHostedConfigurationVersionCommand({
        ApplicationId: params.applicationId,
        ConfigurationProfileId: params.configurationProfileId,
        Content: bytes,
        ContentType: CONTENT_TYPES[params.format],
        ...(params.versionLabel ? { VersionLabel: params.versionLabel } : {}),
        ...(params.description ? { Description: params.description } : {}),
      }),
    );
    return { ...summary(res), size: bytes.length };
  } catch (e) {
    throw awsFailure(e);
  }
}
