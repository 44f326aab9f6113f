// The full tokens behind a session's ledger fingerprints: needed to poll, to replay on request and to show the
// raw answer. Each is persisted once when first held (the recording keeps them all). In memory a session
// holds only its newest MAX_HELD_TOKENS (a token is ~1.4 kB, so holding every one grew the service by that
// much a poll) and none past AWS's 24 h lifetime plus an hour (so an "expired" replay can still be shown).
import { tokenFingerprint } from './hashing.js';

export interface HeldToken {
  token: string;
  issuedAt: number;
}

const TOKEN_RETENTION_MS = 25 * 3600_000;
/** Enough for the chain's newest token, a replay of the last spent one, and the recent raw answers. */
export const MAX_HELD_TOKENS = 16;

export class TokenStore {
  private readonly tokens = new Map<string, HeldToken>();

  constructor(
    /** Called once per newly held token, to persist it. */
    private readonly onHeld: (fingerprint: string, held: HeldToken) => void = () => undefined,
    /** Fleet members hold fewer (their tokens are on disk all the same): see fleetRunner.ts. */
    private readonly maxHeld = MAX_HELD_TOKENS,
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
    this.prune(held.issuedAt);
  }

  get(fingerprint: string): HeldToken | undefined {
    return this.tokens.get(fingerprint);
  }

  has(fingerprint: string): boolean {
    return this.tokens.has(fingerprint);
  }

  /** Insertion order is issue order, so the oldest come first. */
  private prune(now: number): void {
    for (const [fingerprint, held] of this.tokens) {
      if (this.tokens.size <= this.maxHeld && now - held.issuedAt <= TOKEN_RETENTION_MS) break;
      this.tokens.delete(fingerprint);
    }
  }

  get size(): number {
    return this.tokens.size;
  }
}
