// GetLatestConfiguration (GET /configuration?configuration_token=T) for the emulated data plane: token
// checks, poll-interval enforcement, replay/retry handling and the served bytes
// (docs/protocol.md §1.3, §2, §3.1, §8). Used by dataPlane.ts only; imports node: and its own folder only.
import type { DataPlane } from './dataPlane.js';
import { AwsError, badRequest, invalidParameter } from './http.js';
import { REQUEST_ID_HEADER, type RequestContext } from './router.js';
import { tokenExpired, type DecodedToken, type TokenState } from './tokens.js';
import { ObservationDraft } from './dataPlaneObservation.js';
import { servedVersion } from './deploymentEngine.js';
import { servedContent } from './featureFlags.js';
import type { FaultOutcome } from './faultEffects.js';

/** AWS's default Next-Poll-Interval-In-Seconds when the session set no minimum (docs/protocol.md §1.3). */
export const DEFAULT_POLL_INTERVAL_SECONDS = 60;
const PARAMETER = 'ConfigurationToken';
/** The query parameter carrying it. */
const TOKEN_PARAMETER = 'configuration_token';
/** The body of every unchanged answer: one shared empty Buffer (only its length is read), not one per poll. */
const NO_BODY = Buffer.alloc(0);

/** Form-style query decoding (`+` is a space, as servlet containers and URLSearchParams read it). */
function decodeQueryValue(raw: string): string {
  try {
    // Clients encode the token's `+` as %2B, so there is rarely a `+` to replace; `%` is nearly always there.
    const spaced = raw.includes('+') ? raw.replace(/\+/g, ' ') : raw;
    return spaced.includes('%') ? decodeURIComponent(spaced) : spaced;
  } catch {
    throw badRequest('Query parameter configuration_token is not valid percent-encoding.');
  }
}

const ONLY_TOKEN = `?${TOKEN_PARAMETER}=`;

/** The configuration_token value as it stands in the query, still percent-encoded. */
function readToken(search: string): string {
  // The query an SDK sends holds just the token; a value cannot hold `&`, so this is the one pair.
  if (search.startsWith(ONLY_TOKEN) && !search.includes('&'))
    return search.slice(ONLY_TOKEN.length);
  // A hand-rolled scan: URLSearchParams costs ~5% of a poll on this hot path (bench/emulator).
  const values: string[] = [];
  for (const pair of search.slice(1).split('&')) {
    // The name compared in place (startsWith and where the `=` is), not sliced out of every pair.
    const eq = pair.indexOf('=');
    const nameEnd = eq < 0 ? pair.length : eq;
    if (nameEnd === TOKEN_PARAMETER.length && pair.startsWith(TOKEN_PARAMETER))
      values.push(eq < 0 ? '' : pair.slice(eq + 1));
  }
  if (values.length === 0) {
    throw badRequest(
      'Missing required query parameter configuration_token (the ConfigurationToken).',
    );
  }
  if (values.length > 1) {
    throw badRequest(
      `Query parameter configuration_token was given ${values.length} times; give it once.`,
    );
  }
  return values[0]!;
}

/**
 * The poll's token, decoded and recorded as the draft's tokenIn: the issued string when it is one the codec
 * remembers (records hold a poll's tokenIn and the previous poll's tokenOut, and one retained copy is less
 * for the GC to carry), else the decoded query value.
 */
function tokenIn(plane: DataPlane, search: string, draft: ObservationDraft): DecodedToken {
  const value = readToken(search);
  const known = plane.tokens.decodeQuery(value);
  if (known?.ok) {
    draft.data.tokenIn = known.token;
    return known;
  }
  const token = decodeQueryValue(value);
  draft.data.tokenIn = token;
  const decoded = plane.tokens.decode(token);
  if (decoded.ok) draft.data.tokenIn = decoded.token;
  return decoded;
}

const gone = (type: string, id: string) =>
  new AwsError(
    404,
    'ResourceNotFoundException',
    `${type} "${id}" of this session no longer exists.`,
    {
      ResourceType: type,
      ReferencedBy: { [PARAMETER]: id },
    },
  );

export function pollConfiguration(plane: DataPlane, ctx: RequestContext): void {
  const { store, options, observations } = plane.context;
  const draft = new ObservationDraft(ctx, 'poll', observations, store.clock);
  const facts = draft.data.facts;
  try {
    const decoded = tokenIn(plane, ctx.search, draft);
    if (!decoded.ok) {
      facts.corrupted = true;
      throw invalidParameter(
        `The configuration token is corrupted: ${decoded.reason}.`,
        PARAMETER,
        'Corrupted',
      );
    }
    const state = decoded.state;
    const now = store.clock.now();
    draft.data.sessionId = state.sessionId;
    draft.data.tokenSeq = state.seq;
    draft.data.resolved = {
      applicationId: state.applicationId,
      environmentId: state.environmentId,
      configurationProfileId: state.profileId,
    };
    if (tokenExpired(state, now, options.tokenTtlSeconds)) {
      facts.expired = true;
      const age = Math.floor((now - state.issuedAt) / 1000);
      throw invalidParameter(
        `The configuration token has expired: it was issued ${age} s ago and is valid for ` +
          `${options.tokenTtlSeconds} s. Start a new configuration session.`,
        PARAMETER,
        'Expired',
      );
    }
    // The initial token may be used at once; later ones only after the interval (docs/protocol.md §2, §8.4).
    const required =
      state.minInterval ?? (options.enforceDefaultInterval ? DEFAULT_POLL_INTERVAL_SECONDS : null);
    if (state.seq > 0 && required !== null && now < state.issuedAt + required * 1000) {
      facts.tooEarly = true;
      // Exact AWS text: client code compares against it (docs/protocol.md §2). The token is not spent.
      throw invalidParameter('Request too early', PARAMETER, 'PollIntervalNotSatisfied');
    }

    const sdk = draft.sdk;
    const spentBy = plane.sessions.spentBy(state.sessionId, state.tokenId);
    const spent = spentBy !== undefined;
    // An SDK retry resends the spending request's token and invocation id: never a replay
    // (docs/protocol.md §1.7).
    const retryOfSpender =
      spent && sdk.invocationId !== null && spentBy === sdk.invocationId && (sdk.attempt ?? 1) > 1;
    facts.replay = spent && !retryOfSpender;
    if (facts.replay && options.strictTokens) {
      throw invalidParameter(
        'The configuration token was already used. Each token is valid for one call: ' +
          'use the NextPollConfigurationToken of the previous response.',
        PARAMETER,
        'Expired',
      );
    }
    answer(plane, ctx, draft, state, now);
    if (!spent) plane.sessions.spend(state.sessionId, state.tokenId, sdk.invocationId, now);
    draft.succeeded(200);
  } catch (e) {
    draft.failed(e);
    throw e;
  }
}

