// CreateEnvironment / ListEnvironments / GetEnvironment. An environment's State is not stored truth: it
// follows its newest deployment, so it is recomputed (deployment engine) whenever it is read.
import type { EmulatorContext } from '../index.js';
import { parseJsonObject, sendJson } from '../http.js';
import { route, type Route } from '../router.js';
import type { Environment, Store } from '../store.js';
import { environmentState } from '../deploymentEngine.js';
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

/** AWS's default quota ("20 environments per app", docs/protocol.md §5.2). */
const MAX_ENVIRONMENTS = 20;
/** The model's RoleArn pattern. */
const ROLE_ARN =
  /^((arn):(aws|aws-cn|aws-iso|aws-iso-[a-z]{1}|aws-us-gov|aws-eusc):(iam)::\d{12}:role[/].*)$/;

/** The environment with its State brought up to date. */
export function requireEnvironment(
  store: Store,
  applicationId: string,
  environmentId: string,
): Environment {
  requireApplication(store, applicationId);
  const env = (store.environments.get(applicationId) ?? []).find((e) => e.Id === environmentId);
  if (!env) {
    throw notFound(
      'Environment',
      `Environment ${environmentId} does not exist in application ${applicationId}.`,
    );
  }
  env.State = environmentState(store, applicationId, environmentId);
  return env;
}

function monitors(body: Body): Environment['Monitors'] {
  const list = optionalList(body, 'Monitors', 5);
  return list?.map((item, i) => {
    const m = checkObject(`Monitors[${i}]`, item);
    const AlarmArn = checkString(`Monitors[${i}].AlarmArn`, m.AlarmArn, { min: 1, max: 2048 });
    const role = m.AlarmRoleArn;
    if (role === undefined || role === null) return { AlarmArn };
    const AlarmRoleArn = checkString(`Monitors[${i}].AlarmRoleArn`, role, {
      min: 20,
      max: 2048,
      pattern: ROLE_ARN,
      patternText: 'arn:<partition>:iam::<12-digit account>:role/<name>',
    });
    return { AlarmArn, AlarmRoleArn };
  });
}

export function createEnvironment(store: Store, applicationId: string, body: Body): Environment {
  requireApplication(store, applicationId);
  const Name = requiredString(body, 'Name', { min: 1, max: 64 });
  const Description = optionalString(body, 'Description', { max: 1024 });
  // Kept and echoed, but nothing watches them: there are no CloudWatch alarms to roll back on.
  const Monitors = monitors(body);
  checkTags(body);
  let list = store.environments.get(applicationId);
  if (!list) store.environments.set(applicationId, (list = []));
  if (list.length >= MAX_ENVIRONMENTS) {
    throw quotaExceeded(
      `Application ${applicationId} already has the maximum of ${MAX_ENVIRONMENTS} environments.`,
    );
  }
  const env: Environment = {
    ApplicationId: applicationId,
    Id: store.newId(),
    Name,
    Description,
    State: 'READY_FOR_DEPLOYMENT',
    Monitors,
  };
  list.push(env);
  return env;
}

export function environmentRoutes({ store }: EmulatorContext): Route[] {
  return [
    route('POST', '/applications/:ApplicationId/environments', async (ctx) => {
      const appId = pathId(ctx, 'ApplicationId');
      const env = createEnvironment(store, appId, parseJsonObject(await ctx.body()));
      sendJson(ctx.res, 201, env);
    }),
    route('GET', '/applications/:ApplicationId/environments', (ctx) => {
      const appId = pathId(ctx, 'ApplicationId');
      requireApplication(store, appId);
      const list = (store.environments.get(appId) ?? []).map((e) =>
        requireEnvironment(store, appId, e.Id),
      );
      sendJson(ctx.res, 200, paginate(ctx.url, `environments:${appId}`, list));
    }),
    route('GET', '/applications/:ApplicationId/environments/:EnvironmentId', (ctx) => {
      const env = requireEnvironment(
        store,
        pathId(ctx, 'ApplicationId'),
        pathId(ctx, 'EnvironmentId'),
      );
      sendJson(ctx.res, 200, env);
    }),
  ];
}
