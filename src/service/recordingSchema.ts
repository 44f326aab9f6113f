// The recording file format, version 1: a schema for every field of the session, its events and contents
// (typed against core/ledger.ts, so a ledger change that the format does not follow fails to compile), and
// the checks across fields (dense seq, one session, contents that match their hashes and sizes).
// Imported by recordings.ts (which reads files) and its tests; nothing here writes anything.
import type {
  PollEvent,
  PollOutcome,
  PollTrigger,
  SessionInfo,
  SessionOrigin,
  SessionState,
} from '../core/ledger.js';
import type { ContentBlob, Recording } from '../protocol/messages.js';
import { contentHash } from './hashing.js';
import { check, SchemaError, type Field, type FieldsOf, type Schema } from './schemaCheck.js';

export const RECORDING_FORMAT = 'appconfig-inspector-recording';
export const RECORDING_VERSIONS = [1] as const;

/** Every member of a string union, listed once: the Record type makes the list exhaustive. */
const members = <T extends string>(all: Record<T, true>): Schema => ({
  kind: 'enum',
  values: Object.keys(all),
});

const text = (minLength: number, maxLength: number): Schema => ({
  kind: 'string',
  minLength,
  maxLength,
});
const int = (min: number, max: number): Schema => ({ kind: 'integer', min, max });
/** Milliseconds since the epoch, within what a Date can hold. */
const time: Schema = int(0, 8.64e15);
const count: Schema = int(0, Number.MAX_SAFE_INTEGER);
const hex = (length: number, name: string): Schema => ({
  kind: 'string',
  minLength: length,
  maxLength: length,
  pattern: new RegExp(`^[0-9a-f]{${length}}$`),
  patternName: name,
});
const required = (schema: Schema) => ({ schema });
const optional = (schema: Schema) => ({ schema, optional: true as const });

const states: Record<SessionState, true> = {
  starting: true,
  polling: true,
  retrying: true,
  paused: true,
  stopped: true,
  failed: true,
  idle: true,
  ended: true,
};
const origins: Record<SessionOrigin, true> = { inspector: true, observed: true };
const triggers: Record<PollTrigger, true> = {
  start: true,
  schedule: true,
  pollNow: true,
  replay: true,
  early: true,
  observed: true,
};
const kinds: Record<PollEvent['kind'], true> = { start: true, poll: true };

/** AWS identifiers are at most 128 characters; observed apps may send anything, so allow ARNs' 2048. */
const identifier = text(1, 2048);
const httpStatus = int(100, 599);

const sessionFields = {
  id: required(text(1, 256)),
  origin: required(members(origins)),
  applicationIdentifier: required(identifier),
  environmentIdentifier: required(identifier),
  configurationProfileIdentifier: required(identifier),
  requiredMinimumPollIntervalInSeconds: optional(int(15, 86_400)),
  backend: required(text(1, 2048)),
  region: optional(text(1, 64)),
  profile: optional(text(1, 128)),
  startedAt: required(time),
  client: optional(text(0, 1024)),
  state: required(members(states)),
  readOnly: optional({ kind: 'boolean' }),
  fleetId: optional(text(1, 256)),
} satisfies FieldsOf<SessionInfo>;

type Variant<T extends PollOutcome['type']> = FieldsOf<
  Omit<Extract<PollOutcome, { type: T }>, 'type'>
>;
const contentType = text(1, 256);
const outcomeVariants: { [T in PollOutcome['type']]: Variant<T> } = {
  started: {},
  content: {
    versionLabel: optional(text(1, 256)),
    contentType: optional(contentType),
    size: required(count),
    contentHash: required(hex(64, 'a SHA-256 in lowercase hex')),
  },
  unchanged: { contentType: optional(contentType) },
  error: {
    errorName: required(text(1, 256)),
    message: required(text(0, 65_536)),
    httpStatus: optional(httpStatus),
    reason: optional(text(1, 256)),
    problem: optional(text(1, 256)),
    details: optional({ kind: 'json', maxDepth: 16, maxLength: 65_536 }),
    resourceType: optional(text(1, 256)),
  },
};

const fingerprint = hex(16, 'a token fingerprint (16 lowercase hex digits)');
const eventFields = {
  seq: required(count),
  sessionId: required(text(1, 256)),
  kind: required(members(kinds)),
  trigger: required(members(triggers)),
  scheduledAt: optional(time),
  sentAt: required(time),
  answeredAt: required(time),
  latencyMs: required({ kind: 'number', min: 0, max: 8.64e15 }),
  attempts: required(int(1, 1000)),
  invocationId: optional(text(1, 256)),
  tokenIn: optional(fingerprint),
  tokenOut: optional(fingerprint),
  intervalSeconds: optional(int(0, 86_400)),
  requestId: optional(text(1, 256)),
  httpStatus: optional(httpStatus),
  restartReason: optional(text(1, 1024)),
  outcome: required({ kind: 'tagged', tag: 'type', variants: outcomeVariants }),
} satisfies FieldsOf<PollEvent>;

