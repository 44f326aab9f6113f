// Which pushed protocol event a session's new ledger event (or state) becomes. Imported by inspectorService.ts
// only.
import type { PollEvent } from '../core/ledger.js';
import type { InspectorEvent, SessionSummary } from '../protocol/messages.js';

export function eventFor(sessionId: string, event: PollEvent): InspectorEvent {
  const type =
    event.outcome.type === 'started'
      ? 'tokenIssued'
      : event.outcome.type === 'content'
        ? 'configurationReceived'
        : event.outcome.type === 'unchanged'
          ? 'pollUnchanged'
          : 'pollFailed';
  return { type, sessionId, event };
}

/** A session that can poll no more is announced as ended, any other change as changed. */
export function stateEventFor(session: SessionSummary): InspectorEvent {
  const over = session.state === 'stopped' || session.state === 'ended';
  return { type: over ? 'sessionEnded' : 'sessionChanged', session };
}
