// The open session with its environment's deployments, through the real query layer and request validation
// (testSupport's in-memory client; the UI's tests have no emulator): names resolved to ids, markers and
// receipts on the timeline, the Missed deployment flag, and a re-read when the session gets new content.
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PollEvent } from '../../../core/ledger.js';
import {
  PROTOCOL_VERSION,
  type DeploymentDetail,
  type SessionSnapshot,
} from '../../../protocol/messages.js';
import { inspectorKeys } from '../../queries.js';
import {
  content,
  createInMemoryClient,
  memoryStore,
  pollEvent,
  renderWithProviders,
  summary,
  waitFor,
  type Rendered,
} from '../../testSupport.js';
import { INITIAL_UI_STATE, serializeUiState } from '../../uiState.js';
import { TIMELINE_DEPLOYMENT_POLL_MS } from '../../useSessionDeployments.js';
import { SessionWorkspace } from './SessionWorkspace.js';

const MIN = 60_000;
const ref = { applicationId: 'app1', environmentId: 'env1', deploymentNumber: 3 };

/** A session of shop / prod / flags (names, as typed) polling every 2 min for the last 20 min, v1 only. */
function snapshot(now: number): SessionSnapshot {
  const startedAt = now - 20 * MIN;
  const events: PollEvent[] = Array.from({ length: 10 }, (_, seq) =>
    pollEvent(
      seq,
      seq === 0 ? { type: 'started' } : seq === 1 ? content('v1') : { type: 'unchanged' },
      {
        sentAt: startedAt + seq * 2 * MIN,
        answeredAt: startedAt + seq * 2 * MIN + 50,
        intervalSeconds: 60,
      },
    ),
  );
  return { session: summary({ startedAt, pollCount: 9 }), events };
}

/** Deployment #3 of v2 (AppConfig.Linear50PercentEvery30Seconds) started 10 min ago; `upTo` events of its log. */
function deployment(now: number, upTo: number): DeploymentDetail {
  const start = now - 10 * MIN;
  const log = [
    { eventType: 'DEPLOYMENT_STARTED', triggeredBy: 'USER', occurredAt: start },
    {
      eventType: 'PERCENTAGE_UPDATED',
      description: 'Configuration available to 50.00% of clients',
      occurredAt: start + MIN / 2,
    },
    {
      eventType: 'PERCENTAGE_UPDATED',
      description: 'Configuration available to 100.00% of clients',
      occurredAt: start + MIN,
    },
    { eventType: 'BAKE_TIME_STARTED', occurredAt: start + MIN },
    { eventType: 'DEPLOYMENT_COMPLETED', occurredAt: start + 2 * MIN },
  ].slice(0, upTo);
  const complete = upTo === 5;
  return {
    ...ref,
    configurationProfileId: 'prof1',
    configurationName: 'flags',
    configurationVersion: '2',
    versionLabel: 'v2',
    deploymentStrategyId: 'AppConfig.Linear50PercentEvery30Seconds',
    state: complete ? 'COMPLETE' : 'DEPLOYING',
    percentageComplete: upTo >= 3 ? 100 : 50,
    startedAt: start,
    ...(complete ? { completedAt: start + 2 * MIN } : {}),
    eventLog: log,
  };
}

/** Deployment #2 went to another profile of the same environment: none of this session's business. */
const otherProfile = (now: number): DeploymentDetail => ({
  ...deployment(now, 5),
  deploymentNumber: 2,
  configurationProfileId: 'prof2',
  configurationName: 'other',
  versionLabel: 'x1',
});

let view: Rendered | undefined;
afterEach(() => view?.unmount());

async function mount(now: number, current: { detail: DeploymentDetail }, listing = true) {
  const snap = snapshot(now);
  // Where listing is denied, a session is only useful with ids (the control plane takes nothing else).
  if (!listing)
    Object.assign(snap.session, {
      applicationIdentifier: 'app1',
      environmentIdentifier: 'env1',
      configurationProfileIdentifier: 'prof1',
    });
  const remote = createInMemoryClient({
    hello: () => ({
      protocolVersion: PROTOCOL_VERSION,
      backend: { kind: 'emulator', region: 'us-east-1', canListResources: listing },
    }),
    listSessions: () => [snap.session],
    getSession: () => snap,
    listResources: (q) =>
      q.kind === 'applications'
        ? [{ id: 'app1', name: 'shop' }]
        : q.kind === 'environments'
          ? [{ id: 'env1', name: 'prod' }]
          : [
              { id: 'prof1', name: 'flags' },
              { id: 'prof2', name: 'other' },
            ],
    listDeployments: () =>
      [current.detail, otherProfile(now)].map(
        // As AWS's ListDeployments: no ids, no log; the profile only by its name.
        ({
          eventLog: _e,
          applicationId: _a,
          environmentId: _v,
          configurationProfileId: _p,
          deploymentStrategyId: _s,
          ...d
        }) => d,
      ),
    getDeployment: ({ deploymentNumber }) =>
      structuredClone(deploymentNumber === 3 ? current.detail : otherProfile(now)),
  });
  const store = memoryStore(serializeUiState({ ...INITIAL_UI_STATE, selectedSessionId: 's1' }));
  view = await renderWithProviders(<SessionWorkspace />, remote.client, store);
  const c = view.container;
  // The grid follows its newest row; happy-dom has no layout, so scroll up to see every row.
  const toTop = async () => {
    const body = c.querySelector<HTMLElement>('.timeline-body')!;
    await act(async () => {
      body.scrollTop = 0;
      body.dispatchEvent(new Event('scroll'));
    });
  };
  return { c, remote, snap, toTop, cache: view.queryClient };
}

