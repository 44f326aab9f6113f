// Distinct configuration contents, stored once by SHA-256 on disk under the data directory, with a small
// in-memory LRU in front: a 24-hour session at 15 s polls holds each distinct version once, not per poll.
// Files are owner-only (privateFs); a read-only repo (serve --read-only) only reads.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentBlob } from '../protocol/messages.js';
import { ProtocolError } from '../protocol/messages.js';
import { contentHash } from './hashing.js';
import { ensurePrivateDir, replacePrivateFile } from './privateFs.js';

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
    private readonly options: { readOnly?: boolean } = {},
  ) {
    this.dir = join(dataDir, 'contents');
    if (options.readOnly) return;
    ensurePrivateDir(dataDir, false);
    // Older versions created it with the umask's mode; it is ours, so tighten it.
    ensurePrivateDir(this.dir, true);
  }

  /** Stores the bytes (once) and returns their hash. Written to disk before anyone is told about them. */
  put(bytes: Uint8Array, contentType?: string): string {
    if (this.options.readOnly)
      throw new ProtocolError(
        'conflict',
        `This inspector is read-only (serve --read-only): nothing is written to ${this.dir}.`,
      );
    const hash = contentHash(bytes);
    const file = join(this.dir, hash);
    if (!existsSync(file)) {
      // Each file appears whole or not at all (temp + rename): a crash mid-write must not leave a partial
      // content that the existence check above would then trust for ever.
      replacePrivateFile(`${file}.json`, JSON.stringify({ contentType, size: bytes.length }));
      replacePrivateFile(file, bytes);
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
      const meta = readMeta(`${file}.json`);
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

/** The content type stored beside the bytes; a missing or damaged file only loses the type, not the bytes. */
function readMeta(file: string): { contentType?: string } {
  try {
    const meta = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const type = (meta as { contentType?: unknown } | null)?.contentType;
    return typeof type === 'string' ? { contentType: type } : {};
  } catch {
    return {};
  }
}
