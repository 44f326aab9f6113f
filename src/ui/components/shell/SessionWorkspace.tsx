// The main area: the selected fleet or session (toolbar, tabs, timeline, versions, raw view, flags, poll
// detail), or a hint when none is selected. Rendered by App.tsx.
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { PollEvent } from '../../../core/ledger.js';
import type { SessionSnapshot } from '../../../protocol/messages.js';
import { describeError, useAnomalies, useHello, useSession, useSessions } from '../../queries.js';
import { useUiState } from '../../UiStateProvider.js';
import { useSessionDeployments } from '../../useSessionDeployments.js';
import { DiffPanel } from '../views/DiffPanel.js';
import { PollDetail } from '../views/PollDetail.js';
import { PollDetailSplit } from '../views/PollDetailSplit.js';
import { RawView } from '../views/RawView.js';
import { Timeline } from '../views/Timeline.js';
import { VersionsPanel } from '../views/VersionsPanel.js';
import { diffPair } from '../views/versionSelection.js';
import { versionsFromLedger } from '../../../core/versions.js';
import { startedElsewhere } from './backendSwitchModel.js';
import { EmptyState } from './EmptyState.js';
import { FlagList } from './FlagList.js';
import { panelId, SectionTabs, tabId } from './SectionTabs.js';
import { SessionControls } from './SessionControls.js';

// The Deployments view (editor checks, YAML, flag schema) loads on first use: it is not part of watching polls.
// The fleet view (chart, members, its own Deployments section) loads when a fleet is first opened.
const FleetView = lazy(() =>
  import('../fleet/FleetView.js').then((m) => ({ default: m.FleetView })),
);
const DeploymentsView = lazy(() =>
  import('../deployments/DeploymentsView.js').then((m) => ({ default: m.DeploymentsView })),
);

/** The Version-Label a content hash first arrived with, for the diff's side titles. */
function versionLabelOf(events: readonly PollEvent[], hash: string): string | undefined {
  for (const e of events) {
    if (e.outcome.type === 'content' && e.outcome.contentHash === hash)
      return e.outcome.versionLabel;
  }
  return undefined;
}

/** The main area: the selected fleet or session, or a hint when none is (or it has gone). */
export function SessionWorkspace() {
  const { state } = useUiState();
  const sessions = useSessions();
  if (state.selectedFleetId !== undefined)
    return (
      <Suspense fallback={<p className="muted">Loading the fleet view…</p>}>
        <FleetView fleetId={state.selectedFleetId} />
      </Suspense>
    );
  const id = state.selectedSessionId;
  if (id === undefined) return <EmptyState />;
  // A persisted selection can outlive its session (deleted, or a restarted server without recordings).
  // Fleet members are not in the list, so an unlisted id is only gone once getSession says so.
  const listed = !sessions.isSuccess || sessions.data.some((s) => s.id === id);
  return <LoadedSession sessionId={id} listed={listed} />;
}

function LoadedSession({ sessionId, listed }: { sessionId: string; listed: boolean }) {
  const query = useSession(sessionId);
  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading session…
      </p>
    );
  if (query.isError) {
    if (!listed) return <EmptyState missing />;
    return <p role="alert">Could not load the session: {describeError(query.error)}</p>;
  }
  if (!listed && query.data.session.fleetId === undefined) return <EmptyState missing />;
  return <SessionDetail snapshot={query.data} />;
}