const deploymentRows = (c: HTMLElement) =>
  [...c.querySelectorAll('.deployment-label')].map((e) => e.textContent);

describe('session timeline with deployments', () => {
  it("reads the deployments of the session's environment by resolved ids and shows them between the polls", async () => {
    const now = Date.now();
    const { c, remote, toTop } = await mount(now, { detail: deployment(now, 5) });
    await waitFor(() => expect(c.querySelector('[data-lane-deployment]')).not.toBeNull());
    await toTop();
    expect(deploymentRows(c)).toEqual([
      'Deployment #3 of v2 started (AppConfig.Linear50PercentEvery30Seconds)',
      'Deployment #3 at 50%',
      'Deployment #3 at 100%',
      'Deployment #3 baking',
      'Deployment #3 complete',
    ]);
    const listed = remote.requests.filter((r) => r.method === 'listDeployments');
    expect(listed.map((r) => r.params)).toEqual([{ applicationId: 'app1', environmentId: 'env1' }]);
    // Deployment #2 is of another profile: its log is never read.
    const read = remote.requests.filter((r) => r.method === 'getDeployment').map((r) => r.params);
    expect(read).toEqual([ref]);
  });

  it('uses the identifiers as ids where listing is denied, and the detail settles the profile', async () => {
    const now = Date.now();
    const { c, remote } = await mount(now, { detail: deployment(now, 5) }, false);
    await waitFor(() => expect(c.querySelector('[data-lane-deployment]')).not.toBeNull());
    expect(remote.requests.some((r) => r.method === 'listResources')).toBe(false);
    const listed = remote.requests.filter((r) => r.method === 'listDeployments');
    expect(listed.map((r) => r.params)).toEqual([{ applicationId: 'app1', environmentId: 'env1' }]);
    // The list names profiles only, so both logs are read; #2's detail says it is of prof2.
    const read = remote.requests.filter((r) => r.method === 'getDeployment');
    expect(read.map((r) => (r.params as typeof ref).deploymentNumber).sort()).toEqual([2, 3]);
    expect(c.querySelector('[data-deployment="2"]')).toBeNull();
    expect(c.textContent).not.toContain('x1');
  });

  it('flags the session that still holds v1 after v2 reached every client, with the likely cause', async () => {
    const now = Date.now();
    const { c } = await mount(now, { detail: deployment(now, 5) });
    const flag = await waitFor(() => {
      const item = [...c.querySelectorAll('.flag-details li')].find((li) =>
        li.textContent?.includes('Missed deployment'),
      );
      if (!item) throw new Error('no Missed deployment flag yet');
      return item;
    });
    // Polls at 12, 14, 16 and 18 min came after the 100% step at 11 min, all answered "unchanged".
    expect(flag.textContent).toContain(
      'v2 reached every client 9 min ago, but this session still holds v1: it polled 4 times since and was answered "unchanged"',
    );
    expect(flag.textContent).toContain('poll #9');
  });

  it('re-reads a running deployment, and marks the poll that gets its version when it arrives', async () => {
    const now = Date.now();
    const current = { detail: deployment(now, 2) };
    const { c, remote, snap, toTop, cache } = await mount(now, current);
    await waitFor(() => expect(c.querySelector('[data-lane-deployment]')).not.toBeNull());
    const query = cache.getQueryCache().find({ queryKey: inspectorKeys.deployment(ref) })!;
    const interval = () => {
      const every = query.observers[0]?.options.refetchInterval;
      return typeof every === 'function' ? every(query) : every;
    };
    expect(interval()).toBe(TIMELINE_DEPLOYMENT_POLL_MS);
    expect(c.textContent).not.toContain('Missed deployment');

    // The rollout finishes and this session's next poll brings v2: the pushed poll triggers a re-read.
    current.detail = deployment(now, 5);
    const last = snap.events.at(-1)!;
    const got = pollEvent(10, content('v2'), {
      sentAt: last.sentAt + MIN,
      answeredAt: last.sentAt + MIN + 50,
      intervalSeconds: 60,
    });
    await act(async () =>
      remote.emit({ type: 'configurationReceived', sessionId: 's1', event: got }),
    );
    await waitFor(() =>
      expect(c.querySelector('[data-seq="10"] .receipt-chip')?.textContent).toBe('received here'),
    );
    expect(c.querySelector('[data-seq="10"] .receipt-chip')?.getAttribute('title')).toMatch(
      /^Received v2 here/,
    );
    await toTop();
    expect(deploymentRows(c)).toContain('Deployment #3 complete');
    expect(interval()).toBe(false);
    expect(c.textContent).not.toContain('Missed deployment');
  });
});
