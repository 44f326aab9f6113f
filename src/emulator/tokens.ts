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
/**
 * Keystream made per cipher call: 256 ordinary tokens. A cipher object costs tens of µs to make, which at 128
 * tokens a pool still showed in every poll (bench/emulator profile); 192 KiB stays well inside a core's L2,
 * where the keystream is read back from token by token.
 */
const POOL_BYTES = 256 * PLAINTEXT_BYTES;
/** What the keystream cipher encrypts: zeros, allocated once rather than per pool. */
let zeros = Buffer.alloc(POOL_BYTES);
/** SHA-256's block size: HMAC's padded key is one block. */
const HASH_BLOCK = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Base64 chars covering the header and the nonce (bytes 0–15 → chars 0–21), i.e. unique per token. */
const IV_KEY_CHARS = 22;

/** Kept as decode() answers it, so a hit returns this object instead of building one per poll. */
type Remembered = Readonly<Extract<DecodedToken, { ok: true }>>;

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
  /**
   * Index of the next unused keystream block. A Number, not a BigInt (BigInt arithmetic allocated on every
   * token): exact up to 2^53 blocks, far beyond any launch, and written as the nonce's two 32-bit halves.
   */
  private nextBlock = 0;
  private pool: Buffer = Buffer.alloc(0);
  /** The pool as 32-bit words, for xorWords. */
  private poolWords: Int32Array = new Int32Array(0);
  private poolAt = 0;
  /** Index of the keystream block at pool[0]. */
  private poolBlock = 0;
  /**
   * Keyed by the nonce's base64 (unique per token under this key), not the whole ~1 kB string, which V8 would
   * hash on every lookup; the full token is compared on a hit, so an altered token never matches.
   */
  private recent = new Map<string, Remembered>();
  /** The generation before `recent`: two generations give LRU-like keeping without scanning a Map's head. */
  private older = new Map<string, Remembered>();
  /** `K⊕ipad ‖ token`: the inner hash's input, assembled in place (no per-token Buffer). */
  private inner: Buffer;
  /** `inner` as 32-bit words, for xorWords. */
  private innerWords: Int32Array;
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
    this.innerWords = wordsOf(this.inner);
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
    const recent = this.recent.get(key);
    if (recent !== undefined) {
      if (recent.token === token) return recent;
    } else {
      const older = this.older.get(key);
      if (older !== undefined && older.token === token) {
        // A token replayed again and again stays hot.
        this.keep(key, older);
        return older;
      }
    }
    return this.decodeAnew(token);
  }

  /** decode() of a token not in `recent`/`older`: kept apart so the hit path stays a small function. */
  private decodeAnew(token: string): DecodedToken {
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
    this.keep(token.slice(0, IV_KEY_CHARS), { ok: true, state, token });
  }

  private keep(key: string, entry: Remembered): void {
    // Evicting the oldest entry of one big Map costs a scan past its deleted head (7 µs a token at 20k
    // entries, bench/emulator); swapping whole generations is O(1).
    if (this.recent.size >= RECENT_TOKENS / 2) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, entry);
  }

  /**
   * Reserves keystream for `bytes` (a multiple of 16) and returns its offset in `pool`; its first block's
   * index is `poolBlock + offset / 16`. Offsets rather than a subarray and a result object: both showed as
   * allocation on every token.
   */
  private keystream(bytes: number): number {
    if (this.poolAt + bytes > this.pool.length) {
      // Whatever is left of the old pool is skipped, never reused: indexes only go up.
      const counter = Buffer.alloc(AES_BLOCK);
      this.prefix.copy(counter, 0);
      writeUint64(counter, this.nextBlock, 8);
      const length = Math.max(POOL_BYTES, bytes);
      if (zeros.length < length) zeros = Buffer.alloc(length);
      const made = createCipheriv('aes-256-ctr', this.cipherKey, counter).update(
        zeros.subarray(0, length),
      );
      // A word view needs a 4-aligned start: a cipher's output this large has its own memory, else copy it.
      this.pool = made.byteOffset % 4 === 0 ? made : aligned(made);
      this.poolWords = wordsOf(this.pool);
      this.poolBlock = this.nextBlock;
      this.nextBlock += length / AES_BLOCK;
      this.poolAt = 0;
    }
    const at = this.poolAt;
    this.poolAt += bytes;
    return at;
  }

  /** HMAC-SHA256 of `message`, truncated: inner = H(K⊕ipad ‖ m), tag = H(K⊕opad ‖ inner). */
  private mac(message: Buffer): Buffer {
    if (this.inner.length < HASH_BLOCK + message.length)
      this.growInner(HASH_BLOCK + message.length);
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

  private growInner(size: number): void {
    const grown = Buffer.alloc(size);
    this.inner.copy(grown, 0, 0, HASH_BLOCK);
    this.inner = grown;
    this.innerWords = wordsOf(grown);
  }

  /**
   * Builds the token in `inner` after the padded key, so the MAC needs no copy. The body is (length ‖ JSON ‖
   * zeros) XOR keystream, as ever, but only the length and JSON are XORed and MACed: the zero padding's
   * ciphertext is the keystream itself, copied, and decode checks that it decrypts to zeros. Everything is
   * written at offsets into `inner` and `pool` (no subarray per step: each was a Buffer object per token).
   */
  private seal(json: string, length: number, size: number): string {
    const total = BODY_AT + size;
    if (this.inner.length < HASH_BLOCK + total) this.growInner(HASH_BLOCK + total);
    const inner = this.inner;
    const at = this.keystream(size);
    const block = this.poolBlock + at / AES_BLOCK;
    HEADER.copy(inner, HASH_BLOCK);
    this.prefix.copy(inner, HASH_BLOCK + HEADER.length);
    writeUint64(inner, block, HASH_BLOCK + HEADER.length + 4);
    inner.fill(0, HASH_BLOCK + TAG_AT, HASH_BLOCK + BODY_AT);
    const body = HASH_BLOCK + BODY_AT;
    this.pool.copy(inner, body, at, at + size);
    // Plaintext written in place up to a 4-byte boundary (zeros after the JSON), then XORed with the keystream.
    const used = 2 + length;
    const xorEnd = Math.min(size, (used + 3) & ~3);
    inner.writeUInt16BE(length, body);
    inner.write(json, body + 2, 'utf8');
    inner.fill(0, body + used, body + xorEnd);
    xorWords(this.innerWords, body / 4, this.poolWords, at / 4, xorEnd / 4);
    const tag = this.tagOf(inner.subarray(0, body + used));
    inner.write(tag, HASH_BLOCK + TAG_AT, 'latin1');
    return inner.toString('base64', HASH_BLOCK, HASH_BLOCK + total);
  }
}

