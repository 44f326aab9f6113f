// The distinct configuration bodies the data plane has served, by SHA-256, so an observer (the inspector
// watching someone else's app) can fetch what a recorded poll received: `/__emulator/contents/<sha256>`.
// Bounded by bytes, oldest first. Imported by the emulator's index (which hands it to the data plane and
// the routes); node: only.
import { createHash } from 'node:crypto';

interface Served {
  body: Buffer;
  contentType: string;
}

export class ServedContents {
  private readonly byHash = new Map<string, Served>();
  /** Hashes per body object: a freeform version serves the same Buffer every time, so hash it once. */
  private readonly hashOf = new WeakMap<Buffer, string>();
  private order: string[] = [];
  private bytes = 0;

  constructor(private readonly budgetBytes = 64 * 1024 * 1024) {}

  /** Remembers a served body and returns its hex SHA-256. */
  remember(body: Buffer, contentType: string): string {
    let hash = this.hashOf.get(body);
    if (hash === undefined) {
      hash = createHash('sha256').update(body).digest('hex');
      this.hashOf.set(body, hash);
    }
    if (!this.byHash.has(hash)) {
      this.byHash.set(hash, { body, contentType });
      this.order.push(hash);
      this.bytes += body.length;
      while (this.bytes > this.budgetBytes && this.order.length > 1) {
        const oldest = this.order.shift()!;
        this.bytes -= this.byHash.get(oldest)?.body.length ?? 0;
        this.byHash.delete(oldest);
      }
    }
    return hash;
  }

  get(hash: string): Served | undefined {
    return this.byHash.get(hash);
  }
}
