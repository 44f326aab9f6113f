// AES-256-CTR keystream for the emulator's token codec, made many tokens' worth per cipher call, and the
// byte helpers the codec builds tokens with. Used by tokens.ts only; imports node: only.
import { createCipheriv, type KeyObject } from 'node:crypto';

export const AES_BLOCK = 16;
/** Keystream made per cipher call: a cipher object costs tens of µs, a token takes one 16-byte block. */
const POOL_BYTES = 64 * 1024;
/** What the keystream cipher encrypts: zeros, allocated once rather than per pool. */
let zeros = Buffer.alloc(POOL_BYTES);

/**
 * The keystream of one launch. The counter block of keystream block i is `prefix ‖ 0u32 ‖ i (u64)`, i counting
 * up for the whole launch, so no block is ever used twice; a token records the index of its first block.
 */
export class Keystream {
  /** The current pool of keystream bytes; reserve() says where a caller's part of it starts. */
  bytes: Buffer = Buffer.alloc(0);
  /** `bytes` as 32-bit words, for xorWords. */
  words: Int32Array = new Int32Array(0);
  /**
   * Index of the next unused block. A Number, not a BigInt (BigInt arithmetic allocated on every token):
   * exact up to 2^53 blocks, far beyond any launch.
   */
  private nextBlock = 0;
  private at = 0;
  /** Index of the block at bytes[0]. */
  private firstBlock = 0;

  constructor(
    private readonly key: KeyObject,
    private readonly prefix: Buffer,
  ) {}

  /**
   * Reserves `size` bytes (a multiple of 16) and returns their offset in `bytes`; blockAt(offset) is their
   * first block's index. An offset rather than a subarray and a result object: both showed as allocation on
   * every token (bench/emulator profile).
   */
  reserve(size: number): number {
    if (this.at + size > this.bytes.length) {
      // Whatever is left of the old pool is skipped, never reused: indexes only go up.
      const length = Math.max(POOL_BYTES, size);
      if (zeros.length < length) zeros = Buffer.alloc(length);
      const made = createCipheriv(
        'aes-256-ctr',
        this.key,
        counterBlock(this.prefix, this.nextBlock),
      ).update(zeros.subarray(0, length));
      // A word view needs a 4-aligned start: a cipher's output this large has its own memory, else copy it.
      this.bytes = made.byteOffset % 4 === 0 ? made : aligned(made);
      this.words = wordsOf(this.bytes);
      this.firstBlock = this.nextBlock;
      this.nextBlock += length / AES_BLOCK;
      this.at = 0;
    }
    const offset = this.at;
    this.at += size;
    return offset;
  }

  blockAt(offset: number): number {
    return this.firstBlock + offset / AES_BLOCK;
  }
}

/** Decrypts `bytes` whose keystream starts at block `block` under counter prefix `prefix`. */
export function decrypt(key: KeyObject, bytes: Buffer, prefix: Buffer, block: number): Buffer {
  return createCipheriv('aes-256-ctr', key, counterBlock(prefix, block)).update(bytes);
}

const counterBlock = (prefix: Buffer, block: number): Buffer => {
  const counter = Buffer.alloc(AES_BLOCK);
  prefix.copy(counter, 0);
  writeUint64(counter, block, 8);
  return counter;
};

/** A copy at offset 0 of its own memory (Buffer.alloc never hands out a slice of a shared pool). */
export function aligned(b: Buffer): Buffer {
  const copy = Buffer.alloc(b.length);
  b.copy(copy);
  return copy;
}

/** A 4-aligned Buffer's bytes as 32-bit words (in the machine's order: only copied or XORed, never read). */
export const wordsOf = (b: Buffer): Int32Array =>
  new Int32Array(b.buffer, b.byteOffset, Math.floor(b.length / 4));

/** `target[t…] ^= stream[s…]` over `n` 32-bit words. */
export function xorWords(
  target: Int32Array,
  t: number,
  stream: Int32Array,
  s: number,
  n: number,
): void {
  for (let i = 0; i < n; i++) target[t + i]! ^= stream[s + i]!;
}

/** Big-endian unsigned 64-bit read, exact up to 2^53 (as every index written is). */
export const readUint64 = (source: Buffer, offset: number): number =>
  source.readUInt32BE(offset) * 2 ** 32 + source.readUInt32BE(offset + 4);

/** Big-endian unsigned 64-bit write of a safe integer, as writeBigUInt64BE would (without a BigInt). */
export function writeUint64(target: Buffer, value: number, offset: number): void {
  target.writeUInt32BE(Math.floor(value / 2 ** 32), offset);
  target.writeUInt32BE(value % 2 ** 32, offset + 4);
}
