// Test support for fault-injection tests: an emulator with one deployed configuration, the runtime fault API
// over HTTP, and an event-driven wait for observation records. Test-only.
import {
  StartConfigurationSessionCommand,
  type AppConfigDataClient,
} from '@aws-sdk/client-appconfigdata';
import { dataClient, startTestEmulator, type TestEmulator } from './support.js';
import { addVersion, deployNow, seedFixture } from './dataPlaneFixture.js';
import type { EmulatorOptions } from '../options.js';
import type { ObservationLog, ObservationRecord } from '../observations.js';

export const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('utf8');

/** A client that gives up after the first attempt, so the fault itself surfaces. */
export const oneShot = (url: string) => dataClient(url, { maxAttempts: 1 });

/** What a rejected call threw, for assertions on it; fails the test if it succeeded. */
export async function failure(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

export const CONTENT = JSON.stringify({ banner: 'x'.repeat(400), enabled: true });

/** Emulator with MyMobileApp/Prod/Settings deployed (content CONTENT, label "v1"). */
export async function faultEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const t = await startTestEmulator(options);
  const store = t.emulator.context.store;
  const fx = seedFixture(store);
  addVersion(store, fx.profile, CONTENT, { label: 'v1' });
  deployNow(store, fx.envId, fx.profile, 1);
  return t;
}

export async function startSession(client: AppConfigDataClient): Promise<string> {
  const out = await client.send(
    new StartConfigurationSessionCommand({
      ApplicationIdentifier: 'MyMobileApp',
      EnvironmentIdentifier: 'Prod',
      ConfigurationProfileIdentifier: 'Settings',
    }),
  );
  return out.InitialConfigurationToken!;
}

/** Calls the runtime fault API; returns status and parsed JSON body. */
export async function faultApi(
  url: string,
  method: 'GET' | 'POST' | 'DELETE',
  path = '',
  body?: unknown,
): Promise<{ status: number; errorType: string | null; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/__emulator/faults${path}`, {
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    signal: AbortSignal.timeout(5_000),
  });
  return {
    status: res.status,
    errorType: res.headers.get('x-amzn-errortype'),
    json: (await res.json()) as Record<string, unknown>,
  };
}

export const addFault = async (url: string, spec: string) => {
  const out = await faultApi(url, 'POST', '', { spec });
  if (out.status !== 201) throw new Error(`adding ${spec}: ${JSON.stringify(out.json)}`);
  return out.json as { id: number };
};

export const polls = (log: ObservationLog) =>
  log.list(0, 1000).records.filter((r) => r.kind === 'poll');

/** Resolves with the first record (already logged or yet to come) matching `pick`; rejects after `ms`. */
export function recordWhere(
  log: ObservationLog,
  pick: (r: ObservationRecord) => boolean,
  ms = 5_000,
): Promise<ObservationRecord> {
  const found = log.list(0, 1000).records.find(pick);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching observation record within ${ms} ms`));
    }, ms);
    const stop = log.subscribe({
      appended: (r) => {
        if (!pick(r)) return;
        clearTimeout(timer);
        stop();
        resolve(r);
      },
      closed: () => {
        clearTimeout(timer);
        reject(new Error('observation log closed'));
      },
    });
  });
}
