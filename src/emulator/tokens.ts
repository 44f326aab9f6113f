// Configuration tokens for the emulated AppConfig Data plane: self-contained, encrypted session state.
// Used by the data-plane handlers only; imports node: and its own folder only (the emulator shares no code
// with the inspector). Real tokens are ~1 kB standard-base64 encrypted blobs (docs/protocol.md §1.6), so
// ours are too: a client that forgets to URL-encode `+`, `/` or `=` breaks here exactly as it would against
// AWS. A token is a short per-poll part (chain position, issue time, version held) and a per-session part
// (who the session is), each AES-256-CTR encrypted and authenticated by a SHA-512/256 MAC (see TokenCodec,
// docs/protocol.md §8.6).
import {
  createHmac,
  createSecretKey,
  hash,
  randomBytes,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import {
  AES_BLOCK,
  Keystream,
  aligned,
  decrypt,
  readUint64,
  wordsOf,
  writeUint64,
  xorWords,
} from './keystream.js';
import { Generations } from './generations.js';
import {
  HEADER,
  FIELDS_AT,
  FIELDS_BYTES,
  TAG_BYTES,
  TAG_AT,
  POLL_PART_BYTES,
  SESSION_TAG_AT,
  SESSION_BODY_AT,
  SESSION_BODY_BYTES,
  KEY_BYTES,
  MAC_HASH,
  BASE64,
  lowBlockOf,
  SESSION_DOMAIN,
  NO_VERSION,
  bodySizeFor,
} from './tokenLayout.js';

/**
 * Everything a GetLatestConfiguration call needs; the server keeps no per-token state
 * (docs/protocol.md §1.6).
 */
export interface TokenState {
  sessionId: string;
  /** Position in the session's chain: 0 is the InitialConfigurationToken, n was issued by the n-th poll. */
  seq: number;
  /**
   * Unique per issuance, so two tokens at one chain position (after a replay) are still told apart. Assigned
   * by the codec: the index of the token's keystream block, the varying half of its nonce. A number, so the
   * spent-token memory compares numbers rather than strings.
   */
  tokenId: number;
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

/** What encode() is given: the token's id is the codec's to make. */
export type NewToken = Omit<TokenState, 'tokenId'>;

export type DecodedToken =
  /** `token`: the string as issued when it is one this codec remembers (equal to the one given). */
  { ok: true; state: TokenState; token: string } | { ok: false; reason: string };

/** A token this codec issued recently, with its query-string form (as clients percent-encode it). */
type Remembered = Readonly<Extract<DecodedToken, { ok: true }> & { query: string }>;

export const TOKEN_PATTERN = /^\S{1,8192}$/;

/** A session part, made once per session and shared by all its tokens. */
interface SessionPart {
  /** Its base64: it starts at byte 48, a multiple of 3, so it is the token's tail as is. */
  readonly base64: string;
  /** `base64` percent-encoded, the tail of the token's query form. */
  readonly query: string;
  readonly tag: Buffer;
  /** `tag` as 32-bit words, for encode. */
  readonly tagWords: Int32Array;
  readonly applicationId: string;
  readonly environmentId: string;
  readonly profileId: string;
  readonly minInterval: number | null;
}

/**
 * Tokens issued recently, kept decoded: a chain's next poll then skips base64, decryption and parsing. A
 * token stays at least RECENT_TOKENS / 2 issuances, four times round 1,000 sessions; more would only be more
 * old-generation heap for the GC to mark (a miss costs one full decode, ~10 µs).
 */
const RECENT_TOKENS = 8_192;
/**
 * Session parts kept (~1.1 kB each, so at most ~9 MB). A session forgotten here gets a new part on its next
 * poll: its older tokens stay valid, since each carries its own.
 */
const RECENT_SESSIONS = 8_192;

/**
 * Encrypt-then-MAC, split so that a poll seals 16 bytes and hashes 48, while the ~750 bytes naming the
 * session are sealed once per session: per-poll sealing of the whole token (JSON, 800-byte XOR, MAC over all
 * of it, base64) was most of a poll's CPU under load (bench/emulator).
 *
 * - A token is `HEADER ‖ nonce ‖ E(fields) ‖ tag` (48 bytes) then the session part `block ‖ tag ‖ E(length ‖
 *   JSON ‖ zeros)`. Tokens of one session share that tail; nothing may read meaning into token bytes.
 * - Confidentiality: AES-256-CTR. The counter block of keystream block i is `prefix ‖ 0u32 ‖ i (u64)`, i
 *   counting up for the whole launch, so one cipher call makes the keystream of many tokens at once and no
 *   block is ever used twice. A token's nonce names its fields' block, a session part its own first block.
 * - Integrity: SHA-512/256 of a subkey of its own and the message (see MAC_HASH), truncated to 16 bytes and
 *   compared in constant time. The per-poll tag covers the header, nonce, encrypted fields and the session
 *   part's tag; the session part's tag covers all of the session part. So any altered byte, a splice of two
 *   tokens, a token of another launch (other keys) or a forged one is Corrupted.
 */
export class TokenCodec {
  private readonly prefix = randomBytes(4);
  private readonly keystream: Keystream;
  /**
   * Keyed by the low 32 bits of the token's block index (lowBlockOf), unique among the tokens kept; the full
   * token (or its query form) is compared on a hit, so an altered token never matches.
   */
  private readonly recent = new Generations<number, Remembered>(RECENT_TOKENS);
  private readonly sessions = new Generations<string, SessionPart>(RECENT_SESSIONS);
  /** `K ‖ per-poll part` with the session tag where the token's tag goes: the MAC's input, built in place. */
  private readonly inner = Buffer.alloc(KEY_BYTES + POLL_PART_BYTES);
  /** `inner` as 32-bit words, for xorWords. */
  private readonly innerWords: Int32Array;
  /** Imported once: a raw Buffer key is re-imported by every createCipheriv. */
  private readonly cipherKey: KeyObject;
  private readonly macKey: Buffer;

  /** A fresh random key per emulator launch: tokens from an earlier run are Corrupted, as foreign ones are. */
  constructor(key: Buffer = randomBytes(32)) {
    // Independent subkeys for the cipher and the MAC, derived from the one launch key.
    this.cipherKey = createSecretKey(createHmac('sha256', key).update('cipher').digest());
    this.macKey = createHmac('sha256', key).update('mac').digest();
    this.keystream = new Keystream(this.cipherKey, this.prefix);
    this.innerWords = wordsOf(this.inner);
    this.macKey.copy(this.inner, 0);
    HEADER.copy(this.inner, KEY_BYTES);
    this.prefix.copy(this.inner, KEY_BYTES + HEADER.length);
  }

  encode(fields: NewToken): string {
    const session = this.sessionPart(fields);
    const inner = this.inner;
    const at = this.keystream.reserve(AES_BLOCK);
    const tokenId = this.keystream.blockAt(at);
    writeUint64(inner, tokenId, KEY_BYTES + HEADER.length + 4);
    // writeUInt32BE throws past 2^32 - 1: a chain that long, or such a version number, is a bug to surface.
    const f = KEY_BYTES + FIELDS_AT;
    inner.writeUInt32BE(fields.seq, f);
    inner.writeUInt32BE(fields.heldVersion === null ? NO_VERSION : fields.heldVersion + 1, f + 4);
    inner.writeDoubleBE(fields.issuedAt, f + 8);
    xorWords(this.innerWords, f / 4, this.keystream.words, at / 4, FIELDS_BYTES / 4);
    // Word by word: Buffer.copy of 16 bytes showed as a tenth of encode (bench/emulator profile).
    const tagWord = (KEY_BYTES + TAG_AT) / 4;
    const sessionTag = session.tagWords;
    for (let i = 0; i < TAG_BYTES / 4; i++) this.innerWords[tagWord + i] = sessionTag[i]!;
    // A 'binary' string digest skips the Buffer a 'buffer' digest allocates (bench/emulator profile).
    inner.write(hash(MAC_HASH, inner, 'binary'), KEY_BYTES + TAG_AT, TAG_BYTES, 'latin1');
    const head = inner.toString('base64', KEY_BYTES);
    // Concatenations V8 keeps as pairs until something reads them flat: no 1 kB copy per token here.
    const token = head + session.base64;
    const state: TokenState = {
      sessionId: fields.sessionId,
      seq: fields.seq,
      tokenId,
      issuedAt: fields.issuedAt,
      applicationId: fields.applicationId,
      environmentId: fields.environmentId,
      profileId: fields.profileId,
      minInterval: fields.minInterval,
      heldVersion: fields.heldVersion,
    };
    this.remember(state, token, encodeURIComponent(head) + session.query);
    return token;
  }

  /**
   * Pattern, base64, authenticity and shape; expiry is the caller's (it owns the clock and the TTL). A token
   * decoded anew is remembered again: one resent over and over (a replay, a client stuck on an old token)
   * would otherwise pay a full decode on every call once it has dropped out (bench/emulator, full content).
   */
  decode(token: string): DecodedToken {
    const recent = this.recent.get(lowBlockOf(token, false));
    if (recent !== undefined && recent.token === token) return recent;
    const decoded = this.decodeAnew(token);
    return decoded.ok ? this.remember(decoded.state, token, encodeURIComponent(token)) : decoded;
  }

  /** Keeps a token known to be authentic under the low 32 bits of its block index (see `recent`). */
  private remember(state: TokenState, token: string, query: string): Remembered {
    const remembered: Remembered = { ok: true, state, token, query };
    this.recent.keep(state.tokenId % 2 ** 32, remembered);
    return remembered;
  }

  /**
   * A recently issued token, recognised in the query-string form clients send (`%2B`, `%2F`, `%3D`), or
   * undefined: the caller then decodes the value and calls decode(). Percent-decoding the ~1.1 kB value cost
   * more than the rest of the lookup (bench/emulator).
   */
  decodeQuery(value: string): DecodedToken | undefined {
    const recent = this.recent.get(lowBlockOf(value, true));
    return recent !== undefined && recent.query === value ? recent : undefined;
  }

  /** decode() of a token not remembered: kept apart so the hit path stays a small function. */
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
    const bodySize = raw.length - SESSION_BODY_AT;
    if (bodySize < SESSION_BODY_BYTES || !raw.subarray(0, HEADER.length).equals(HEADER)) {
      return { ok: false, reason: 'it was not issued by this emulator' };
    }
    const altered = {
      ok: false,
      reason: 'it was altered, or issued by another emulator run',
    } as const;
    const sessionTag = raw.subarray(SESSION_TAG_AT, SESSION_BODY_AT);
    const pollTag = this.macOf([raw.subarray(0, TAG_AT), sessionTag]);
    const ownTag = this.macOf([
      SESSION_DOMAIN,
      raw.subarray(POLL_PART_BYTES, SESSION_TAG_AT),
      raw.subarray(SESSION_BODY_AT),
    ]);
    if (
      !timingSafeEqual(pollTag, raw.subarray(TAG_AT, POLL_PART_BYTES)) ||
      !timingSafeEqual(ownTag, sessionTag)
    )
      return altered;
    // The counter prefix is the token's own: a codec given the same key (tests) reads another's tokens.
    const prefix = raw.subarray(HEADER.length, HEADER.length + 4);
    const fields = decrypt(
      this.cipherKey,
      raw.subarray(FIELDS_AT, TAG_AT),
      prefix,
      readUint64(raw, 8),
    );
    const body = decrypt(
      this.cipherKey,
      raw.subarray(SESSION_BODY_AT),
      prefix,
      readUint64(raw, POLL_PART_BYTES),
    );
    const length = body.readUInt16BE(0);
    const used = 2 + length;
    // Authentic, yet not what encode writes: only a bug here or a leaked key could make one.
    if (bodySize !== bodySizeFor(length) || body.subarray(used).some((b) => b !== 0))
      return altered;
    let session: unknown;
    try {
      session = JSON.parse(body.subarray(2, used).toString('utf8'));
    } catch {
      return { ok: false, reason: 'its contents are unreadable' };
    }
    if (!isSessionFields(session)) return { ok: false, reason: 'its contents are unreadable' };
    const held = fields.readUInt32BE(4);
    const state: TokenState = {
      sessionId: session.sessionId,
      seq: fields.readUInt32BE(0),
      tokenId: readUint64(raw, HEADER.length + 4),
      issuedAt: fields.readDoubleBE(8),
      applicationId: session.applicationId,
      environmentId: session.environmentId,
      profileId: session.profileId,
      minInterval: session.minInterval,
      heldVersion: held === NO_VERSION ? null : held - 1,
    };
    return Number.isFinite(state.issuedAt)
      ? { ok: true, state, token }
      : { ok: false, reason: 'its contents are unreadable' };
  }

  /** The session's part, made on its first token (or when forgotten) and checked against what it names. */
  private sessionPart(fields: NewToken): SessionPart {
    const known = this.sessions.get(fields.sessionId);
    if (
      known !== undefined &&
      known.applicationId === fields.applicationId &&
      known.environmentId === fields.environmentId &&
      known.profileId === fields.profileId &&
      known.minInterval === fields.minInterval
    )
      return known;
    const json = JSON.stringify({
      sessionId: fields.sessionId,
      applicationId: fields.applicationId,
      environmentId: fields.environmentId,
      profileId: fields.profileId,
      minInterval: fields.minInterval,
    });
    const length = Buffer.byteLength(json);
    const size = bodySizeFor(length);
    const part = Buffer.alloc(SESSION_BODY_AT - POLL_PART_BYTES + size);
    for (;;) {
      const at = this.keystream.reserve(Math.ceil(size / AES_BLOCK) * AES_BLOCK);
      writeUint64(part, this.keystream.blockAt(at), 0);
      const stream = this.keystream.bytes;
      const body = SESSION_BODY_AT - POLL_PART_BYTES;
      part.fill(0, body);
      part.writeUInt16BE(length, body);
      part.write(json, body + 2, 'utf8');
      for (let i = 0; i < size; i++) part[body + i]! ^= stream[at + i]!;
      const tag = this.macOf([SESSION_DOMAIN, part.subarray(0, 8), part.subarray(body)]);
      tag.copy(part, 8);
      const base64 = part.toString('base64');
      // Random ciphertext nearly always holds both; insisting makes "must be URL-encoded" a guarantee for
      // every token of the session.
      if (!base64.includes('+') || !base64.includes('/')) continue;
      const made: SessionPart = {
        base64,
        tagWords: wordsOf(aligned(tag)),
        query: encodeURIComponent(base64),
        tag,
        applicationId: fields.applicationId,
        environmentId: fields.environmentId,
        profileId: fields.profileId,
        minInterval: fields.minInterval,
      };
      this.sessions.keep(fields.sessionId, made);
      return made;
    }
  }

  /** The tag encode writes, for checking and for session parts (made once per session: no hurry). */
  private macOf(pieces: Buffer[]): Buffer {
    return hash(MAC_HASH, Buffer.concat([this.macKey, ...pieces]), 'buffer').subarray(0, TAG_BYTES);
  }
}

/**
 * AWS: tokens are valid "for up to 24 hours" after issue (docs/protocol.md §1.5); the TTL is an
 * emulator option.
 */
export const tokenExpired = (
  state: Pick<TokenState, 'issuedAt'>,
  now: number,
  ttlSeconds: number,
): boolean => now - state.issuedAt > ttlSeconds * 1000;

type SessionFields = Pick<
  TokenState,
  'sessionId' | 'applicationId' | 'environmentId' | 'profileId' | 'minInterval'
>;

function isSessionFields(v: unknown): v is SessionFields {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    ['sessionId', 'applicationId', 'environmentId', 'profileId'].every(
      (k) => typeof s[k] === 'string',
    ) &&
    (s.minInterval === null || Number.isSafeInteger(s.minInterval))
  );
}
