// Configuration tokens for the emulated AppConfig Data plane: self-contained, encrypted session state.
// Used by the data-plane handlers only; imports node: only (the emulator shares no code with the inspector).
// Real tokens are ~1 kB standard-base64 encrypted blobs (spec §1.6), so ours are too: a client that forgets to
// URL-encode `+`, `/` or `=` breaks here exactly as it would against AWS.
import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/** Everything a GetLatestConfiguration call needs; the server keeps no per-token state (spec §1.6). */
export interface TokenState {
  sessionId: string;
  /** Position in the session's chain: 0 is the InitialConfigurationToken, n was issued by the n-th poll. */
  seq: number;
  /** Unique per issuance, so two tokens at one chain position (after a replay) are still told apart. */
  tokenId: string;
  /** Emulator-clock milliseconds; expiry and the poll interval are measured from here. */
  issuedAt: number;
  applicationId: string;
  environmentId: string;
  profileId: string;
  /** RequiredMinimumPollIntervalInSeconds of the session, or null when the client set none. */
  minInterval: number | null;
  /** Hosted version number the session holds (was last served), or null before the first content. */
  heldVersion: number | null;
}

export type TokenProblem = 'Corrupted' | 'Expired';

export type DecodedToken = { ok: true; state: TokenState } | { ok: false; reason: string };

export const TOKEN_PATTERN = /^\S{1,8192}$/;

// Same leading bytes as an AWS Encryption SDK message, so our tokens start with `AYADe` like real ones.
// Shape mimicry only: nothing may parse them.
const HEADER = Buffer.from([0x01, 0x80, 0x03, 0x78]);
const IV_BYTES = 12;
const TAG_BYTES = 16;
// 4 + 12 + 16 + 768 = 800 bytes → 1068 base64 chars ending in '=' (800 is not a multiple of 3).
const PLAINTEXT_BYTES = 768;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Base64 chars covering the header and the IV (bytes 0–15 → chars 0–21), i.e. unique per token. */
const IV_KEY_CHARS = 22;

interface Remembered {
  token: string;
  state: TokenState;
}

/** Tokens issued recently, kept decoded: a chain's next poll then skips base64, decryption and parsing. */
const RECENT_TOKENS = 20_000;

export class TokenCodec {
  /** GCM needs a unique IV per key, not a random one: a per-launch prefix plus a counter is cheaper. */
  private readonly ivPrefix = randomBytes(4);
  private ivCounter = 0n;
  /**
   * Keyed by the IV's base64 (unique per token under this key), not the whole ~1 kB string, which V8 would
   * hash on every lookup; the full token is compared on a hit, so an altered token never matches.
   */
  private recent = new Map<string, Remembered>();
  /** The generation before `recent`: two generations give LRU-like keeping without scanning a Map's head. */
  private older = new Map<string, Remembered>();
  private scratch = Buffer.alloc(PLAINTEXT_BYTES);

  /**
   * Imported once: handed a raw Buffer, every createCipheriv re-imports it, which cost 15 µs of a ~20 µs
   * encryption (bench/emulator profile).
   */
  private readonly key: KeyObject;

  /** A fresh random key per emulator launch: tokens from an earlier run are Corrupted, as foreign ones are. */
  constructor(key: Buffer = randomBytes(32)) {
    this.key = createSecretKey(key);
  }

  encode(state: TokenState): string {
    const json = JSON.stringify(state);
    const length = Buffer.byteLength(json);
    const size = Math.max(PLAINTEXT_BYTES, Math.ceil((length + 2) / 256) * 256);
    // A reused scratch buffer: Buffer.alloc is never pooled and cost more than the encryption (bench/emulator).
    if (this.scratch.length < size) this.scratch = Buffer.alloc(size);
    const plain = this.scratch.subarray(0, size).fill(0);
    plain.writeUInt16BE(length, 0);
    plain.write(json, 2, 'utf8');
    for (;;) {
      const token = this.seal(plain);
      // Random ciphertext nearly always holds both; insisting makes "must be URL-encoded" a guarantee.
      if (token.includes('+') && token.includes('/')) {
        this.remember(token, state);
        return token;
      }
    }
  }

