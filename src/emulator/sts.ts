// STS GetCallerIdentity as AWS's query protocol has it (POST / with a form body, text/xml answers), so the
// inspector can show "who am I" against the emulator exactly as against AWS. Every other STS action gets
// the query protocol's InvalidAction. Imports node: and its own folder only.
import type { ServerResponse } from 'node:http';
import { AwsError } from './http.js';
import { route, type Handler, type Route } from './router.js';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const VERSION = '2011-06-15';
/** The emulator's one account: AWS documents 000000000000-style ids as never issued. */
export const EMULATOR_ACCOUNT = '000000000000';
export const EMULATOR_USER_ARN = `arn:aws:iam::${EMULATOR_ACCOUNT}:user/emulator`;

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

function sendXml(res: ServerResponse, status: number, xml: string, requestId: string): void {
  const payload = Buffer.from(xml, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/xml',
    'Content-Length': payload.length,
    'x-amzn-RequestId': requestId,
  });
  res.end(payload);
}

/** The query protocol's error body: the SDK reads Code for the error's name and Type for its fault. */
function sendQueryError(res: ServerResponse, error: AwsError, requestId: string): void {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  sendXml(
    res,
    error.status,
    `<ErrorResponse xmlns="${XMLNS}"><Error><Type>${type}</Type><Code>${escapeXml(error.errorType)}</Code>` +
      `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    requestId,
  );
}

/** The SigV4 access key that signed the request (`Credential=AKID/date/region/sts/aws4_request`). */
function signingKey(authorization: string | undefined): string | undefined {
  return /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1];
}

const handle: Handler = async (ctx) => {
  const form = new URLSearchParams((await ctx.body(64 * 1024)).toString('utf8'));
  const action = form.get('Action') ?? '';
  if (action !== 'GetCallerIdentity' || form.get('Version') !== VERSION) {
    throw new AwsError(
      400,
      'InvalidAction',
      `Could not find operation ${action || '(none)'} for version ${form.get('Version') ?? '(none)'}.`,
    );
  }
  // Real UserIds are opaque (AIDA…); the signing key id is what tells a tester which credentials arrived.
  const userId = signingKey(ctx.req.headers.authorization) ?? 'AIDAEMULATOR';
  sendXml(
    ctx.res,
    200,
    `<GetCallerIdentityResponse xmlns="${XMLNS}"><GetCallerIdentityResult>` +
      `<Arn>${EMULATOR_USER_ARN}</Arn><UserId>${escapeXml(userId)}</UserId><Account>${EMULATOR_ACCOUNT}</Account>` +
      `</GetCallerIdentityResult><ResponseMetadata><RequestId>${ctx.requestId}</RequestId>` +
      `</ResponseMetadata></GetCallerIdentityResponse>`,
    ctx.requestId,
  );
};

/** STS's one path; the operation table (operations.ts) names it GetCallerIdentity for faults. */
export const stsRoutes = (): Route[] => [route('POST', '/', handle, { headsItself: true })];

/**
 * Answers errors thrown by these routes (or by a fault wrapped around them) as query-protocol XML: the
 * router's restJson shape would leave the STS client without an error code.
 */
export function asQueryProtocol(routes: Route[]): Route[] {
  return routes.map((r) => ({
    ...r,
    handler: async (ctx) => {
      // Only a literal `/`: a target that merely normalises to it (`/applications/..`) stays the router's
      // unknown operation, as it was before STS existed here.
      if ((ctx.req.url ?? '/').split('?')[0] !== '/')
        throw new AwsError(
          404,
          'UnknownOperationException',
          `No operation matches ${ctx.req.method ?? 'POST'} ${ctx.url.pathname}.`,
        );
      try {
        await r.handler(ctx);
      } catch (e) {
        if (!(e instanceof AwsError) || ctx.res.headersSent) throw e;
        sendQueryError(ctx.res, e, ctx.requestId);
      }
    },
  }));
}
