// Watch inputs built from real ledgers for the watch report's unit tests: well-behaved token chains, the
// misuses the issue names, and core's detectAnomalies run over them as the CLI runs it. Times are seconds
// after testLedger's T0. Imported by src/core/watch*.test.ts only.
import { detectAnomalies } from './anomalies.js';
import type { PollEvent, PollOutcome, SessionInfo } from './ledger.js';
import { poll, session, start, T0 } from './testLedger.js';
import type {
  WatchDeployment,
  WatchInput,
  WatchRuleName,
  WatchSessionInput,
} from './watchReportTypes.js';

export const JS_CLIENT = 'aws-sdk-js/3.700.0 @ 127.0.0.1';
export const BOTO_CLIENT = 'Boto3/1.35.0 @ 127.0.0.1';

export const content = (label: string | undefined, hash: string): PollOutcome => ({
  type: 'content',
  ...(label === undefined ? {} : { versionLabel: label }),
  contentType: 'application/json',
  size: 42,
  contentHash: hash,
});

/**
 * A correct chain: a start at `startS`, then one poll at each of `pollsS`, each sending the token the
 * previous answer issued. The first poll gets v1; `outcomes` overrides a poll's answer by its index.
 */
export function chain(
  id: string,
  startS: number,
  pollsS: readonly number[],
  outcomes: Record<number, PollOutcome> = {},
): PollEvent[] {
  const events: PollEvent[] = [start(0, startS, `${id}-t0`, { sessionId: id })];
  pollsS.forEach((atS, i) => {
    events.push(
      poll(i + 1, atS, `${id}-t${i}`, `${id}-t${i + 1}`, {
        sessionId: id,
        outcome: outcomes[i] ?? (i === 0 ? content('v1', 'h1') : { type: 'unchanged' }),
      }),
    );
  });
  return events;
}

/**
 * Every 31 s from `fromS` to `toS`, as a client that follows the returned 30 s interval polls (the interval
 * counts from the answer, which arrives 100 ms after the send).
 */
export function every31(fromS: number, toS: number): number[] {
  const out: number[] = [];
  for (let t = fromS; t <= toS; t += 31) out.push(t);
  return out;
}

export function observed(
  id: string,
  events: readonly PollEvent[],
  over: Partial<SessionInfo> = {},
  nowS = 400,
): WatchSessionInput {
  const info = session({
    id,
    client: JS_CLIENT,
    applicationIdentifier: 'demo-app',
    environmentIdentifier: 'dev',
    configurationProfileIdentifier: 'app-config',
    startedAt: events[0]?.sentAt ?? T0,
    ...over,
  });
  return { info, events, anomalies: detectAnomalies(info, events, T0 + nowS * 1000) };
}

export function watchInput(
  sessions: WatchSessionInput[],
  over: Partial<WatchInput> = {},
): WatchInput {
  return {
    command: ['node', 'app.js'],
    exit: { code: 0, signal: null },
    startedAt: T0 - 1000,
    endedAt: T0 + 400_000,
    sessions,
    deployments: [],
    failOn: 'error',
    allow: [] as WatchRuleName[],
    ...over,
  };
}

/** A clean JS SDK session: start, then a poll every 30 s for five minutes. */
export const cleanSession = () => observed('s1', chain('s1', 0, every31(1, 301)));

/** boto3 replaying a token: poll #3 sends the token poll #2 already spent. */
export function replaySession(): WatchSessionInput {
  const events = chain('s1', 0, [1, 32]);
  events.push(poll(3, 63, 's1-t1', 's1-t3', { sessionId: 's1', outcome: { type: 'unchanged' } }));
  return observed('s1', events, { client: BOTO_CLIENT });
}

/** Polls 8.9 s after an answer that asked for 30 s, with no required minimum: advisory only. */
export const earlySession = () =>
  observed('s1', chain('s1', 0, [1, 32, 41, 72]), { client: BOTO_CLIENT });

/** The same early poll when the session required a 30 s minimum: AWS refuses such a poll. */
export const earlyRequiredSession = () =>
  observed('s1', chain('s1', 0, [1, 32, 41, 72]), {
    client: BOTO_CLIENT,
    requiredMinimumPollIntervalInSeconds: 30,
  });

/** v2 of app-config deployed at 100 s and complete at 100 s (AllAtOnce without bake, as --deploy runs it). */
export const deployV2 = (over: Partial<WatchDeployment> = {}): WatchDeployment => ({
  version: '2',
  versionLabel: 'v2',
  profile: 'app-config',
  application: 'demo-app',
  environment: 'dev',
  strategy: 'AppConfig.AllAtOnce',
  startedAt: T0 + 100_000,
  completedAt: T0 + 100_000,
  deploymentNumber: 2,
  ...over,
});
