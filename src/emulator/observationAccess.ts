// Who sees full configuration tokens in observation records. A token is a bearer credential for its session,
// so by default records carry a fingerprint (`fp:` + the first 16 hex digits of the token's SHA-256); a caller
// presenting the per-launch observer secret in `X-Emulator-Secret` gets the tokens as issued.
// Used by observationRoutes.ts and the emulator's index; imports node: and its own folder only.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AwsError } from './http.js';
import type { ObservationRecord } from './observations.js';

export const SECRET_HEADER = 'x-emulator-secret';
export const FINGERPRINT_PREFIX = 'fp:';

/** What the observation routes serve: a record plus whether its tokens were replaced by fingerprints. */
export type ServedRecord = ObservationRecord & { tokensRedacted: boolean };

/**
 * Hex, not base64url: the secret is pasted after `--emulator-secret`, and one starting with '-' (1 in 64 for
 * base64url) is taken by an option parser for another flag.
 */
export const newObserverSecret = (): string => randomBytes(32).toString('hex');

export const tokenFingerprint = (token: string): string =>
  FINGERPRINT_PREFIX + createHash('sha256').update(token).digest('hex').slice(0, 16);

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether this request may see full tokens. No header: no. A wrong header is refused outright rather than
 * quietly redacted, so a misconfigured observer learns why its tokens look different.
 */
export function seesFullTokens(req: IncomingMessage, secret: string): boolean {
  const given = req.headers[SECRET_HEADER];
  if (given === undefined) return false;
  // Hashing first gives equal lengths, which timingSafeEqual needs, without revealing the secret's length.
  if (typeof given === 'string' && timingSafeEqual(digest(given), digest(secret))) return true;
  throw new AwsError(
    403,
    'AccessDeniedException',
    'X-Emulator-Secret does not match the observer secret this emulator printed at start-up ' +
      '(it is new each launch). Leave the header out to get token fingerprints instead.',
  );
}

export function servedRecord(record: ObservationRecord, fullTokens: boolean): ServedRecord {
  if (fullTokens) return { ...record, tokensRedacted: false };
  return {
    ...record,
    tokenIn: typeof record.tokenIn === 'string' ? tokenFingerprint(record.tokenIn) : null,
    tokenOut: typeof record.tokenOut === 'string' ? tokenFingerprint(record.tokenOut) : null,
    tokensRedacted: true,
  };
}
