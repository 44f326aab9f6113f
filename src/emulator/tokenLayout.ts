// The byte layout of the emulator's configuration tokens (docs/protocol.md §8.6): where each field sits, the
// sizes, the MAC's hash, and reading the recent-token cache's key straight from a token's characters. Used
// by tokens.ts only; imports nothing.

// Same leading bytes as an AWS Encryption SDK message, so our tokens start with `AYADe` like real ones.
// Shape mimicry only: nothing may parse them.
export const HEADER = Buffer.from([0x01, 0x80, 0x03, 0x78]);
/** Per-launch prefix (4 bytes) + index of the token's keystream block (8 bytes), unique per token. */
const NONCE_BYTES = 12;
/** Encrypted per-poll fields: seq (u32), held version + 1 (u32, 0 for none), issuedAt (f64). */
export const FIELDS_AT = HEADER.length + NONCE_BYTES;
export const FIELDS_BYTES = 16;
/** 128 bits of SHA-512/256 (the size of the AES-GCM tag this scheme replaced). */
export const TAG_BYTES = 16;
export const TAG_AT = FIELDS_AT + FIELDS_BYTES;
/** The per-poll part: 48 bytes, a multiple of 3, so its base64 (64 chars) joins the session part's exactly. */
export const POLL_PART_BYTES = TAG_AT + TAG_BYTES;
/** Session part: keystream block index (u64), its own tag, then (length ‖ JSON ‖ zeros) encrypted. */
export const SESSION_TAG_AT = POLL_PART_BYTES + 8;
export const SESSION_BODY_AT = SESSION_TAG_AT + TAG_BYTES;
// 48 + 8 + 16 + 728 = 800 bytes → 1068 base64 chars ending in '=' (800 is not a multiple of 3).
export const SESSION_BODY_BYTES = 728;
/** The MAC key, which is also where `inner` puts the per-poll part. */
export const KEY_BYTES = 32;
/**
 * A prefix MAC, `H(K ‖ m)`: sound for SHA-512/256, which, unlike SHA-256, is not open to length extension.
 * One hash of one block per token, where HMAC-SHA256 took two calls and four blocks (1.5 against 0.8 µs).
 */
export const MAC_HASH = 'sha512-256';
export const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/**
 * Chars 16–21 of a token's base64 hold bits 96–131 of its bytes: the low 32 bits of the nonce's block index
 * (bytes 12–15), then 4 bits of the fields. `recent` is keyed by those 32 bits (see lowBlockOf).
 */
const LOW_BLOCK_CHARS = [16, 22] as const;
/** Each base64 char's 6-bit value by char code, -1 for any other char. */
const BASE64_VALUE = Int8Array.from({ length: 128 }, (_, c) =>
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(
    String.fromCharCode(c),
  ),
);

/**
 * The low 32 bits of the block index a token names, read from its first 22 chars, or -1. `escaped`: the
 * token as it stands in a query, where `+` and `/` are `%2B` and `%2F` (as encodeURIComponent writes them;
 * any other escape gives -1, and the caller decodes the value instead). A number key: cheaper to hash than
 * any string cut from the token, and nothing to allocate.
 */
export function lowBlockOf(value: string, escaped: boolean): number {
  let v = 0;
  let at = 0;
  for (let n = 0; n < LOW_BLOCK_CHARS[1]; n++) {
    let c = value.charCodeAt(at++);
    if (escaped && c === 0x25) {
      const hex = value.slice(at, at + 2);
      at += 2;
      c = hex === '2B' ? 0x2b : hex === '2F' ? 0x2f : -1;
    }
    const bits = c >= 0 && c < 128 ? BASE64_VALUE[c]! : -1;
    if (bits < 0) return -1;
    if (n >= LOW_BLOCK_CHARS[0]) v = v * 64 + bits;
  }
  // 36 bits read, exact as a double: drop the 4 that belong to the fields.
  return Math.floor(v / 16);
}

/** First byte of a session part's MAC input: a per-poll part's starts with HEADER[0] (0x01) instead. */
export const SESSION_DOMAIN = Buffer.from('S');
export const NO_VERSION = 0;

/** Session body bytes for JSON of `length` bytes: at least SESSION_BODY_BYTES, growing in steps of 256. */
export const bodySizeFor = (length: number): number =>
  length + 2 <= SESSION_BODY_BYTES
    ? SESSION_BODY_BYTES
    : SESSION_BODY_BYTES + Math.ceil((length + 2 - SESSION_BODY_BYTES) / 256) * 256;
