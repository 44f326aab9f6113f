// The service's fleets: starts, lists, snapshots, stops and deletes them, and puts them back together from
// their records and members' recordings on restart. Members also live in the service's session map (so every
// session method works on them); the service hands them over through `adopt` / `forget` without announcing
// them. Used by inspectorService.ts only; the protocol shapes are in protocol/fleetTypes.ts.
import { randomBytes } from 'node:crypto';
import type { PollEvent, SessionInfo } from '../core/ledger.js';
import {
  DEFAULT_FLEET_JITTER_SECONDS,
  type FleetSnapshot,
  type FleetSummary,
  type StartFleetParams,
} from '../protocol/fleetTypes.js';
import { ProtocolError, type InspectorEvent, type SessionSummary } from '../protocol/messages.js';
import type { Clock } from './clock.js';
import { FleetRecords, type FleetRecord } from './fleetRecords.js';
import { FleetRunner } from './fleetRunner.js';
import { recordedBackend } from './backendSwitch.js';
import type { Recorder } from './recorder.js';
import type { SessionRunner, RunnerDeps } from './sessionRunner.js';
import type { HeldToken } from './tokenStore.js';

/** Where fleets live: the data directory, whether it is ours to write, and the backend members record. */
export interface FleetsAt {
  dataDir: string;
  readOnly: boolean;
  backend: string;
}

/** listSessions' answer: every session but fleet members (their fleet is listed once), newest first. */
export function listedSessions(runners: Iterable<SessionRunner>): SessionSummary[] {
  return [...runners]
    .filter((r) => r.info.fleetId === undefined)
    .map((r) => r.summary())
    .sort((a, b) => b.startedAt - a.startedAt);
}

/** Members go with their fleet (deleteFleet); deleting one alone would leave the fleet a member short. */
export function assertNotMember(info: SessionInfo): void {
  if (info.fleetId !== undefined)
    throw new ProtocolError(
      'conflict',
      `Session ${info.id} is a member of fleet ${info.fleetId}: delete the fleet instead.`,
    );
}

export class Fleets {
  private readonly fleets = new Map<string, FleetRunner>();
  private readonly records: FleetRecords;
  private readonly clock: Clock;
  /** Damaged fleet records met on restore, for the log. */
  readonly restoreProblems: string[];

  constructor(
    private readonly at: FleetsAt,
    /** The current backend's deps: a fleet takes them once, at its start (or restore), and keeps them. */
    private readonly runnerDeps: () => RunnerDeps,
    private readonly recorder: Recorder,
    /** The service's session map: members are in it too, put there and taken out silently. */
    private readonly sessions: Map<string, SessionRunner>,
    private readonly emit: (event: InspectorEvent) => void,
  ) {
    this.clock = runnerDeps().clock;
    this.records = new FleetRecords(at.dataDir, at.readOnly);
    const { records, problems } = this.records.loadAll();
    this.restoreProblems = problems;
    // A viewer polls nothing, so a fleet another process runs shows as stopped.
    for (const r of records) this.add(at.readOnly ? { ...r, state: 'stopped' } : r);
  }

  /** A restored session's info; a member whose fleet record is gone is shown as the session it is. */
  memberInfo(info: SessionInfo): SessionInfo {
    if (info.fleetId === undefined || this.fleets.has(info.fleetId)) return info;
    const { fleetId: _gone, ...session } = info;
    return session;
  }

  /** Rebuilds a restored member with its fleet's member settings; undefined for any other session. */
  restoreMember(
    info: SessionInfo,
    events: PollEvent[],
    tokens: (HeldToken & { fingerprint: string })[],
  ): SessionRunner | undefined {
    if (info.fleetId === undefined) return undefined;
    return this.fleets.get(info.fleetId)?.restoreMember(info, events, tokens);
  }

  /** Fleet records whose members all lost their recordings are dropped; call once restoring is done. */
  restored(): void {
    for (const fleet of this.fleets.values()) {
      if (fleet.runners.length > 0) continue;
      fleet.close();
      this.fleets.delete(fleet.id);
      this.records.delete(fleet.id);
    }
  }

