// CreateApplication / ListApplications / GetApplication. The create operation is also what the seed loader
// calls, so seeded and API-created applications pass the same checks.
import type { EmulatorContext } from '../index.js';
import { parseJsonObject, sendJson } from '../http.js';
import { route, type Route } from '../router.js';
import type { Application, Store } from '../store.js';
import { paginate } from './pagination.js';
import {
  checkTags,
  notFound,
  optionalString,
  pathId,
  quotaExceeded,
  requiredString,
  type Body,
} from './validation.js';

/**
 * AWS's default quota ("100 applications" in its ServiceQuotaExceededException text, docs/protocol.md §5.2).
 */
const MAX_APPLICATIONS = 100;

export function requireApplication(store: Store, applicationId: string): Application {
  const app = store.applications.get(applicationId);
  if (!app) throw notFound('Application', `Application ${applicationId} does not exist.`);
  return app;
}

export function createApplication(store: Store, body: Body): Application {
  const Name = requiredString(body, 'Name', { min: 1, max: 64 });
  const Description = optionalString(body, 'Description', { max: 1024 });
  checkTags(body);
  if (store.applications.size >= MAX_APPLICATIONS) {
    throw quotaExceeded(
      `This account already has the maximum of ${MAX_APPLICATIONS} applications.`,
    );
  }
  const app: Application = { Id: store.newId(), Name, Description };
  store.applications.set(app.Id, app);
  return app;
}

export function applicationRoutes({ store }: EmulatorContext): Route[] {
  return [
    route('POST', '/applications', async (ctx) => {
      const app = createApplication(store, parseJsonObject(await ctx.body()));
      sendJson(ctx.res, 201, app);
    }),
    route('GET', '/applications', (ctx) => {
      sendJson(ctx.res, 200, paginate(ctx.url, 'applications', [...store.applications.values()]));
    }),
    route('GET', '/applications/:ApplicationId', (ctx) => {
      sendJson(ctx.res, 200, requireApplication(store, pathId(ctx, 'ApplicationId')));
    }),
  ];
}