/**
 * The record of a poll an injected fault answered: which session and chain position the token names, read
 * without checking expiry or spending anything, since the request was never executed.
 */
export function observeFaultedPoll(
  plane: DataPlane,
  ctx: RequestContext,
  outcome: FaultOutcome,
): void {
  const { observations, store } = plane.context;
  const draft = new ObservationDraft(ctx, 'poll', observations, store.clock);
  try {
    const decoded = tokenIn(plane, ctx.search, draft);
    if (decoded.ok) {
      const state = decoded.state;
      draft.data.sessionId = state.sessionId;
      draft.data.tokenSeq = state.seq;
      draft.data.resolved = {
        applicationId: state.applicationId,
        environmentId: state.environmentId,
        configurationProfileId: state.profileId,
      };
    }
  } catch {
    // No single readable token: the record shows none, as the handler's refusal would have.
  }
  if ('error' in outcome) draft.failed(outcome.error);
  else draft.unanswered(outcome.unanswered);
}

/** Serves what the token's session should see now; a replay is answered from the replayed token's state. */
function answer(
  plane: DataPlane,
  ctx: RequestContext,
  draft: ObservationDraft,
  state: TokenState,
  now: number,
): void {
  const { store } = plane.context;
  if (!store.applications.has(state.applicationId)) throw gone('Application', state.applicationId);
  if (!store.findEnvironment(state.applicationId, state.environmentId))
    throw gone('Environment', state.environmentId);
  const profile = store.findProfile(state.applicationId, state.profileId);
  if (!profile) throw gone('ConfigurationProfile', state.profileId);

  const version = servedVersion(
    store,
    state.applicationId,
    state.environmentId,
    state.profileId,
    (n) => plane.sessions.bucketOf(state.sessionId, n),
  );
  if (!version) {
    const ids = `${state.applicationId}/${state.environmentId}/${state.profileId}`;
    throw new AwsError(
      404,
      'ResourceNotFoundException',
      `No configuration has been deployed for configuration profile "${state.profileId}" ` +
        `to environment "${state.environmentId}" of application "${state.applicationId}".`,
      { ResourceType: 'Configuration', ReferencedBy: { [PARAMETER]: ids } },
    );
  }
  const content = servedContent(profile, version);
  // A rollback also lands here as "different from what the session holds": full content of the older version.
  const unchanged = state.heldVersion === version.VersionNumber;
  const interval = state.minInterval ?? DEFAULT_POLL_INTERVAL_SECONDS;
  // Spelled out in TokenState's order rather than spread: same JSON, no copy loop.
  const next = plane.tokens.encode({
    sessionId: state.sessionId,
    seq: state.seq + 1,
    issuedAt: now,
    applicationId: state.applicationId,
    environmentId: state.environmentId,
    profileId: state.profileId,
    minInterval: state.minInterval,
    heldVersion: version.VersionNumber,
  });
  const body = unchanged ? NO_BODY : content.body;
  // AWS leaves the label out when nothing is sent (docs/protocol.md §1.3); an unlabelled version
  // never has one.
  const label = !unchanged && version.VersionLabel ? version.VersionLabel : null;
  // One flat array and no setHeader before it (the route headsItself): node's fastest writeHead path.
  const headers = [
    REQUEST_ID_HEADER,
    ctx.requestId,
    'Content-Type',
    content.contentType,
    'Content-Length',
    String(body.length),
    'Next-Poll-Configuration-Token',
    next,
    'Next-Poll-Interval-In-Seconds',
    String(interval),
  ];
  if (label !== null) headers.push('Version-Label', label);
  ctx.res.writeHead(200, headers);
  // One write for the common "unchanged" answer: ending with an empty chunk costs a second writev slot.
  if (body.length === 0) ctx.res.end();
  else ctx.res.end(body);

  const data = draft.data;
  data.contentSha256 =
    body.length > 0 ? plane.context.servedContents.remember(body, content.contentType) : null;
  data.tokenOut = next;
  data.versionNumber = version.VersionNumber;
  data.versionLabel = label;
  data.contentType = content.contentType;
  data.byteSize = body.length;
  data.intervalReturned = interval;
  data.facts.unchanged = unchanged;
}
