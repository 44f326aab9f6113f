// Per-session memory the emulator keeps beside its self-contained tokens: which tokens were already spent
// (to tell replays from SDK retries) and each session's sticky rollout bucket per deployment.
// Used by the data-plane handlers only; imports node: only.
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * Who spent a token: an SDK retry carries the same amz-sdk-invocation-id as the spending request
 * (docs/protocol.md §1.7).
 */
export interface SpentToken {
  invocationId: string | null;
  spentAt: number;
}

interface SessionMemory {
  spent: Map<string, SpentToken>;
  /** Spend order, oldest first, so the earliest spent is forgotten first without scanning the Map. */
  order: string[];
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

  spentRecord(sessionId: string, tokenId: string): SpentToken | undefined {
    return this.sessions.get(sessionId)?.spent.get(tokenId);
  }

  spend(sessionId: string, tokenId: string, invocationId: string | null, now: number): void {
    let memory = this.sessions.get(sessionId);
    if (!memory)
      this.sessions.set(sessionId, (memory = { spent: new Map(), order: [], lastActivity: now }));
    memory.lastActivity = now;
    memory.spent.set(tokenId, { invocationId, spentAt: now });
    memory.order.push(tokenId);
    if (memory.order.length > this.limits.maxSpentPerSession)
      memory.spent.delete(memory.order.shift()!);
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
