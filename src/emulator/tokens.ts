// Configuration tokens for the emulated AppConfig Data plane: self-contained, encrypted session state.
// Used by the data-plane handlers only; imports node: only (the emulator shares no code with the inspector).
// Real tokens are ~1 kB standard-base64 encrypted blobs (docs/protocol.md §1.6), so ours are too: a client
// that forgets to URL-encode `+`, `/` or `=` breaks here exactly as it would against AWS. Sealed
// encrypt-then-MAC: AES-256-CTR from a pooled keystream, then HMAC-SHA256 over the whole token
// (see TokenCodec).
import {
  createCipheriv,
  createHmac,
  createSecretKey,
  hash,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';

/**
 * Everything a GetLatestConfiguration call needs; the server keeps no per-token state
 * (docs/protocol.md §1.6).
 */
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

export type DecodedToken =
  /** `token`: the string as issued when it is one this codec remembers (equal to the one given). */
  { ok: true; state: TokenState; token: string } | { ok: false; reason: string };

export const TOKEN_PATTERN = /^\S{1,8192}$/;

// Same leading bytes as an AWS Encryption SDK message, so our tokens start with `AYADe` like real ones.
// Shape mimicry only: nothing may parse them.
const HEADER = Buffer.from([0x01, 0x80, 0x03, 0x78]);
/** Per-launch prefix (4 bytes) + index of the token's first keystream block (8 bytes), unique per token. */
const NONCE_BYTES = 12;
/** HMAC-SHA256 truncated to 128 bits (the size of the AES-GCM tag this scheme replaced). */
const TAG_BYTES = 16;
const TAG_AT = HEADER.length + NONCE_BYTES;
const BODY_AT = TAG_AT + TAG_BYTES;
// 4 + 12 + 16 + 768 = 800 bytes → 1068 base64 chars ending in '=' (800 is not a multiple of 3).
const PLAINTEXT_BYTES = 768;
const AES_BLOCK = 16;
/** Keystream made per cipher call: 128 ordinary tokens. */
const POOL_BYTES = 128 * PLAINTEXT_BYTES;
/** SHA-256's block size: HMAC's padded key is one block. */
const HASH_BLOCK = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Base64 chars covering the header and the nonce (bytes 0–15 → chars 0–21), i.e. unique per token. */
const IV_KEY_CHARS = 22;

interface Remembered {
  token: string;
  state: TokenState;
}

/**
 * Tokens issued recently, kept decoded: a chain's next poll then skips base64, decryption and parsing. A
 * token stays at least RECENT_TOKENS / 2 issuances, four times round 1,000 sessions; more would only be more
 * old-generation heap for the GC to mark (a miss costs one full decode, ~5 µs).
 */
const RECENT_TOKENS = 8_192;

/**
 * Encrypt-then-MAC, built so that minting a token costs two native calls (the two hashes of an HMAC) instead
 * of a cipher object per token: AES-GCM through createCipheriv (object, AAD, update, final, tag) was 20 µs of
 * a ~110 µs poll under load (bench/emulator profile).
 *
 * - Confidentiality: AES-256-CTR. The counter block of keystream block i is `prefix ‖ 0u32 ‖ i (u64)`, i
 *   counting up for the whole launch, so one cipher call makes the keystream of many tokens at once and no
 *   block is ever used twice. A token records its first block's index in its nonce; decoding (only for tokens
 *   not in `recent`) makes the cipher at that index.
 * - Integrity: HMAC-SHA256 (RFC 2104, computed from its definition with one-shot hashes over precomputed
 *   padded keys) of the token up to the end of its JSON, tag field zeroed, truncated to 16 bytes, compared in
 *   constant time; the padding after the JSON must decrypt to zeros. Any altered byte, a token of another
 *   launch (other keys) or a forged one is Corrupted.
 */
export class TokenCodec {
  private readonly prefix = randomBytes(4);
  /** Index of the next unused keystream block. */
  private nextBlock = 0n;
  private pool = Buffer.alloc(0);
  private poolAt = 0;
  /** Index of the keystream block at pool[0]. */
  private poolBlock = 0n;
  /**
   * Keyed by the nonce's base64 (unique per token under this key), not the whole ~1 kB string, which V8 would
   * hash on every lookup; the full token is compared on a hit, so an altered token never matches.
   */
  private recent = new Map<string, Remembered>();
  /** The generation before `recent`: two generations give LRU-like keeping without scanning a Map's head. */
  private older = new Map<string, Remembered>();
  /** `K⊕ipad ‖ token`: the inner hash's input, assembled in place (no per-token Buffer). */
  private inner: Buffer;
  /** `K⊕opad ‖ inner digest`. */
  private readonly outer = Buffer.alloc(HASH_BLOCK + 32);
  /** Imported once: a raw Buffer key is re-imported by every createCipheriv. */
  private readonly cipherKey: KeyObject;

  /** A fresh random key per emulator launch: tokens from an earlier run are Corrupted, as foreign ones are. */
  constructor(key: Buffer = randomBytes(32)) {
    // Independent subkeys for the cipher and the MAC, derived from the one launch key.
    this.cipherKey = createSecretKey(createHmac('sha256', key).update('cipher').digest());
    const macKey = createHmac('sha256', key).update('mac').digest();
    this.inner = Buffer.alloc(HASH_BLOCK + BODY_AT + PLAINTEXT_BYTES);
    for (let i = 0; i < HASH_BLOCK; i++) {
      const k = i < macKey.length ? macKey[i]! : 0;
      this.inner[i] = k ^ 0x36;
      this.outer[i] = k ^ 0x5c;
    }
  }

  encode(state: TokenState): string {
    const json = JSON.stringify(state);
    const length = Buffer.byteLength(json);
    const size = paddedSize(length);
    for (;;) {
      const token = this.seal(json, length, size);
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
      return { ok: true, state: known.state, token: known.token };
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
    if (raw.length < BODY_AT + 2 || !raw.subarray(0, HEADER.length).equals(HEADER)) {
      return { ok: false, reason: 'it was not issued by this emulator' };
    }
    const counter = Buffer.alloc(AES_BLOCK);
    raw.copy(counter, 0, HEADER.length, HEADER.length + 4);
    raw.copy(counter, 8, HEADER.length + 4, TAG_AT);
    const plain = createCipheriv('aes-256-ctr', this.cipherKey, counter).update(
      raw.subarray(BODY_AT),
    );
    const length = plain.readUInt16BE(0);
    const used = 2 + length;
    // The MAC covers the header, nonce, length and JSON; every byte after them must decrypt to zero, so an
    // altered byte anywhere in the token is refused.
    const tag = Buffer.from(raw.subarray(TAG_AT, BODY_AT));
    raw.fill(0, TAG_AT, BODY_AT);
    if (
      plain.length !== paddedSize(length) ||
      !timingSafeEqual(tag, this.mac(raw.subarray(0, BODY_AT + used))) ||
      plain.subarray(used).some((b) => b !== 0)
    ) {
      return { ok: false, reason: 'it was altered, or issued by another emulator run' };
    }
    let value: unknown;
    try {
      value = JSON.parse(plain.subarray(2, used).toString('utf8'));
    } catch {
      return { ok: false, reason: 'its contents are unreadable' };
    }
    return isTokenState(value)
      ? { ok: true, state: value, token }
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

  /** Keystream for `bytes` (a multiple of 16), and the index of its first block. */
  private keystream(bytes: number): { stream: Buffer; block: bigint } {
    if (this.poolAt + bytes > this.pool.length) {
      // Whatever is left of the old pool is skipped, never reused: indexes only go up.
      const counter = Buffer.alloc(AES_BLOCK);
      this.prefix.copy(counter, 0);
      counter.writeBigUInt64BE(this.nextBlock, 8);
      const length = Math.max(POOL_BYTES, bytes);
      this.pool = createCipheriv('aes-256-ctr', this.cipherKey, counter).update(
        Buffer.alloc(length),
      );
      this.poolBlock = this.nextBlock;
      this.nextBlock += BigInt(length / AES_BLOCK);
      this.poolAt = 0;
    }
    const block = this.poolBlock + BigInt(this.poolAt / AES_BLOCK);
    const stream = this.pool.subarray(this.poolAt, this.poolAt + bytes);
    this.poolAt += bytes;
    return { stream, block };
  }

  /** HMAC-SHA256 of `message`, truncated: inner = H(K⊕ipad ‖ m), tag = H(K⊕opad ‖ inner). */
  private mac(message: Buffer): Buffer {
    if (this.inner.length < HASH_BLOCK + message.length) {
      const grown = Buffer.alloc(HASH_BLOCK + message.length);
      this.inner.copy(grown, 0, 0, HASH_BLOCK);
      this.inner = grown;
    }
    message.copy(this.inner, HASH_BLOCK);
    return Buffer.from(this.tagOf(this.inner.subarray(0, HASH_BLOCK + message.length)), 'latin1');
  }

  /**
   * The tag as a 16-char 'binary' (latin1) string, one char per byte: a string digest skips the Buffer a 'buffer'
   * digest allocates, which cost as much as the hashing (1.5 µs of 2.6).
   */
  private tagOf(innerInput: Buffer): string {
    this.outer.write(hash('sha256', innerInput, 'binary'), HASH_BLOCK, 'latin1');
    return hash('sha256', this.outer, 'binary').slice(0, TAG_BYTES);
  }

  /**
   * Builds the token in `inner` after the padded key, so the MAC needs no copy. The body is (length ‖ JSON ‖
   * zeros) XOR keystream, as ever, but only the length and JSON are XORed and MACed: the zero padding's
   * ciphertext is the keystream itself, copied, and decode checks that it decrypts to zeros.
   */
  private seal(json: string, length: number, size: number): string {
    const total = BODY_AT + size;
    if (this.inner.length < HASH_BLOCK + total) {
      const grown = Buffer.alloc(HASH_BLOCK + total);
      this.inner.copy(grown, 0, 0, HASH_BLOCK);
      this.inner = grown;
    }
    const token = this.inner.subarray(HASH_BLOCK, HASH_BLOCK + total);
    const { stream, block } = this.keystream(size);
    HEADER.copy(token, 0);
    this.prefix.copy(token, HEADER.length);
    token.writeBigUInt64BE(block, HEADER.length + 4);
    token.fill(0, TAG_AT, BODY_AT);
    const body = token.subarray(BODY_AT);
    stream.copy(body);
    // Plaintext written in place up to a 4-byte boundary (zeros after the JSON), then XORed with the keystream.
    const used = 2 + length;
    const xorEnd = Math.min(size, (used + 3) & ~3);
    body.writeUInt16BE(length, 0);
    body.write(json, 2, 'utf8');
    body.fill(0, used, xorEnd);
    xorInto(body.subarray(0, xorEnd), stream.subarray(0, xorEnd));
    const macEnd = HASH_BLOCK + BODY_AT + used;
    token.write(this.tagOf(this.inner.subarray(0, macEnd)), TAG_AT, 'latin1');
    return token.toString('base64');
  }
}

/** Body bytes for JSON of `length` bytes: at least PLAINTEXT_BYTES, in steps of 256 (a truncated token is refused). */
const paddedSize = (length: number): number =>
  Math.max(PLAINTEXT_BYTES, Math.ceil((length + 2) / 256) * 256);

/**
 * `target ^= stream`, four bytes at a time where both are 4-aligned (the pool and `inner` always are; sizes
 * are multiples of 256): a byte loop was most of a token's JS time.
 */
function xorInto(target: Buffer, stream: Buffer): void {
  const n = target.length;
  if ((target.byteOffset | stream.byteOffset | n) % 4 === 0) {
    const t = new Int32Array(target.buffer, target.byteOffset, n / 4);
    const k = new Int32Array(stream.buffer, stream.byteOffset, n / 4);
    for (let i = 0; i < t.length; i++) t[i]! ^= k[i]!;
    return;
  }
  for (let i = 0; i < n; i++) target[i]! ^= stream[i]!;
}

/**
 * AWS: tokens are valid "for up to 24 hours" after issue (docs/protocol.md §1.5); the TTL is an
 * emulator option.
 */
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
