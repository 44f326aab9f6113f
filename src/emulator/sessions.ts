// Per-session memory the emulator keeps beside its self-contained tokens: which tokens were already spent
// (to tell replays from SDK retries) and each session's sticky rollout bucket per deployment.
// Used by the data-plane handlers only; imports node: only.
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

interface SessionMemory {
  /**
   * Who spent each remembered token: the spending request's amz-sdk-invocation-id, which an SDK retry carries
   * too (docs/protocol.md §1.7), or null when it had none. The id itself rather than an object holding it:
   * an object per poll, kept for 64 polls, was old-generation garbage for the GC (bench/emulator).
   */
  spent: Map<string, string | null>;
  /** The remembered tokens in spend order, as a ring: the earliest spent is overwritten, and forgotten, first. */
  ring: string[];
  /** Where the ring writes next once it is full. */
  next: number;
  lastActivity: number;
}

export interface SessionLimits {
  /** Sessions remembered at once; the least recently active is forgotten first. */
  maxSessions: number;
  /** Spent tokens remembered per session; the earliest spent is forgotten first. */
  maxSpentPerSession: number;
}

export const defaultSessionLimits: SessionLimits = { maxSessions: 10_000, maxSpentPerSession: 64 };

/**
 * Memory policy: a session is forgotten `ttlMs` after its last poll (every token it spent has expired by then,
 * so a replay would be refused as Expired anyway), or earlier when more than `maxSessions` are active. A
 * forgotten spend makes a later replay of that token look fresh; with the defaults that needs 64 newer
 * polls on one session or 10,000 busier sessions in between.
 */
const SWEEP_EVERY_MS = 1000;

export class SessionTracker {
  private readonly sessions = new Map<string, SessionMemory>();
  private lastSweep = 0;
  /** The memory spentBy last looked up: a poll asks spentBy, then spend, for the same session. */
  private lastId: string | undefined;
  private last: SessionMemory | undefined;
  /** Imported once: a raw Buffer key is re-imported by every createHmac (~30 µs a bucket, against ~3 µs). */
  private readonly bucketKey: KeyObject;

  constructor(
    private readonly ttlMs: number,
    private readonly limits: SessionLimits = defaultSessionLimits,
    bucketKey: Buffer = randomBytes(32),
  ) {
    this.bucketKey = createSecretKey(bucketKey);
  }

  /**
   * Sticky bucket 0–99 of a session for one deployment (docs/protocol.md §3.3): stable for the launch,
   * independent across deployments, and spread evenly, which an HMAC under a per-launch key gives for free.
   */
  bucketOf(sessionId: string, deploymentNumber: number): number {
    const mac = createHmac('sha256', this.bucketKey)
      .update(`${sessionId}:${deploymentNumber}`)
      .digest();
    return mac.readUInt32BE(0) % 100;
  }

  /**
   * The invocation id of the request that spent `tokenId` (null when it sent none), or undefined when the
   * token is not known to be spent.
   */
  spentBy(sessionId: string, tokenId: string): string | null | undefined {
    const memory = this.sessions.get(sessionId);
    this.lastId = sessionId;
    this.last = memory;
    return memory?.spent.get(tokenId);
  }

  spend(sessionId: string, tokenId: string, invocationId: string | null, now: number): void {
    let memory = sessionId === this.lastId ? this.last : this.sessions.get(sessionId);
    if (!memory) {
      memory = { spent: new Map(), ring: [], next: 0, lastActivity: now };
      this.sessions.set(sessionId, memory);
      this.lastId = sessionId;
      this.last = memory;
    }
    memory.lastActivity = now;
    if (!memory.spent.has(tokenId)) {
      memory.spent.set(tokenId, invocationId);
      if (memory.ring.length < this.limits.maxSpentPerSession) memory.ring.push(tokenId);
      else {
        memory.spent.delete(memory.ring[memory.next]!);
        memory.ring[memory.next] = tokenId;
        memory.next = (memory.next + 1) % memory.ring.length;
      }
    }
    // Sweeping on every poll made the data plane's hot path scan the Map (bench/emulator); once a second,
    // or when over the limit, is enough to keep memory bounded.
    if (now - this.lastSweep >= SWEEP_EVERY_MS || this.sessions.size > this.limits.maxSessions)
      this.sweep(now);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    // A forgotten session must not live on in the lookup spend() reuses.
    this.lastId = undefined;
    this.last = undefined;
    for (const [id, memory] of this.sessions) {
      if (now - memory.lastActivity > this.ttlMs) this.sessions.delete(id);
    }
    if (this.sessions.size <= this.limits.maxSessions) return;
    // Least recently active first, down to 90% so a busy emulator sorts once per many new sessions.
    const excess =
      this.sessions.size - (this.limits.maxSessions - Math.floor(this.limits.maxSessions / 10));
    const idle = [...this.sessions]
      .sort((a, b) => a[1].lastActivity - b[1].lastActivity)
      .slice(0, excess);
    for (const [id] of idle) this.sessions.delete(id);
  }
}
