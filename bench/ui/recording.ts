// A synthetic but valid recording of a long session (default 10,000 polls), for the timeline scroll bench:
// mostly unchanged polls on a 15 s cadence, a new version every 500 polls, a few early polls and errors.
import { createHash } from 'node:crypto';
import type { PollEvent } from '../../src/core/ledger.js';
import type { ContentBlob, Recording } from '../../src/protocol/messages.js';

export function syntheticRecording(polls: number): Recording {
  const start = Date.UTC(2026, 10, 1, 8, 0, 0);
  const contents: ContentBlob[] = [];
  const events: PollEvent[] = [];
  const token = (n: number) => createHash('sha256').update(`t${n}`).digest('hex').slice(0, 16);
  const base = { sessionId: 'bench', attempts: 1, latencyMs: 12 };
  events.push({
    ...base,
    seq: 0,
    kind: 'start',
    trigger: 'start',
    sentAt: start,
    answeredAt: start + 20,
    tokenOut: token(0),
    outcome: { type: 'started' },
  });
  for (let i = 1; i <= polls; i++) {
    const sentAt = start + i * 15_000 - (i % 97 === 0 ? 9_000 : 0);
    let outcome: PollEvent['outcome'];
    if (i === 1 || i % 500 === 0) {
      const bytes = Buffer.from(
        JSON.stringify({ revision: i, limits: { rps: i % 1000 } }, null, 2),
      );
      const contentHash = createHash('sha256').update(bytes).digest('hex');
      contents.push({
        contentHash,
        contentType: 'application/json',
        size: bytes.length,
        base64: bytes.toString('base64'),
      });
      outcome = {
        type: 'content',
        contentHash,
        size: bytes.length,
        contentType: 'application/json',
        versionLabel: `rev-${i}`,
      };
    } else if (i % 331 === 0) {
      outcome = {
        type: 'error',
        errorName: 'ThrottlingException',
        message: 'Rate exceeded',
        httpStatus: 429,
      };
    } else {
      outcome = { type: 'unchanged', contentType: 'application/json' };
    }
    events.push({
      ...base,
      seq: i,
      kind: 'poll',
      trigger: 'schedule',
      scheduledAt: start + i * 15_000,
      sentAt,
      answeredAt: sentAt + 12,
      tokenIn: token(i - 1),
      ...(outcome.type === 'error' ? {} : { tokenOut: token(i), intervalSeconds: 15 }),
      outcome,
    });
  }
  return {
    format: 'appconfig-inspector-recording',
    version: 1,
    exportedAt: Date.now(),
    session: {
      id: 'bench',
      origin: 'inspector',
      applicationIdentifier: 'bench-app',
      environmentIdentifier: 'load',
      configurationProfileIdentifier: 'settings',
      requiredMinimumPollIntervalInSeconds: 15,
      backend: 'synthetic',
      startedAt: start,
      state: 'stopped',
    },
    events,
    contents,
  };
}
