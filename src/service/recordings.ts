// Export a session as one versioned JSON recording, and read one back with precise validation.
import type { PollEvent, SessionInfo } from '../core/ledger.js';
import { ProtocolError, type ContentBlob, type Recording } from '../protocol/messages.js';
import { contentHash } from './hashing.js';

export function buildRecording(
  session: SessionInfo,
  events: PollEvent[],
  content: (hash: string) => ContentBlob,
): Recording {
  const hashes = new Set<string>();
  for (const e of events) if (e.outcome.type === 'content') hashes.add(e.outcome.contentHash);
  return {
    format: 'appconfig-inspector-recording',
    version: 1,
    exportedAt: Date.now(),
    session,
    events,
    contents: [...hashes].map(content),
  };
}

const bad = (message: string): never => {
  throw new ProtocolError('invalidParams', `Not a valid recording: ${message}`);
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks shape and content hashes; returns the recording with its contents' bytes verified. */
export function parseRecording(value: unknown): {
  recording: Recording;
  bytes: Map<string, Uint8Array>;
} {
  if (!isObject(value)) return bad('expected a JSON object.');
  if (value.format !== 'appconfig-inspector-recording')
    bad('"format" must be "appconfig-inspector-recording".');
  if (value.version !== 1)
    bad(`unsupported version ${JSON.stringify(value.version)} (this build reads version 1).`);
  const session = value.session;
  if (!isObject(session)) return bad('"session" must be an object.');
  for (const key of [
    'id',
    'applicationIdentifier',
    'environmentIdentifier',
    'configurationProfileIdentifier',
  ]) {
    if (typeof session[key] !== 'string' || session[key] === '')
      bad(`"session.${key}" must be a non-empty string.`);
  }
  if (typeof session.startedAt !== 'number') bad('"session.startedAt" must be a number.');
  if (!Array.isArray(value.events)) return bad('"events" must be an array.');
  value.events.forEach((e: unknown, i: number) => {
    if (!isObject(e)) bad(`events[${i}] must be an object.`);
    const ev = e as Record<string, unknown>;
    if (ev.seq !== i) bad(`events[${i}].seq must be ${i}.`);
    if (ev.kind !== 'start' && ev.kind !== 'poll')
      bad(`events[${i}].kind must be "start" or "poll".`);
    if (typeof ev.sentAt !== 'number' || typeof ev.answeredAt !== 'number')
      bad(`events[${i}] needs numeric sentAt and answeredAt.`);
    if (!isObject(ev.outcome) || typeof ev.outcome.type !== 'string')
      bad(`events[${i}].outcome.type is missing.`);
  });
  if (!Array.isArray(value.contents)) return bad('"contents" must be an array.');
  const bytes = new Map<string, Uint8Array>();
  value.contents.forEach((c: unknown, i: number) => {
    if (!isObject(c) || typeof c.base64 !== 'string' || typeof c.contentHash !== 'string') {
      bad(`contents[${i}] needs "contentHash" and "base64".`);
    }
    const blob = c as unknown as ContentBlob;
    const data = Buffer.from(blob.base64, 'base64');
    if (contentHash(data) !== blob.contentHash)
      bad(`contents[${i}] does not match its hash ${blob.contentHash}.`);
    bytes.set(blob.contentHash, data);
  });
  for (const e of value.events as PollEvent[]) {
    if (e.outcome.type === 'content' && !bytes.has(e.outcome.contentHash)) {
      bad(
        `events[${e.seq}] refers to content ${e.outcome.contentHash}, which the file does not contain.`,
      );
    }
  }
  return { recording: value as unknown as Recording, bytes };
}
