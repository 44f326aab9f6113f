// Control-plane lookups for the session form's pickers (ListApplications/Environments/ConfigurationProfiles).
import {
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListEnvironmentsCommand,
} from '@aws-sdk/client-appconfig';
import { ProtocolError, type ResourceItem, type ResourceQuery } from '../protocol/messages.js';
import type { Backend } from './backend.js';
import { errorOutcome } from './awsCall.js';

/** Follows NextToken up to a sane cap; pickers don't need more than a few hundred entries. */
const MAX_PAGES = 10;

export async function listResources(
  backend: Backend,
  query: ResourceQuery,
): Promise<ResourceItem[]> {
  const items: ResourceItem[] = [];
  let nextToken: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const common = { MaxResults: 50, ...(nextToken ? { NextToken: nextToken } : {}) };
      const out =
        query.kind === 'applications'
          ? await backend.control.send(new ListApplicationsCommand(common))
          : query.kind === 'environments'
            ? await backend.control.send(
                new ListEnvironmentsCommand({ ...common, ApplicationId: query.applicationId }),
              )
            : await backend.control.send(
                new ListConfigurationProfilesCommand({
                  ...common,
                  ApplicationId: query.applicationId,
                }),
              );
      for (const item of out.Items ?? []) {
        if (!item.Id || !item.Name) continue;
        const type = 'Type' in item ? item.Type : undefined;
        items.push({ id: item.Id, name: item.Name, ...(type ? { type } : {}) });
      }
      nextToken = out.NextToken;
      if (!nextToken) break;
    }
  } catch (e) {
    const error = errorOutcome(e);
    // Often AccessDenied with data-plane-only credentials: the form falls back to free text.
    throw new ProtocolError('awsError', `${error.errorName}: ${error.message}`, error.errorName);
  }
  return items;
}
