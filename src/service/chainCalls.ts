// The two AppConfig Data calls a session's token chain makes, StartConfigurationSession and
// GetLatestConfiguration, each sent under the backend's deadline (awsCall.ts) and read into what the ledger
// event says. No state: the poller (sessionRunner.ts, the only importer) holds the tokens and the queue.
import {
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import type { PollOutcome, SessionInfo } from '../core/ledger.js';
import { timedCall, type CallFacts } from './awsCall.js';
import type { Backend } from './backend.js';
import type { Clock } from './clock.js';
import type { ContentRepo } from './contentRepo.js';
import { answerOutcome } from './pollAnswer.js';

export interface ChainCallDeps {
  backend: Backend;
  clock: Clock;
  contents: ContentRepo;
}

/** What one call answered, by name. */
export interface ChainAnswer {
  facts: CallFacts;
  /** An error outcome means the call failed; anything else, that it was answered. */
  outcome: PollOutcome;
  /** The full token the answer names (the initial one, or the next poll's). */
  token?: string;
  intervalSeconds?: number;
}

export async function startSessionCall(
  deps: ChainCallDeps,
  info: SessionInfo,
): Promise<ChainAnswer> {
  const command = new StartConfigurationSessionCommand({
    ApplicationIdentifier: info.applicationIdentifier,
    EnvironmentIdentifier: info.environmentIdentifier,
    ConfigurationProfileIdentifier: info.configurationProfileIdentifier,
    ...(info.requiredMinimumPollIntervalInSeconds !== undefined
      ? { RequiredMinimumPollIntervalInSeconds: info.requiredMinimumPollIntervalInSeconds }
      : {}),
  });
  const result = await timedCall(
    deps.clock,
    command,
    (c, options) => deps.backend.data.send(c, options),
    deps.backend.timeouts.requestTimeoutMs,
  );
  if (!result.ok) return { facts: result.facts, outcome: result.error };
  const token = result.value.InitialConfigurationToken;
  return { facts: result.facts, outcome: { type: 'started' }, ...(token ? { token } : {}) };
}

export async function getLatestCall(deps: ChainCallDeps, token: string): Promise<ChainAnswer> {
  const result = await timedCall(
    deps.clock,
    new GetLatestConfigurationCommand({ ConfigurationToken: token }),
    (c, options) => deps.backend.data.send(c, options),
    deps.backend.timeouts.requestTimeoutMs,
  );
  if (!result.ok) return { facts: result.facts, outcome: result.error };
  const v = result.value;
  return {
    facts: result.facts,
    outcome: answerOutcome(v, deps.contents),
    ...(v.NextPollConfigurationToken ? { token: v.NextPollConfigurationToken } : {}),
    ...(v.NextPollIntervalInSeconds !== undefined
      ? { intervalSeconds: v.NextPollIntervalInSeconds }
      : {}),
  };
}