/** Body bytes for JSON of `length` bytes: at least PLAINTEXT_BYTES, in steps of 256 (a truncated token is refused). */
const paddedSize = (length: number): number =>
  Math.max(PLAINTEXT_BYTES, Math.ceil((length + 2) / 256) * 256);

/** A copy at offset 0 of its own memory (Buffer.alloc never hands out a slice of a shared pool). */
function aligned(b: Buffer): Buffer {
  const copy = Buffer.alloc(b.length);
  b.copy(copy);
  return copy;
}

/** A 4-aligned Buffer's bytes as 32-bit words. */
const wordsOf = (b: Buffer): Int32Array =>
  new Int32Array(b.buffer, b.byteOffset, Math.floor(b.length / 4));

/**
 * `target[t…] ^= stream[s…]` over `n` words: word offsets stay 4-aligned because the body starts at byte 100 of
 * `inner`, pool offsets are multiples of 256 and sizes of 4 (a byte loop was most of a token's JS time).
 */
function xorWords(target: Int32Array, t: number, stream: Int32Array, s: number, n: number): void {
  for (let i = 0; i < n; i++) target[t + i]! ^= stream[s + i]!;
}

/** Big-endian unsigned 64-bit write of a safe integer, as writeBigUInt64BE would (without a BigInt). */
function writeUint64(target: Buffer, value: number, offset: number): void {
  target.writeUInt32BE(Math.floor(value / 2 ** 32), offset);
  target.writeUInt32BE(value % 2 ** 32, offset + 4);
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