function SessionDetail({ snapshot }: { snapshot: SessionSnapshot }) {
  const { state, dispatch } = useUiState();
  const { session, events } = snapshot;
  const ledgerFlags = useAnomalies(snapshot);
  const deployments = useSessionDeployments(session, events);
  const elsewhere = startedElsewhere(session, useHello().data?.backend);
  // Missed deployment needs the control plane's deployments, so it joins the ledger's flags here, in seq order.
  const anomalies = useMemo(
    () =>
      deployments.flags.length === 0
        ? ledgerFlags
        : [...ledgerFlags, ...deployments.flags].sort((a, b) => a.seq - b.seq),
    [ledgerFlags, deployments.flags],
  );
  const selectPoll = (seq: number, reveal = false) =>
    dispatch({ type: 'pollSelected', seq, reveal });
  // The poll detail pane: opened by Enter / double-click on the grid, then follows the selection. `opened`
  // counts openings so a second Enter remounts it and moves focus there again; it belongs to one session.
  const [detail, setDetail] = useState<{ sessionId: string; opened: number }>();
  const timelineRef = useRef<HTMLDivElement>(null);
  const detailSeq = detail?.sessionId === session.id ? state.selectedSeq : undefined;
  const openDetail = (seq: number) => {
    selectPoll(seq);
    setDetail((d) => ({ sessionId: session.id, opened: (d?.opened ?? 0) + 1 }));
  };
  const closeDetail = () => {
    setDetail(undefined);
    timelineRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  };
  // Esc in the pane, on the grid or on the lanes while the pane is open closes it; focus goes back to the grid.
  const onTimelineKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape' || detailSeq === undefined) return;
    if (!(e.target as Element).closest('.poll-detail, [role="grid"], .timeline-lanes')) return;
    e.preventDefault();
    closeDetail();
  };
  // The Raw tab shows the selected poll, or the newest one until something is selected.
  const rawSeq = state.selectedSeq ?? events[events.length - 1]?.seq;
  // The version seen first goes on the left, whatever order the boxes were ticked in.
  const [original, modified] =
    (state.comparedHashes && diffPair(versionsFromLedger(events), state.comparedHashes)) ?? [];
  const tab = state.activeTab;

  return (
    <article className="session-detail" aria-labelledby="session-title">
      {session.fleetId !== undefined && (
        <button
          type="button"
          className="link"
          onClick={() => dispatch({ type: 'fleetSelected', fleetId: session.fleetId })}
        >
          ← Back to its fleet
        </button>
      )}
      <header className="session-heading">
        <h2 id="session-title">
          {session.applicationIdentifier} / {session.environmentIdentifier} /{' '}
          {session.configurationProfileIdentifier}
        </h2>
        <span className="muted">
          {session.readOnly && session.origin !== 'observed' ? 'imported recording · ' : ''}
          {session.origin === 'observed'
            ? `observed${session.client ? ` from ${session.client}` : ''}`
            : session.backend}
          {' · started '}
          {new Date(session.startedAt).toLocaleString()}
          {elsewhere && ` · ${elsewhere}`}
        </span>
      </header>
      <SessionControls session={session} events={events} />
      <FlagList anomalies={anomalies} onSelect={(seq) => selectPoll(seq, true)} />
      <SectionTabs active={tab} onChange={(next) => dispatch({ type: 'tabChosen', tab: next })} />
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className="tab-panel">
        {tab === 'timeline' && (
          <div ref={timelineRef} onKeyDown={onTimelineKeyDown}>
            <PollDetailSplit
              timeline={
                <Timeline
                  session={session}
                  events={events}
                  anomalies={anomalies}
                  selectedSeq={state.selectedSeq}
                  onSelect={selectPoll}
                  onOpen={openDetail}
                  markers={deployments.markers}
                  receipts={deployments.receipts}
                />
              }
              detail={
                detailSeq !== undefined && (
                  <PollDetail
                    key={detail?.opened}
                    session={session}
                    events={events}
                    seq={detailSeq}
                    anomalies={anomalies}
                    onClose={closeDetail}
                  />
                )
              }
            />
          </div>
        )}
        {tab === 'versions' && (
          <>
            <VersionsPanel
              events={events}
              selected={state.versionSelection}
              onSelectedChange={(hashes) => dispatch({ type: 'versionsChosen', hashes })}
              onCompare={() => dispatch({ type: 'versionsCompared' })}
            />
            {original && modified ? (
              <DiffPanel
                originalHash={original}
                modifiedHash={modified}
                originalLabel={versionLabelOf(events, original)}
                modifiedLabel={versionLabelOf(events, modified)}
                options={state.diffOptions}
                onOptionsChange={(options) => dispatch({ type: 'diffOptionsChanged', options })}
              />
            ) : (
              <p className="muted">Tick two versions and press Compare to see what changed.</p>
            )}
          </>
        )}
        {tab === 'raw' &&
          (rawSeq === undefined ? (
            <p className="muted">No polls yet.</p>
          ) : (
            <RawView sessionId={session.id} seq={rawSeq} />
          ))}
        {tab === 'deployments' && (
          <Suspense fallback={<p className="muted">Loading the Deployments view…</p>}>
            <DeploymentsView
              key={session.id}
              initial={{
                application: session.applicationIdentifier,
                environment: session.environmentIdentifier,
                profile: session.configurationProfileIdentifier,
              }}
            />
          </Suspense>
        )}
      </div>
    </article>
  );
}
