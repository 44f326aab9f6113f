// The AWS IAM Identity Center (SSO) portal's GetRoleCredentials, so an SSO profile can be used end to end
// against the emulator: the SDK's SSO credential provider (pointed here with AWS_ENDPOINT_URL_SSO) trades the
// cached `aws sso login` token for role credentials, then signs AppConfig calls with them. Only this one portal
// operation is served. Imported by the emulator's index; imports node: and its own folder only.
//
// Wire format (restJson1), from AWS's Portal API reference,
// https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html:
//   GET /federation/credentials?account_id=A&role_name=R   with header x-amz-sso_bearer_token: TOKEN
//   200 {"roleCredentials":{"accessKeyId","secretAccessKey","sessionToken","expiration"}}, expiration in epoch
//   milliseconds; errors named in x-amzn-ErrorType with a lowercase `message` member, as the SSO model has it
//   (InvalidRequestException 400, UnauthorizedException 401).
import { createHash, randomBytes } from 'node:crypto';
import { AwsError, sendJson } from './http.js';
import { ensureRequestId, route, type Handler, type Route } from './router.js';
import type { EmulatorClock } from './store.js';

export const BEARER_HEADER = 'x-amz-sso_bearer_token';
/** Real portal role credentials last an hour unless the permission set says otherwise. */
const CREDENTIALS_LIFETIME_MS = 60 * 60 * 1000;
/** Temporary keys start ASIA; SSO after it lets a test see that these, and not some other keys, arrived. */
export const SSO_KEY_PREFIX = 'ASIASSO';
/** AWS account ids are 12 digits. */
const ACCOUNT_ID = /^\d{12}$/;
/** The IAM role name alphabet and length (a permission set's name is a stricter subset of it). */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

const invalid = (message: string) => new AwsError(400, 'InvalidRequestException', message);
/** What the portal says to a missing, expired or unknown token; the emulator refuses only a missing one. */
const unauthorized = () =>
  new AwsError(401, 'UnauthorizedException', 'Session token not found or invalid');

/** The access key id for a role in an account: the same every time, so tests can predict it. */
export function ssoAccessKeyId(accountId: string, roleName: string): string {
  const digest = createHash('sha256').update(`${accountId}/${roleName}`).digest('hex');
  // 20 characters, like every AWS access key id.
  return SSO_KEY_PREFIX + digest.slice(0, 20 - SSO_KEY_PREFIX.length).toUpperCase();
}

/** One query parameter, present exactly once and non-empty. */
function single(query: URLSearchParams, name: string): string {
  const values = query.getAll(name);
  if (values.length === 0 || values[0] === '') throw invalid(`${name} is required.`);
  if (values.length > 1) throw invalid(`${name} was given ${values.length} times; give it once.`);
  return values[0]!;
}

const handler =
  (clock: EmulatorClock): Handler =>
  (ctx) => {
    // The token is checked first, as the portal authenticates before it reads the request.
    const token = ctx.req.headers[BEARER_HEADER];
    if (typeof token !== 'string' || token.trim() === '') throw unauthorized();
    const query = new URLSearchParams(ctx.search);
    const accountId = single(query, 'account_id');
    const roleName = single(query, 'role_name');
    if (!ACCOUNT_ID.test(accountId))
      throw invalid(`account_id must be a 12-digit AWS account id, got "${accountId}".`);
    if (!ROLE_NAME.test(roleName))
      throw invalid(
        `role_name must be 1-64 letters, digits or +=,.@_- characters, got "${roleName.slice(0, 80)}".`,
      );
    sendJson(ctx.res, 200, {
      roleCredentials: {
        accessKeyId: ssoAccessKeyId(accountId, roleName),
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: randomBytes(96).toString('base64'),
        expiration: clock.now() + CREDENTIALS_LIFETIME_MS,
      },
    });
  };

/** The portal's one emulated path; operations.ts names it GetRoleCredentials for faults. */
export const ssoRoutes = (clock: EmulatorClock): Route[] => [
  route('GET', '/federation/credentials', handler(clock)),
];

/**
 * Answers errors thrown by these routes (or by a fault wrapped around them) with the SSO model's lowercase
 * `message` member; the router's shared error shape says `Message`, which the SSO model does not have.
 */
export function asSsoErrors(routes: Route[]): Route[] {
  return routes.map((r) => ({
    ...r,
    handler: async (ctx) => {
      try {
        await r.handler(ctx);
      } catch (e) {
        if (!(e instanceof AwsError) || ctx.res.headersSent) throw e;
        ensureRequestId(ctx);
        sendJson(ctx.res, e.status, { message: e.message }, { 'x-amzn-ErrorType': e.errorType });
      }
    },
  }));
}
