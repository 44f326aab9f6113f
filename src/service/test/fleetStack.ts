// Test-only: the real service on the real emulator (HTTP, real SDK) sharing one fake clock, with helpers to
// move that clock while every fleet member's calls are answered. Used by the service's fleet tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { ProtocolError, type InspectorEvent } from '../../protocol/messages.js';
import { InspectorService } from '../inspectorService.js';
import { FakeClock } from './fakeClock.js';

export const demo = {
  applicationIdentifier: 'demo-app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'app-config',
  requiredMinimumPollIntervalInSeconds: 15,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FleetStack {
  /** Every event the current service pushed (a restart starts a new list). */
  events: InspectorEvent[] = [];
  service: InspectorService;

  private constructor(
    readonly clock: FakeClock,
    readonly emulator: RunningEmulator,
    readonly dataDir: string,
  ) {
    this.service = this.newService();
  }

  static async start(): Promise<FleetStack> {
    const clock = new FakeClock(Date.now());
    const emulator = await startEmulator({ port: 0, seed: 'demo', clock });
    return new FleetStack(clock, emulator, mkdtempSync(join(tmpdir(), 'aci-fleet-')));
  }

  /** A new service on the same data directory, as after a crash or a restart. */
  restart(): void {
    this.service.close();
    this.events = [];
    this.service = this.newService();
  }

  /** Moves the fake clock on in steps, letting every member's calls be answered after each. */
  async run(fleetId: string, ms: number, stepMs = 5_000): Promise<void> {
    for (let done = 0; done < ms; done += stepMs) {
      this.clock.advance(Math.min(stepMs, ms - done));
      await this.settle(fleetId);
    }
  }

  async close(): Promise<void> {
    this.service.close();
    await this.emulator.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Waits (real time) until no member has a call awaiting its answer, twice in a row. */
  private async settle(fleetId: string): Promise<void> {
    let quiet = 0;
    for (let i = 0; i < 400 && quiet < 2; i++) {
      await sleep(5);
      const { members } = await this.service.request('getFleet', { fleetId });
      const sessions = await Promise.all(
        members.map((m) => this.service.request('getSession', { sessionId: m.sessionId })),
      );
      const busy = sessions.some(
        (s) =>
          s.session.callInFlightSince !== undefined ||
          (s.session.state === 'polling' && s.session.nextPollAt === undefined),
      );
      quiet = busy ? 0 : quiet + 1;
    }
  }

  private newService(): InspectorService {
    const service = new InspectorService({
      backend: { kind: 'emulator', endpoint: this.emulator.url },
      dataDir: this.dataDir,
      clock: this.clock,
      observe: false,
    });
    service.onEvent((e) => this.events.push(e));
    return service;
  }
}

/** The ProtocolError a request settles with (fails the test if it succeeds). */
export async function refusal(promise: Promise<unknown>): Promise<ProtocolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProtocolError);
  return error as ProtocolError;
}
