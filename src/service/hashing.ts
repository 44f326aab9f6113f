// Content hashes and token fingerprints. Tokens are kept out of the ledger: it stores a short stable
// fingerprint, enough to recognise a reused token, while the full token stays in the service.
import { createHash } from 'node:crypto';

export const contentHash = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

export const tokenFingerprint = (token: string): string =>
  createHash('sha256').update(token).digest('hex').slice(0, 16);