  async start(params: StartFleetParams): Promise<FleetSummary> {
    this.assertOwner();
    const now = this.clock.now();
    const id = `f-${randomBytes(6).toString('hex')}`;
    const runnerDeps = this.runnerDeps();
    const memberIds = Array.from(
      { length: params.size },
      () => `s-${randomBytes(6).toString('hex')}`,
    );
    const record: FleetRecord = {
      format: 'appconfig-inspector-fleet',
      id,
      params: { ...params, jitterSeconds: params.jitterSeconds ?? DEFAULT_FLEET_JITTER_SECONDS },
      backend: this.at.backend,
      region: runnerDeps.backend.info.region,
      startedAt: now,
      state: 'starting',
      memberIds,
    };
    const fleet = new FleetRunner(record, this.fleetDeps(runnerDeps));
    const members = memberIds.map((memberId, i) => {
      const info: SessionInfo = {
        id: memberId,
        origin: 'inspector',
        applicationIdentifier: params.applicationIdentifier,
        environmentIdentifier: params.environmentIdentifier,
        configurationProfileIdentifier: params.configurationProfileIdentifier,
        ...(params.requiredMinimumPollIntervalInSeconds !== undefined
          ? { requiredMinimumPollIntervalInSeconds: params.requiredMinimumPollIntervalInSeconds }
          : {}),
        ...recordedBackend(runnerDeps.backend),
        startedAt: now,
        state: 'starting',
        fleetId: id,
      };
      return fleet.createMember(i, info);
    });
    // The first member's start checks the profile: refused, nothing of the fleet is kept.
    this.adopt(members[0]!);
    try {
      await fleet.start();
    } catch (e) {
      fleet.close();
      this.forget(members[0]!);
      throw e;
    }
    for (const m of members.slice(1)) this.adopt(m);
    this.records.save(fleet.record);
    this.fleets.set(id, fleet);
    const summary = fleet.summary();
    this.emit({ type: 'fleetStarted', fleet: summary });
    return summary;
  }

  list(): FleetSummary[] {
    return [...this.fleets.values()]
      .map((f) => f.summary())
      .sort((a, b) => b.startedAt - a.startedAt);
  }

  get(fleetId: string): FleetSnapshot {
    return this.fleet(fleetId).snapshot();
  }

  async stop(fleetId: string): Promise<FleetSummary> {
    this.assertOwner();
    const fleet = this.fleet(fleetId);
    if (fleet.record.state !== 'stopped') await fleet.stop();
    return fleet.summary();
  }

  /** Like deleteSession, refuses a fleet still running: stopping is a separate, visible step. */
  async delete(fleetId: string): Promise<{ deleted: true }> {
    this.assertOwner();
    const fleet = this.fleet(fleetId);
    if (fleet.record.state !== 'stopped')
      throw new ProtocolError('conflict', 'Stop the fleet before deleting it.');
    // Members the user resumed by hand after the stop go with the fleet all the same.
    for (const r of fleet.runners) {
      await r.close(true);
      this.forget(r);
    }
    fleet.close();
    this.fleets.delete(fleetId);
    this.records.delete(fleetId);
    this.emit({ type: 'fleetDeleted', fleetId });
    return { deleted: true };
  }

  close(): void {
    for (const fleet of this.fleets.values()) fleet.close();
  }

  private add(record: FleetRecord): void {
    // A fleet that was still starting when the last run ended has every member restored by now.
    const state = record.state === 'starting' ? 'running' : record.state;
    this.fleets.set(record.id, new FleetRunner({ ...record, state }, this.fleetDeps()));
  }

  private fleetDeps(runnerDeps = this.runnerDeps()) {
    return {
      runnerDeps,
      clock: this.clock,
      save: (record: FleetRecord) => this.records.save(record),
      emit: this.emit,
    };
  }

  /** Unlike a session's, a member's creation is not announced: its fleet's is. */
  private adopt(runner: SessionRunner): void {
    this.recorder.create(runner.info);
    this.sessions.set(runner.info.id, runner);
  }

  private forget(runner: SessionRunner): void {
    runner.dispose();
    this.sessions.delete(runner.info.id);
    this.recorder.delete(runner.info.id);
  }

  private fleet(fleetId: string): FleetRunner {
    const fleet = this.fleets.get(fleetId);
    if (!fleet) throw new ProtocolError('notFound', `No fleet ${fleetId}.`);
    return fleet;
  }

  private assertOwner(): void {
    if (this.at.readOnly)
      throw new ProtocolError(
        'conflict',
        'This inspector is read-only (--read-only): fleets are shown, never stopped or deleted.',
      );
  }
}
