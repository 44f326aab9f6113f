// The full tokens behind a session's ledger fingerprints: needed to poll, to replay on request and to show the
// raw answer. Each is persisted once when first held; tokens past AWS's 24 h lifetime (plus an hour, so an
// "expired" replay can still be shown) are dropped, which bounds the store to about a day of polls.
import { tokenFingerprint } from './hashing.js';

export interface HeldToken {
  token: string;
  issuedAt: number;
}

const TOKEN_RETENTION_MS = 25 * 3600_000;

export class TokenStore {
  private readonly tokens = new Map<string, HeldToken>();

  constructor(
    /** Called once per newly held token, to persist it. */
    private readonly onHeld: (fingerprint: string, held: HeldToken) => void = () => undefined,
  ) {}

  /** Holds a token and returns its fingerprint (the ledger's name for it). */
  hold(token: string, issuedAt: number): string {
    const fingerprint = tokenFingerprint(token);
    if (!this.tokens.has(fingerprint)) {
      const held = { token, issuedAt };
      this.tokens.set(fingerprint, held);
      this.onHeld(fingerprint, held);
      this.prune(issuedAt);
    }
    return fingerprint;
  }

  /** Puts back a token read from a recording (already persisted). */
  restore(fingerprint: string, held: HeldToken): void {
    this.tokens.set(fingerprint, held);
  }

  get(fingerprint: string): HeldToken | undefined {
    return this.tokens.get(fingerprint);
  }

  has(fingerprint: string): boolean {
    return this.tokens.has(fingerprint);
  }

  private prune(now: number): void {
    for (const [fingerprint, held] of this.tokens) {
      if (now - held.issuedAt <= TOKEN_RETENTION_MS) break; // insertion order = issue order
      this.tokens.delete(fingerprint);
    }
  }
}
