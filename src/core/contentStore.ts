// Holds each distinct configuration content once, keyed by the hash the caller computed (hex SHA-256 in the
// service), so a ledger of thousands of polls references a handful of byte arrays. Used by the service and the
// UI. Pure core: imports only core files.

export { versionsFromLedger } from './versions.js';

export interface ContentStoreOptions {
  /**
   * Byte budget. Past it, the least recently used contents are evicted (put and get both count as use).
   * Default: unbounded.
   */
  maxBytes?: number;
  /** Contents that must survive eviction, e.g. the two versions open in the diff. */
  retain?: (hash: string) => boolean;
}

/**
 * Eviction is best effort: the content just stored and retained contents are never evicted, so the store may
 * stay over budget when only those remain. Evicted contents read back as undefined; the ledger keeps the hash.
 */
export class ContentStore {
  readonly #entries = new Map<string, Uint8Array>();
  readonly #maxBytes: number;
  readonly #retain: (hash: string) => boolean;
  #bytes = 0;

  constructor(options: ContentStoreOptions = {}) {
    const { maxBytes = Infinity } = options;
    if (!(maxBytes >= 0))
      throw new RangeError(`maxBytes must be a non-negative number, got ${String(maxBytes)}`);
    this.#maxBytes = maxBytes;
    this.#retain = options.retain ?? (() => false);
  }

  /** Stores a copy of the bytes; returns false when the hash was already stored (contents are hash-addressed). */
  put(hash: string, bytes: Uint8Array): boolean {
    if (typeof hash !== 'string' || hash === '')
      throw new TypeError('content hash must be a non-empty string');
    if (!(bytes instanceof Uint8Array)) throw new TypeError('content must be a Uint8Array');
    const existing = this.#entries.get(hash);
    if (existing) {
      this.#touch(hash, existing);
      return false;
    }
    // Copy into a plain array: SDK payloads are views over buffers the caller may reuse, and a Node Buffer's
    // slice() would return another view rather than a copy.
    this.#entries.set(hash, new Uint8Array(bytes));
    this.#bytes += bytes.byteLength;
    this.#evict(hash);
    return true;
  }

  /** The stored bytes themselves (not a copy): callers must not modify them. */
  get(hash: string): Uint8Array | undefined {
    const bytes = this.#entries.get(hash);
    if (bytes) this.#touch(hash, bytes);
    return bytes;
  }

  has(hash: string): boolean {
    return this.#entries.has(hash);
  }

  delete(hash: string): boolean {
    const bytes = this.#entries.get(hash);
    if (!bytes) return false;
    this.#entries.delete(hash);
    this.#bytes -= bytes.byteLength;
    return true;
  }

  /** Number of distinct contents held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Total bytes held. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Hashes from least to most recently used. */
  hashes(): string[] {
    return [...this.#entries.keys()];
  }

  #touch(hash: string, bytes: Uint8Array): void {
    // Map iteration follows insertion order, so re-inserting moves the entry to the most recent end.
    this.#entries.delete(hash);
    this.#entries.set(hash, bytes);
  }

  #evict(keep: string): void {
    if (this.#bytes <= this.#maxBytes) return;
    for (const [hash, bytes] of this.#entries) {
      if (hash === keep || this.#retain(hash)) continue;
      this.#entries.delete(hash);
      this.#bytes -= bytes.byteLength;
      if (this.#bytes <= this.#maxBytes) return;
    }
  }
}
