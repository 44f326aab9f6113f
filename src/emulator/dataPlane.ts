// The emulated AppConfig Data plane: POST /configurationsessions (StartConfigurationSession) and
// GET /configuration (GetLatestConfiguration, in dataPlanePoll.ts), on AWS's wire format
// (docs/protocol.md §1–2).
// Built by the emulator's index; imports node: and its own folder only — never anything else under src/.
import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from './index.js';
import { AwsError, badRequest, parseJsonObject, sendJson } from './http.js';
import { route, type RequestContext, type Route } from './router.js';
import { TokenCodec } from './tokens.js';
import { SessionTracker } from './sessions.js';
import { ObservationDraft } from './dataPlaneObservation.js';
import { observeFaultedPoll, pollConfiguration } from './dataPlanePoll.js';
import type { FaultOutcome } from './faultEffects.js';
import { preview } from './preview.js';

/** Launch-scoped state of the data plane: the token key and the per-session memory. */
export interface DataPlane {
  context: EmulatorContext;
  tokens: TokenCodec;
  sessions: SessionTracker;
}

const IDENTIFIERS = [
  'ApplicationIdentifier',
  'EnvironmentIdentifier',
  'ConfigurationProfileIdentifier',
] as const;
const INTERVAL = 'RequiredMinimumPollIntervalInSeconds';

export function dataPlaneRoutes(context: EmulatorContext): Route[] {
  const plane: DataPlane = {
    context,
    tokens: new TokenCodec(),
    sessions: new SessionTracker(context.options.tokenTtlSeconds * 1000),
  };
  context.faults.observeWith('StartConfigurationSession', (ctx, outcome) =>
    observeFaultedStart(plane, ctx, outcome),
  );
  context.faults.observeWith('GetLatestConfiguration', (ctx, outcome) =>
    observeFaultedPoll(plane, ctx, outcome),
  );
  return [
    route('POST', '/configurationsessions', (ctx) => startConfigurationSession(plane, ctx)),
    route('GET', '/configuration', (ctx) => pollConfiguration(plane, ctx), { headsItself: true }),
  ];
}

interface SessionRequest {
  application: string;
  environment: string;
  profile: string;
  minInterval: number | null;
}

/**
 * A request member as the observation log keeps it: exact when short, so a 129-character identifier still
 * shows why it was refused, but bounded, since records live as long as the log and bodies may be 1 MiB.
 */
function asGiven(v: unknown): unknown {
  if (typeof v === 'string') return v.length > 1024 ? `${v.slice(0, 1024)}…` : v;
  if (typeof v !== 'object' || v === null) return v;
  return preview(v);
}

const identifiersOf = (body: Record<string, unknown>) => ({
  application: asGiven(body.ApplicationIdentifier),
  environment: asGiven(body.EnvironmentIdentifier),
  configurationProfile: asGiven(body.ConfigurationProfileIdentifier),
  requiredMinimumPollIntervalInSeconds: asGiven(body[INTERVAL]),
});

/** The record of a start an injected fault answered: the members as sent, nothing resolved or issued. */
async function observeFaultedStart(
  plane: DataPlane,
  ctx: RequestContext,
  outcome: FaultOutcome,
): Promise<void> {
  const { store, observations } = plane.context;
  const draft = new ObservationDraft(ctx, 'startSession', observations, store.clock);
  try {
    draft.data.identifiers = identifiersOf(parseJsonObject(await ctx.body()));
  } catch {
    // An unreadable body would have been refused; the fault answered first, so there is nothing to show.
  }
  if ('error' in outcome) draft.failed(outcome.error);
  else draft.unanswered(outcome.unanswered);
}

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Model constraints (docs/protocol.md §1.5); every violation is named, all at once, as AWS validation
 * messages do.
 */
function validateSessionRequest(body: Record<string, unknown>): SessionRequest {
  const problems: string[] = [];
  for (const name of IDENTIFIERS) {
    const v = body[name];
    if (v === undefined || v === null) problems.push(`${name} is required.`);
    else if (typeof v !== 'string') problems.push(`${name} must be a string, got ${describe(v)}.`);
    else if (v.length < 1 || v.length > 128) {
      problems.push(`${name} must be 1 to 128 characters long, got ${v.length}.`);
    }
  }
  const interval = body[INTERVAL];
  if (interval !== undefined && interval !== null) {
    if (typeof interval !== 'number' || !Number.isInteger(interval)) {
      const got = typeof interval === 'number' ? String(interval) : describe(interval);
      problems.push(`${INTERVAL} must be an integer, got ${got}.`);
    } else if (interval < 15 || interval > 86_400) {
      problems.push(`${INTERVAL} must be between 15 and 86400, got ${interval}.`);
    }
  }
  if (problems.length === 1) throw badRequest(problems[0]!);
  if (problems.length > 1)
    throw badRequest(`${problems.length} validation errors detected: ${problems.join(' ')}`);
  return {
    application: body.ApplicationIdentifier as string,
    environment: body.EnvironmentIdentifier as string,
    profile: body.ConfigurationProfileIdentifier as string,
    minInterval: typeof interval === 'number' ? interval : null,
  };
}

const notFound = (type: string, parameter: string, value: string) =>
  new AwsError(
    404,
    'ResourceNotFoundException',
    `${type} "${value}" was not found (neither an id nor a name).`,
    {
      ResourceType: type,
      ReferencedBy: { [parameter]: value },
    },
  );

async function startConfigurationSession(plane: DataPlane, ctx: RequestContext): Promise<void> {
  const { store, observations } = plane.context;
  const draft = new ObservationDraft(ctx, 'startSession', observations, store.clock);
  try {
    const body = parseJsonObject(await ctx.body());
    draft.data.identifiers = identifiersOf(body);
    const request = validateSessionRequest(body);
    // Checked in this order, so with several wrong identifiers the application is the one reported.
    const app = store.findApplication(request.application);
    if (!app) throw notFound('Application', 'ApplicationIdentifier', request.application);
    const env = store.findEnvironment(app.Id, request.environment);
    if (!env) throw notFound('Environment', 'EnvironmentIdentifier', request.environment);
    const profile = store.findProfile(app.Id, request.profile);
    if (!profile)
      throw notFound('ConfigurationProfile', 'ConfigurationProfileIdentifier', request.profile);
    draft.data.resolved = {
      applicationId: app.Id,
      environmentId: env.Id,
      configurationProfileId: profile.Id,
    };

    const sessionId = randomUUID();
    const token = plane.tokens.encode({
      sessionId,
      seq: 0,
      issuedAt: store.clock.now(),
      applicationId: app.Id,
      environmentId: env.Id,
      profileId: profile.Id,
      minInterval: request.minInterval,
      heldVersion: null,
    });
    draft.data.sessionId = sessionId;
    draft.data.tokenOut = token;
    sendJson(ctx.res, 201, { InitialConfigurationToken: token });
    draft.succeeded(201);
  } catch (e) {
    draft.failed(e);
    throw e;
  }
}
