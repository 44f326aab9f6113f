// Export a session as one versioned JSON recording, and read one back with precise validation.
import type { PollEvent, SessionInfo } from '../core/ledger.js';
import { ProtocolError, type ContentBlob, type Recording } from '../protocol/messages.js';
import { checkRecording, RECORDING_FORMAT } from './recordingSchema.js';
import { SchemaError } from './schemaCheck.js';

export function buildRecording(
  session: SessionInfo,
  events: PollEvent[],
  content: (hash: string) => ContentBlob,
): Recording {
  const hashes = new Set<string>();
  for (const e of events) if (e.outcome.type === 'content') hashes.add(e.outcome.contentHash);
  return {
    format: RECORDING_FORMAT,
    version: 1,
    exportedAt: Date.now(),
    session,
    events,
    contents: [...hashes].map(content),
  };
}

/**
 * Checks every field of a recording (see recordingSchema.ts) and its contents' hashes and sizes; returns it
 * with the verified bytes. Pure: a refused file has changed nothing when this throws.
 */
export function parseRecording(value: unknown): {
  recording: Recording;
  bytes: Map<string, Uint8Array>;
} {
  try {
    return checkRecording(value);
  } catch (e) {
    if (e instanceof SchemaError)
      throw new ProtocolError('invalidParams', `Not a valid recording: ${e.message}.`);
    throw e;
  }
}