const blobFields = {
  contentHash: required(hex(64, 'a SHA-256 in lowercase hex')),
  contentType: optional(contentType),
  size: required(count),
  base64: required(text(0, Number.MAX_SAFE_INTEGER)),
} satisfies FieldsOf<ContentBlob>;

/** Version 1, whole. Unknown fields anywhere are refused: a writer that adds one must bump the version. */
export const recordingSchemaV1: Schema = {
  kind: 'object',
  fields: {
    format: required({ kind: 'literal', value: RECORDING_FORMAT }),
    version: required({ kind: 'literal', value: 1 }),
    exportedAt: required(time),
    session: required({ kind: 'object', fields: sessionFields }),
    events: required({
      kind: 'array',
      items: { kind: 'object', fields: eventFields },
      maxItems: 1_000_000,
    }),
    contents: required({
      kind: 'array',
      items: { kind: 'object', fields: blobFields },
      maxItems: 100_000,
    }),
  } satisfies FieldsOf<Recording> satisfies Record<string, Field>,
};

const CANONICAL_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Checks a parsed JSON value against the format and across fields; returns it typed, with each content's
 * bytes decoded and verified. Throws SchemaError naming the first bad field path.
 */
export function checkRecording(value: unknown): {
  recording: Recording;
  bytes: Map<string, Uint8Array>;
} {
  const version =
    typeof value === 'object' && value !== null
      ? (value as { version?: unknown }).version
      : undefined;
  if (version !== undefined && !(RECORDING_VERSIONS as readonly unknown[]).includes(version))
    throw new SchemaError(
      'version',
      `is ${JSON.stringify(version)}; this build reads version ${RECORDING_VERSIONS.join(', ')}`,
    );
  check(recordingSchemaV1, value, '');
  const recording = value as Recording;

  const bytes = new Map<string, Uint8Array>();
  const sizes = new Map<string, number>();
  recording.contents.forEach((blob, i) => {
    const at = `contents[${i}]`;
    if (!CANONICAL_BASE64.test(blob.base64))
      throw new SchemaError(`${at}.base64`, 'must be canonical base64');
    if (bytes.has(blob.contentHash))
      throw new SchemaError(
        `${at}.contentHash`,
        'repeats an earlier content (each is stored once)',
      );
    const data = Buffer.from(blob.base64, 'base64');
    const actual = contentHash(data);
    if (actual !== blob.contentHash)
      throw new SchemaError(at, `does not match its hash: its bytes hash to ${actual}`);
    if (blob.size !== data.length)
      throw new SchemaError(`${at}.size`, `must be ${data.length}, the length of its bytes`);
    bytes.set(blob.contentHash, data);
    sizes.set(blob.contentHash, data.length);
  });

  const used = new Set<string>();
  recording.events.forEach((event, i) => {
    const at = `events[${i}]`;
    if (event.seq !== i)
      throw new SchemaError(`${at}.seq`, `must be ${i} (events are numbered from 0 without gaps)`);
    if (event.sessionId !== recording.session.id)
      throw new SchemaError(
        `${at}.sessionId`,
        `must be the session's id ${JSON.stringify(recording.session.id)}`,
      );
    const { outcome } = event;
    // StartConfigurationSession answers with a token (started) or an error; only polls carry configuration.
    if (outcome.type === 'started' && event.kind !== 'start')
      throw new SchemaError(`${at}.kind`, 'must be "start" for an outcome of type "started"');
    if ((outcome.type === 'content' || outcome.type === 'unchanged') && event.kind !== 'poll')
      throw new SchemaError(
        `${at}.kind`,
        `must be "poll" for an outcome of type "${outcome.type}"`,
      );
    if (outcome.type !== 'content') return;
    const size = sizes.get(outcome.contentHash);
    if (size === undefined)
      throw new SchemaError(
        `${at}.outcome.contentHash`,
        'names a content that "contents" does not hold',
      );
    if (outcome.size !== size)
      throw new SchemaError(`${at}.outcome.size`, `must be ${size}, the size of its content`);
    used.add(outcome.contentHash);
  });
  recording.contents.forEach((blob, i) => {
    if (!used.has(blob.contentHash))
      throw new SchemaError(`contents[${i}]`, 'is not received by any event');
  });
  return { recording, bytes };
}
