// Distinct configuration contents, stored once by SHA-256 on disk under the data directory, with a small
// in-memory LRU in front: a 24-hour session at 15 s polls holds each distinct version once, not per poll.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentBlob } from '../protocol/messages.js';
import { ProtocolError } from '../protocol/messages.js';
import { contentHash } from './hashing.js';

interface Entry {
  bytes: Uint8Array;
  contentType?: string;
}

export class ContentRepo {
  private readonly memory = new Map<string, Entry>();
  private memoryBytes = 0;
  private readonly dir: string;

  constructor(
    dataDir: string,
    /** Bytes kept in memory; older entries are dropped from memory but stay on disk. */
    private readonly memoryBudget = 32 * 1024 * 1024,
  ) {
    this.dir = join(dataDir, 'contents');
    mkdirSync(this.dir, { recursive: true });
  }

  /** Stores the bytes (once) and returns their hash. Written to disk before anyone is told about them. */
  put(bytes: Uint8Array, contentType?: string): string {
    const hash = contentHash(bytes);
    const file = join(this.dir, hash);
    if (!existsSync(file)) {
      writeFileSync(`${file}.json`, JSON.stringify({ contentType, size: bytes.length }));
      writeFileSync(file, bytes);
    }
    this.remember(hash, { bytes, ...(contentType ? { contentType } : {}) });
    return hash;
  }

  has(hash: string): boolean {
    return this.memory.has(hash) || existsSync(join(this.dir, hash));
  }

  get(hash: string): ContentBlob {
    let entry = this.memory.get(hash);
    if (entry) {
      // Refresh LRU position.
      this.memory.delete(hash);
      this.memory.set(hash, entry);
    } else {
      const file = join(this.dir, hash);
      if (!/^[0-9a-f]{64}$/.test(hash) || !existsSync(file)) {
        throw new ProtocolError('notFound', `No configuration content with hash ${hash}.`);
      }
      const meta = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { contentType?: string };
      entry = {
        bytes: readFileSync(file),
        ...(meta.contentType ? { contentType: meta.contentType } : {}),
      };
      this.remember(hash, entry);
    }
    return {
      contentHash: hash,
      size: entry.bytes.length,
      base64: Buffer.from(entry.bytes).toString('base64'),
      ...(entry.contentType ? { contentType: entry.contentType } : {}),
    };
  }

  private remember(hash: string, entry: Entry): void {
    if (this.memory.has(hash)) return;
    this.memory.set(hash, entry);
    this.memoryBytes += entry.bytes.length;
    for (const [key, old] of this.memory) {
      if (this.memoryBytes <= this.memoryBudget || key === hash) break;
      this.memory.delete(key);
      this.memoryBytes -= old.bytes.length;
    }
  }
}
