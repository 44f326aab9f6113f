import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { FleetSnapshot, FleetSummary, SessionSummary } from '../../../protocol/messages.js';
import { applyEvent } from '../../cacheEvents.js';
import { createInspectorQueryClient, inspectorKeys } from '../../queries.js';
import { summary, T0, waitFor } from '../../testSupport.js';
import { fleetSnapshot, fleetSummary, memberSnapshot } from './testFleet.js';

function seeded() {
  const cache = createInspectorQueryClient();
  const older = fleetSummary({ id: 'f0', startedAt: T0 - 60_000 });
  cache.setQueryData(inspectorKeys.fleets(), [older]);
  cache.setQueryData(inspectorKeys.sessions(), [summary()]);
  return {
    cache,
    fleets: () => cache.getQueryData<FleetSummary[]>(inspectorKeys.fleets())?.map((f) => f.id),
    sessions: () =>
      cache.getQueryData<SessionSummary[]>(inspectorKeys.sessions())?.map((s) => s.id),
  };
}

describe('fleet events in the cache', () => {
  it('lists a started fleet once, newest first', () => {
    const { cache, fleets } = seeded();
    applyEvent(cache, { type: 'fleetStarted', fleet: fleetSummary() });
    applyEvent(cache, { type: 'fleetStarted', fleet: fleetSummary() });
    expect(fleets()).toEqual(['f1', 'f0']);
  });

  it('refetches a shown fleet and its shown member on fleetChanged, since members push no events', async () => {
    const { cache } = seeded();
    let fleetFetches = 0;
    let memberFetches = 0;
    const fleetObserver = new QueryObserver(cache, {
      queryKey: inspectorKeys.fleet('f1'),
      queryFn: (): FleetSnapshot => (fleetFetches++, fleetSnapshot()),
    });
    const memberObserver = new QueryObserver(cache, {
      queryKey: inspectorKeys.session('m1'),
      queryFn: () => (memberFetches++, memberSnapshot('m1')),
    });
    const offs = [fleetObserver.subscribe(() => {}), memberObserver.subscribe(() => {})];
    await waitFor(() => expect(fleetObserver.getCurrentResult().data?.fleet.state).toBe('running'));
    await waitFor(() => expect(memberObserver.getCurrentResult().isSuccess).toBe(true));
    expect([fleetFetches, memberFetches]).toEqual([1, 1]);
    const stopped = fleetSummary({ state: 'stopped' });
    applyEvent(cache, { type: 'fleetChanged', fleet: stopped });
    // The summary lands at once; the snapshot and the member's ledger are fetched again.
    expect(cache.getQueryData<FleetSnapshot>(inspectorKeys.fleet('f1'))?.fleet.state).toBe(
      'stopped',
    );
    await waitFor(() => expect([fleetFetches, memberFetches]).toEqual([2, 2]));
    offs.forEach((off) => off());
  });

  it('keeps fleet members out of the session list when their summary changes', () => {
    const { cache, sessions } = seeded();
    applyEvent(cache, { type: 'sessionChanged', session: summary({ id: 'm1', fleetId: 'f1' }) });
    expect(sessions()).toEqual(['s1']);
  });

  it('drops a deleted fleet with its snapshot and its members’ cached ledgers', () => {
    const { cache, fleets } = seeded();
    cache.setQueryData(inspectorKeys.fleet('f0'), fleetSnapshot(fleetSummary({ id: 'f0' })));
    cache.setQueryData(inspectorKeys.session('m1'), memberSnapshot('m1', 'f0'));
    cache.setQueryData(inspectorKeys.session('s1'), { session: summary(), events: [] });
    applyEvent(cache, { type: 'fleetDeleted', fleetId: 'f0' });
    expect(fleets()).toEqual([]);
    expect(cache.getQueryData(inspectorKeys.fleet('f0'))).toBeUndefined();
    expect(cache.getQueryData(inspectorKeys.session('m1'))).toBeUndefined();
    expect(cache.getQueryData(inspectorKeys.session('s1'))).toBeDefined();
  });
});
