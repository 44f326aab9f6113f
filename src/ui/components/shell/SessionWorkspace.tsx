import { lazy, Suspense } from 'react';
import type { PollEvent } from '../../../core/ledger.js';
import type { SessionSnapshot } from '../../../protocol/messages.js';
import { describeError, useAnomalies, useSession, useSessions } from '../../queries.js';
import { useUiState } from '../../UiStateProvider.js';
import { DiffPanel } from '../views/DiffPanel.js';
import { RawView } from '../views/RawView.js';
import { Timeline } from '../views/Timeline.js';
import { VersionsPanel } from '../views/VersionsPanel.js';
import { diffPair } from '../views/versionSelection.js';
import { versionsFromLedger } from '../../../core/versions.js';
import { EmptyState } from './EmptyState.js';
import { FlagList } from './FlagList.js';
import { panelId, SectionTabs, tabId } from './SectionTabs.js';
import { SessionControls } from './SessionControls.js';

// The Deployments view (editor checks, YAML, flag schema) loads on first use: it is not part of watching polls.
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

/** The main area: the selected session, or a hint when none is (or it has gone). */
export function SessionWorkspace() {
  const { state } = useUiState();
  const sessions = useSessions();
  const id = state.selectedSessionId;
  if (id === undefined) return <EmptyState />;
  // A persisted selection can outlive its session (deleted, or a restarted server without recordings).
  if (sessions.isSuccess && !sessions.data.some((s) => s.id === id)) return <EmptyState missing />;
  return <LoadedSession sessionId={id} />;
}

function LoadedSession({ sessionId }: { sessionId: string }) {
  const query = useSession(sessionId);
  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading session…
      </p>
    );
  if (query.isError)
    return <p role="alert">Could not load the session: {describeError(query.error)}</p>;
  return <SessionDetail snapshot={query.data} />;
}

function SessionDetail({ snapshot }: { snapshot: SessionSnapshot }) {
  const { state, dispatch } = useUiState();
  const anomalies = useAnomalies(snapshot);
  const { session, events } = snapshot;
  const selectPoll = (seq: number, reveal = false) =>
    dispatch({ type: 'pollSelected', seq, reveal });
  // The Raw tab shows the selected poll, or the newest one until something is selected.
  const rawSeq = state.selectedSeq ?? events[events.length - 1]?.seq;
  // The version seen first goes on the left, whatever order the boxes were ticked in.
  const [original, modified] =
    (state.comparedHashes && diffPair(versionsFromLedger(events), state.comparedHashes)) ?? [];
  const tab = state.activeTab;

  return (
    <article className="session-detail" aria-labelledby="session-title">
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
        </span>
      </header>
      <SessionControls session={session} events={events} />
      <FlagList anomalies={anomalies} onSelect={(seq) => selectPoll(seq, true)} />
      <SectionTabs active={tab} onChange={(next) => dispatch({ type: 'tabChosen', tab: next })} />
      <div role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)} className="tab-panel">
        {tab === 'timeline' && (
          <Timeline
            session={session}
            events={events}
            anomalies={anomalies}
            selectedSeq={state.selectedSeq}
            onSelect={selectPoll}
          />
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
