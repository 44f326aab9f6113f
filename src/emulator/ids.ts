// Unique ids for the emulator's hot path (request ids), formatted like a random UUID.
// Used by the router only; imports node: only.
import { randomUUID } from 'node:crypto';

/** The 4 hex digits of every 16-bit value, so an id is one concatenation. */
const LOW = Array.from({ length: 0x10000 }, (_, i) => i.toString(16).padStart(4, '0'));
/** A per-launch random UUID's first 24 characters (`xxxxxxxx-xxxx-4xxx-yxxx-`). */
const UUID_HEAD = randomUUID().slice(0, 24);
/** The counter's upper 32 bits; starts random, so ids do not all end …00000001. */
let high = Math.floor(Math.random() * 2 ** 32);
let low = 0;
let head = '';
function nextHead(): void {
  high = (high + 1) % 2 ** 32;
  head = UUID_HEAD + high.toString(16).padStart(8, '0');
}
nextHead();

/**
 * The per-launch random UUID head, then a 48-bit counter as 12 hex digits: unique within a launch and,
 * through the random head, across launches, and still shaped like a UUID (version 4, RFC variant).
 * randomUUID per request showed in the poll profile (bench/emulator); this is one table read and a concat.
 */
export function nextId(): string {
  if (low === 0x10000) {
    low = 0;
    nextHead();
  }
  return head + LOW[low++]!;
}
