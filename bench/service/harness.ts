// Shared by the service bench and the soak: the emulator in a child process on shared emulated time, the
// real InspectorService driven only through its public API (request + onEvent) on a fake clock, and
// forced-GC heap readings. Needs node --expose-gc.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/service/clock.js';
import { InspectorService } from '../../src/service/inspectorService.js';

const gc = (globalThis as { gc?: () => void }).gc;

/** heapUsed after two full collections, so what is measured is what is still held. */
export function heap(): number {
  if (!gc) throw new Error('run with node --expose-gc (the npm scripts set it)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * A fake clock whose timers live in a Map: FakeClock's array filter-and-sort per fired timer is fine for a
 * test but O(n²) with 1,000 sessions, which would be charged to the service.
 */
export class BenchClock implements Clock {
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  constructor(private current = Date.now()) {}
  now = () => this.current;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.current + Math.max(0, ms), fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Moves time on by `ms`, firing due timers in due order (including ones they schedule within `ms`). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers]
        .filter(([, t]) => t.at <= target)
        .sort((a, b) => a[1].at - b[1].at);
      if (due.length === 0) break;
      for (const [id, t] of due) {
        if (!this.timers.delete(id)) continue;
        this.current = Math.max(this.current, t.at);
        t.fn();
      }
    }
    this.current = target;
  }
}

export interface EmulatorProcess {
  url: string;
  /** Moves the emulator's clock on; resolve before moving the service's, so it never runs behind. */
  advance(ms: number): Promise<void>;
  cpu(): Promise<number>;
  close(): Promise<void>;
}

export async function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child: ChildProcess = fork('bench/service/emulatorProcess.ts', [], {
    execArgv: ['--import', 'tsx'],
  });
  const ask = <T>(message: object, key: string) =>
    new Promise<T>((resolve) => {
      const on = (m: Record<string, unknown>) => {
        if (key in m) {
          child.off('message', on);
          resolve(m[key] as T);
        }
      };
      child.on('message', on);
      if (Object.keys(message).length) child.send(message);
    });
  const url = await ask<string>({}, 'url');
  return {
    url,
    advance: async (ms) => void (await ask<number>({ advance: ms }, 'advanced')),
    cpu: () => ask<number>({ cpu: true }, 'cpuMs'),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ close: true });
      }),
  };
}

export const DEMO = {
  applicationIdentifier: 'demo-app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'app-config',
} as const;

/** One InspectorService on `clock` against the emulator, counting the poll answers it reports. */
export function startService(emulatorUrl: string, clock: Clock) {
  const dataDir = mkdtempSync(join(tmpdir(), 'aci-bench-service-'));
  const service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulatorUrl },
    dataDir,
    clock,
    observe: false,
  });
  let polls = 0;
  let failures = 0;
  const waiters: { at: number; resolve: () => void }[] = [];
  service.onEvent((e) => {
    if (!('event' in e) || e.event.kind !== 'poll') return;
    polls++;
    if (e.type === 'pollFailed') failures++;
    for (const w of waiters.filter((w) => polls >= w.at)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    service,
    get polls() {
      return polls;
    },
    get failures() {
      return failures;
    },
    /** Resolves once `count` poll answers have been reported in all; rejects after `timeoutMs`. */
    pollsReached(count: number, timeoutMs = 120_000): Promise<void> {
      if (polls >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${polls} of ${count} polls answered in ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          at: count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close() {
      service.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts `count` demo sessions, `parallel` at a time, and waits for each one's first poll. */
export async function startSessions(
  harness: ReturnType<typeof startService>,
  count: number,
  parallel = 50,
): Promise<string[]> {
  const ids: string[] = [];
  const target = harness.polls + count;
  for (let i = 0; i < count; i += parallel) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(parallel, count - i) }, () =>
        harness.service.request('startSession', {
          ...DEMO,
          requiredMinimumPollIntervalInSeconds: 15,
        }),
      ),
    );
    ids.push(...batch.map((s) => s.id));
  }
  await harness.pollsReached(target);
  return ids;
}
