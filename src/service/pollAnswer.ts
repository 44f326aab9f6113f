// The poller's pure decisions about a poll: what an answer means for the ledger (content stored once by
// hash, or unchanged: an empty body means "you already have the latest", never "the configuration is
// empty"), which token a deliberate replay sends, and which token a restored chain continues from.
// Imported by chainCalls.ts (answerOutcome) and sessionRunner.ts.
import type { GetLatestConfigurationCommandOutput } from '@aws-sdk/client-appconfigdata';
import type { PollEvent, PollOutcome } from '../core/ledger.js';
import { ProtocolError } from '../protocol/messages.js';
import type { ContentRepo } from './contentRepo.js';

export function answerOutcome(
  answer: GetLatestConfigurationCommandOutput,
  contents: ContentRepo,
): PollOutcome {
  const type = answer.ContentType ? { contentType: answer.ContentType } : {};
  const bytes = answer.Configuration;
  if (!bytes || bytes.length === 0) return { type: 'unchanged', ...type };
  return {
    type: 'content',
    size: bytes.length,
    contentHash: contents.put(bytes, answer.ContentType),
    ...(answer.VersionLabel ? { versionLabel: answer.VersionLabel } : {}),
    ...type,
  };
}

/** The token a restored chain continues from: the newest still held that a non-replay call received. */
export function chainHead(
  events: readonly PollEvent[],
  held: (fingerprint: string) => boolean,
): string | undefined {
  let head: string | undefined;
  for (const e of events)
    if (e.trigger !== 'replay' && e.tokenOut && held(e.tokenOut)) head = e.tokenOut;
  return head;
}

/**
 * The token a deliberate replay sends: by default the newest one AWS actually spent (a refused poll, "too
 * early", leaves its token unspent); with `seq`, the token that poll was issued.
 */
export function replayableToken(
  events: readonly PollEvent[],
  seq: number | undefined,
  held: (fingerprint: string) => boolean,
): string {
  const source =
    seq === undefined
      ? [...events]
          .reverse()
          .find(
            (e) => e.kind === 'poll' && e.outcome.type !== 'error' && e.tokenIn && held(e.tokenIn),
          )
      : events[seq - (events[0]?.seq ?? 0)];
  const fingerprint = seq === undefined ? source?.tokenIn : source?.tokenOut;
  if (!fingerprint || !held(fingerprint)) {
    throw new ProtocolError(
      'notFound',
      seq === undefined
        ? 'No spent token to replay yet: wait for the first poll.'
        : `Poll ${seq} issued no token that is still held.`,
    );
  }
  return fingerprint;
}
