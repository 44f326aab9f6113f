// Which pushed protocol event a session's new ledger event becomes. Imported by inspectorService.ts only.
import type { PollEvent } from '../core/ledger.js';
import type { InspectorEvent } from '../protocol/messages.js';

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
