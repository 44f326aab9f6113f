// Per-session memory the emulator keeps beside its self-contained tokens: which tokens were already spent
// (to tell replays from SDK retries) and each session's sticky rollout bucket per deployment.
// Used by the data-plane handlers only; imports node: only.
import { createHmac, randomBytes } from 'node:crypto';

/** Who spent a token: an SDK retry carries the same amz-sdk-invocation-id as the spending request (spec §1.7). */
export interface SpentToken {
  invocationId: string | null;
  spentAt: number;
}

interface SessionMemory {
  spent: Map<string, SpentToken>;
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
export class SessionTracker {
  private readonly sessions = new Map<string, SessionMemory>();

  constructor(
    private readonly ttlMs: number,
    private readonly limits: SessionLimits = defaultSessionLimits,
    private readonly bucketKey: Buffer = randomBytes(32),
  ) {}

  /**
   * Sticky bucket 0–99 of a session for one deployment (spec §3.3): stable for the launch, independent
   * across deployments, and spread evenly, which an HMAC under a per-launch key gives for free.
   */
  bucketOf(sessionId: string, deploymentNumber: number): number {
    const mac = createHmac('sha256', this.bucketKey).update(`${sessionId}:${deploymentNumber}`).digest();
    return mac.readUInt32BE(0) % 100;
  }

  spentRecord(sessionId: string, tokenId: string): SpentToken | undefined {
    return this.sessions.get(sessionId)?.spent.get(tokenId);
  }

  spend(sessionId: string, tokenId: string, invocationId: string | null, now: number): void {
    this.sweep(now);
    let memory = this.sessions.get(sessionId);
    if (memory) this.sessions.delete(sessionId);
    else memory = { spent: new Map(), lastActivity: now };
    // Re-inserting keeps the map ordered by last activity, so eviction takes from the front.
    memory.lastActivity = now;
    this.sessions.set(sessionId, memory);
    memory.spent.set(tokenId, { invocationId, spentAt: now });
    while (memory.spent.size > this.limits.maxSpentPerSession) {
      memory.spent.delete(memory.spent.keys().next().value as string);
    }
    while (this.sessions.size > this.limits.maxSessions) {
      this.sessions.delete(this.sessions.keys().next().value as string);
    }
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(now: number): void {
    for (const [id, memory] of this.sessions) {
      if (now - memory.lastActivity <= this.ttlMs) return;
      this.sessions.delete(id);
    }
  }
}
