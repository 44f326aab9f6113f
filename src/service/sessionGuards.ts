// The errors a session's operations end in, each as precise as the UI shows it: refusals before anything
// runs (a deleted session, a read-only one: imported recording, observed app, --read-only data directory; a
// stopped one; deleting one that still polls) and a start that failed for good. Pure checks over SessionInfo;
// imported by sessionRunner.ts only.
import type { PollEvent, SessionInfo } from '../core/ledger.js';
import { ProtocolError } from '../protocol/messages.js';

export function assertExists(info: SessionInfo, deleted: boolean): void {
  if (deleted) throw new ProtocolError('notFound', `Session ${info.id} was deleted.`);
}

export function assertWritable(info: SessionInfo, deleted: boolean): void {
  assertExists(info, deleted);
  if (info.readOnly)
    throw new ProtocolError(
      'conflict',
      'This session is read-only: an imported recording, an observed app, or a data directory opened with --read-only.',
    );
}

/** Writable and not stopped: what pausing, resuming and polling need. */
export function assertPollable(info: SessionInfo, deleted: boolean, stoppedMessage: string): void {
  assertWritable(info, deleted);
  if (info.state === 'stopped') throw new ProtocolError('conflict', stoppedMessage);
}

/** A session of our own is stopped before it is deleted; observed apps are not ours to stop. */
export function assertDeletable(info: SessionInfo, live: boolean): void {
  if (info.origin !== 'observed' && live)
    throw new ProtocolError('conflict', 'Stop the session before deleting it.');
}

/** A start whose error left the session failed (retrying cannot fix it) is the caller's error too. */
export function assertStarted(event: PollEvent, info: SessionInfo): void {
  if (event.outcome.type === 'error' && info.state === 'failed')
    throw new ProtocolError('awsError', event.outcome.message, event.outcome.errorName, info.id);
}