  /** Pattern, base64, authenticity and shape; expiry is the caller's (it owns the clock and the TTL). */
  decode(token: string): DecodedToken {
    const key = token.slice(0, IV_KEY_CHARS);
    const known = this.recent.get(key) ?? this.older.get(key);
    if (known && known.token === token) {
      // A token replayed again and again stays hot.
      if (!this.recent.has(key)) this.remember(token, known.state);
      return { ok: true, state: known.state };
    }
    if (!TOKEN_PATTERN.test(token)) {
      return {
        ok: false,
        reason:
          token === ''
            ? 'it is empty'
            : /\s/.test(token)
              ? 'it contains whitespace (a "+" that was not URL-encoded arrives as a space)'
              : 'it is longer than 8192 characters',
      };
    }
    if (token.length % 4 !== 0 || !BASE64.test(token)) {
      return {
        ok: false,
        reason: 'it is not standard base64 (was it URL-encoded twice, or truncated?)',
      };
    }
    const raw = Buffer.from(token, 'base64');
    if (
      raw.length < HEADER.length + IV_BYTES + TAG_BYTES + 2 ||
      !raw.subarray(0, HEADER.length).equals(HEADER)
    ) {
      return { ok: false, reason: 'it was not issued by this emulator' };
    }
    let plain: Buffer;
    try {
      const iv = raw.subarray(HEADER.length, HEADER.length + IV_BYTES);
      const tag = raw.subarray(HEADER.length + IV_BYTES, HEADER.length + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(HEADER);
      decipher.setAuthTag(tag);
      plain = Buffer.concat([
        decipher.update(raw.subarray(HEADER.length + IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      return { ok: false, reason: 'it was altered, or issued by another emulator run' };
    }
    const length = plain.readUInt16BE(0);
    let value: unknown;
    try {
      value = JSON.parse(plain.subarray(2, 2 + length).toString('utf8'));
    } catch {
      return { ok: false, reason: 'its contents are unreadable' };
    }
    return isTokenState(value)
      ? { ok: true, state: value }
      : { ok: false, reason: 'its contents are unreadable' };
  }

  private remember(token: string, state: TokenState): void {
    // Evicting the oldest entry of one big Map costs a scan past its deleted head (7 µs a token at 20k
    // entries, bench/emulator); swapping whole generations is O(1).
    if (this.recent.size >= RECENT_TOKENS / 2) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(token.slice(0, IV_KEY_CHARS), { token, state });
  }

  private seal(plain: Buffer): string {
    const iv = Buffer.allocUnsafe(IV_BYTES);
    this.ivPrefix.copy(iv, 0);
    iv.writeBigUInt64BE(this.ivCounter++, 4);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(HEADER);
    // One buffer, one base64 pass: this runs on every poll (bench/emulator).
    const out = Buffer.allocUnsafe(HEADER.length + IV_BYTES + TAG_BYTES + plain.length);
    HEADER.copy(out, 0);
    iv.copy(out, HEADER.length);
    cipher.update(plain).copy(out, HEADER.length + IV_BYTES + TAG_BYTES);
    cipher.final();
    cipher.getAuthTag().copy(out, HEADER.length + IV_BYTES);
    return out.toString('base64');
  }
}

/** AWS: tokens are valid "for up to 24 hours" after issue (spec §1.5); the TTL is an emulator option. */
export const tokenExpired = (state: TokenState, now: number, ttlSeconds: number): boolean =>
  now - state.issuedAt > ttlSeconds * 1000;

const isNullableInt = (v: unknown) => v === null || Number.isSafeInteger(v);

function isTokenState(v: unknown): v is TokenState {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    ['sessionId', 'tokenId', 'applicationId', 'environmentId', 'profileId'].every(
      (k) => typeof s[k] === 'string',
    ) &&
    Number.isSafeInteger(s.seq) &&
    (s.seq as number) >= 0 &&
    Number.isFinite(s.issuedAt) &&
    isNullableInt(s.minInterval) &&
    isNullableInt(s.heldVersion)
  );
}
