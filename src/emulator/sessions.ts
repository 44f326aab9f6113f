// Per-session memory the emulator keeps beside its self-contained tokens: which tokens were already spent
// (to tell replays from SDK retries) and each session's sticky rollout bucket per deployment.
// Used by the data-plane handlers only; imports node: only.
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/**
 * The tokens a session spent, most recent `maxSpentPerSession` of them, as a ring: the earliest spent is
 * overwritten, and forgotten, first. Two arrays searched end to end rather than a Map: 64 number compares
 * cost less than the Map's get, set and delete on every poll (bench/emulator profile).
 */
interface SessionMemory {
  /** Token ids (numbers, TokenState.tokenId). */
  ids: Float64Array;
  /**
   * Who spent each: the spending request's amz-sdk-invocation-id, which an SDK retry carries too
   * (docs/protocol.md §1.7), or null when it had none.
   */
  spenders: (string | null)[];
  /** Slots in use; once all are, `next` is the one to overwrite. */
  count: number;
  next: number;
  lastActivity: number;
}

/** The slot holding `tokenId`, or -1. */
function slotOf(memory: SessionMemory, tokenId: number): number {
  const ids = memory.ids;
  for (let i = 0; i < memory.count; i++) if (ids[i] === tokenId) return i;
  return -1;
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
  spentBy(sessionId: string, tokenId: number): string | null | undefined {
    const memory = this.sessions.get(sessionId);
    this.lastId = sessionId;
    this.last = memory;
    if (memory === undefined) return undefined;
    const slot = slotOf(memory, tokenId);
    return slot < 0 ? undefined : memory.spenders[slot];
  }

  spend(sessionId: string, tokenId: number, invocationId: string | null, now: number): void {
    let memory = sessionId === this.lastId ? this.last : this.sessions.get(sessionId);
    if (!memory) {
      const max = this.limits.maxSpentPerSession;
      memory = {
        ids: new Float64Array(max),
        spenders: new Array<string | null>(max).fill(null),
        count: 0,
        next: 0,
        lastActivity: now,
      };
      this.sessions.set(sessionId, memory);
      this.lastId = sessionId;
      this.last = memory;
    }
    memory.lastActivity = now;
    if (memory.ids.length > 0 && slotOf(memory, tokenId) < 0) {
      let slot: number;
      if (memory.count < memory.ids.length) slot = memory.count++;
      else {
        slot = memory.next;
        memory.next = (slot + 1) % memory.ids.length;
      }
      memory.ids[slot] = tokenId;
      memory.spenders[slot] = invocationId;
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
