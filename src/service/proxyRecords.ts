// Turns one proxied exchange into the same ObservationRecord the emulator's observation stream carries, so
// observedSessions.ts folds proxied apps exactly like apps on the emulator (timeline, versions, diffs, flags).
// Session identity is the proxy's own: every InitialConfigurationToken and NextPollConfigurationToken it passes
// back maps to a proxy-local session id, so a chain is one session whatever the backend's tokens look like.
// The map lives in the service's memory only (the newest MAX_TOKENS); the ledger gets fingerprints as usual.
import { randomBytes } from 'node:crypto';
import { contentHash } from './hashing.js';
import type { ObservationRecord } from './observer.js';
import type { BackendAnswer } from './proxyForward.js';

/** One call through the proxy and the answer the app got (the proxy's own 502/504 when the backend gave none). */
export interface ProxyExchange {
  kind: 'startSession' | 'poll';
  receivedAt: number;
  answeredAt: number;
  sourceAddress: string | null;
  headers: Record<string, string | string[] | undefined>;
  requestBody: Buffer;
  /** The configuration_token the app sent (polls). */
  tokenIn: string | null;
  answer: BackendAnswer;
}

/** Identifiers shown for a chain whose first token the proxy never handed out (started before it ran). */
export const UNSEEN_TOKEN_IDENTIFIERS = {
  application: '(token not issued through the proxy)',
  environment: '—',
  configurationProfile: '—',
  requiredMinimumPollIntervalInSeconds: undefined,
} as const;

/** Tokens live 24 h and an app spends one a poll; the oldest mappings go first past this many. */
const MAX_TOKENS = 20_000;
/** Sessions whose identifiers are remembered (observedSessions.ts keeps far fewer on the list). */
const MAX_SESSIONS = 2_000;

type Identifiers = NonNullable<ObservationRecord['identifiers']>;

export class ProxyChains {
  private readonly sessionOfToken = new Map<string, string>();
  private readonly identifiersOf = new Map<string, Identifiers>();
  private seq = 0;

  /** The proxy-local session a token the proxy handed out belongs to. */
  sessionOf(token: string): string | undefined {
    return this.sessionOfToken.get(token);
  }

  /** The record for one exchange; also learns the token it returned, so the next poll joins the chain. */
  recordOf(x: ProxyExchange): ObservationRecord {
    const header = headerReader(x.answer.rawHeaders);
    const ok = x.answer.status >= 200 && x.answer.status < 300;
    const answerJson = jsonOf(x.answer.body);
    let sessionId: string | null = null;
    let identifiers: Identifiers | null = null;
    let tokenOut: string | null = null;
    if (x.kind === 'startSession') {
      const asked = jsonOf(x.requestBody);
      identifiers = {
        application: asked?.ApplicationIdentifier,
        environment: asked?.EnvironmentIdentifier,
        configurationProfile: asked?.ConfigurationProfileIdentifier,
        requiredMinimumPollIntervalInSeconds: asked?.RequiredMinimumPollIntervalInSeconds,
      };
      const initial = answerJson?.InitialConfigurationToken;
      // A refused start has no session: observedSessions.ts groups those per client and identifiers.
      if (ok && typeof initial === 'string') {
        sessionId = this.newSession(identifiers);
        tokenOut = initial;
      }
    } else if (x.tokenIn) {
      sessionId = this.sessionOfToken.get(x.tokenIn) ?? null;
      if (sessionId === null) {
        // Started before the proxy ran, or through another endpoint: a session of its own, marked so.
        sessionId = this.newSession({ ...UNSEEN_TOKEN_IDENTIFIERS });
        this.learn(x.tokenIn, sessionId);
      }
      identifiers = this.identifiersOf.get(sessionId) ?? null;
      tokenOut = ok ? (header('next-poll-configuration-token') ?? null) : null;
    }
    if (sessionId !== null && tokenOut !== null) this.learn(tokenOut, sessionId);
    const interval = Number(header('next-poll-interval-in-seconds'));
    const content = x.kind === 'poll' && ok && x.answer.body.length > 0;
    const sdkRequest = /attempt=(\d+)/.exec(text(x.headers['amz-sdk-request']) ?? '');
    return {
      seq: ++this.seq,
      kind: x.kind,
      receivedAt: new Date(x.receivedAt).toISOString(),
      answeredAt: new Date(x.answeredAt).toISOString(),
      sourceAddress: x.sourceAddress,
      userAgent: text(x.headers['user-agent']) ?? text(x.headers['x-amz-user-agent']) ?? null,
      invocationId: text(x.headers['amz-sdk-invocation-id']) ?? null,
      attempt: sdkRequest ? Number(sdkRequest[1]) : null,
      sessionId,
      identifiers,
      resolved: null,
      tokenIn: x.tokenIn,
      tokenOut,
      tokensRedacted: false,
      status: x.answer.status,
      errorType: ok ? null : (errorTypeOf(header('x-amzn-errortype'), answerJson) ?? null),
      message: ok ? null : messageOf(answerJson),
      problem: ok ? null : problemOf(answerJson),
      versionLabel: header('version-label') ?? null,
      contentType: header('content-type') ?? null,
      byteSize: x.kind === 'poll' && ok ? x.answer.body.length : null,
      contentSha256: content ? contentHash(x.answer.body) : null,
      intervalReturned:
        header('next-poll-interval-in-seconds') && !isNaN(interval) ? interval : null,
    };
  }

  private newSession(identifiers: Identifiers): string {
    const id = `p-${randomBytes(6).toString('hex')}`;
    this.identifiersOf.set(id, identifiers);
    if (this.identifiersOf.size > MAX_SESSIONS)
      this.identifiersOf.delete(this.identifiersOf.keys().next().value!);
    return id;
  }

  /** Insertion order is age: past the cap the oldest token is forgotten (a later use starts a new session). */
  private learn(token: string, sessionId: string): void {
    this.sessionOfToken.delete(token);
    this.sessionOfToken.set(token, sessionId);
    if (this.sessionOfToken.size > MAX_TOKENS)
      this.sessionOfToken.delete(this.sessionOfToken.keys().next().value!);
  }
}

const text = (v: string | string[] | undefined): string | undefined =>
  Array.isArray(v) ? v[0] : v;

/** Case-insensitive lookup over Node's raw header pairs. */
function headerReader(raw: string[]): (name: string) => string | undefined {
  return (name) => {
    for (let i = 0; i + 1 < raw.length; i += 2)
      if (raw[i]!.toLowerCase() === name) return raw[i + 1];
    return undefined;
  };
}

function jsonOf(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0 || body.length > 1_000_000) return undefined;
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** restJson1: the header names the error (`Name:namespace…` trimmed); older shapes put it in the body. */
function errorTypeOf(
  header: string | undefined,
  body: Record<string, unknown> | undefined,
): string | undefined {
  const raw = header ?? (typeof body?.__type === 'string' ? body.__type : undefined);
  return raw?.split(':')[0]?.split('#').at(-1) || undefined;
}

function messageOf(body: Record<string, unknown> | undefined): string | null {
  const m = body?.Message ?? body?.message;
  return typeof m === 'string' ? m : null;
}

/** The modelled BadRequest detail (`Details.InvalidParameters.<name>.Problem`), e.g. Expired or Corrupted. */
function problemOf(body: Record<string, unknown> | undefined): string | null {
  const params = (body?.Details as { InvalidParameters?: Record<string, { Problem?: unknown }> })
    ?.InvalidParameters;
  for (const p of Object.values(params ?? {})) if (typeof p?.Problem === 'string') return p.Problem;
  return null;
}
