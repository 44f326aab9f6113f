// Which AppConfig the service talks to, and the SDK clients for it. Credentials come from the standard
// chain (env, shared config/credentials files, SSO, process) and never leave this process.
import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { AppConfigClient } from '@aws-sdk/client-appconfig';
import { STSClient } from '@aws-sdk/client-sts';
import type { BackendInfo } from '../protocol/messages.js';
import { INSPECTOR_USER_AGENT, INSPECTOR_VERSION } from './userAgent.js';
import { lazyIdentity } from './identity.js';
import { credentialChain } from './credentialSearch.js';

export type BackendConfig =
  /** The embedded emulator: dummy static credentials, it does not check signatures. */
  | {
      kind: 'emulator';
      endpoint: string;
      region?: string;
      /** Unlocks full tokens in its observation records; without it observed sessions show fingerprints. */
      observerSecret?: string;
    }
  /** Real AWS with the default credential chain, optionally a named profile. */
  | { kind: 'aws'; region?: string; profile?: string }
  /** Any AppConfig-compatible endpoint, signed with the default chain. */
  | { kind: 'endpoint'; endpoint: string; region?: string; profile?: string };

/** How long a call may take; the defaults are documented in README and `serve --help`. */
export interface CallTimeouts {
  /** TCP (and TLS) connection set-up. */
  connectTimeoutMs: number;
  /** One whole call, every SDK retry included; also each attempt's own limit. */
  requestTimeoutMs: number;
}

export const DEFAULT_TIMEOUTS: CallTimeouts = { connectTimeoutMs: 3_000, requestTimeoutMs: 10_000 };

export interface Backend {
  data: AppConfigDataClient;
  control: AppConfigClient;
  info: BackendInfo;
  /** The emulator's observer secret, for the observation follower only (never part of `info`, which the UI sees). */
  observerSecret?: string;
  timeouts: CallTimeouts;
  /** The region in use, once the SDK has resolved it (a profile's `region`, when none was given). */
  resolveRegion(): Promise<string>;
  /** Asks STS who the credentials are, once; fills `info.identity` or `info.identityError`. */
  resolveIdentity(): Promise<void>;
  destroy(): void;
}

const EMULATOR_CREDENTIALS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator' };

export function createBackend(
  config: BackendConfig,
  timeouts: CallTimeouts = DEFAULT_TIMEOUTS,
): Backend {
  const explicit = config.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  // With a profile and no explicit region, leave it to the SDK: the profile's own `region` then applies.
  const region =
    explicit ?? (config.kind !== 'emulator' && config.profile ? undefined : 'us-east-1');
  const common =
    config.kind === 'emulator'
      ? {
          region: region ?? 'us-east-1',
          endpoint: config.endpoint,
          credentials: EMULATOR_CREDENTIALS,
        }
      : {
          ...(region ? { region } : {}),
          ...(config.kind === 'endpoint' ? { endpoint: config.endpoint } : {}),
          ...(config.profile ? { profile: config.profile } : {}),
          // The SDK's own chain, one for the three clients, saying where it looked when it finds nothing.
          credentials: credentialChain(config.profile),
        };
  // Our own calls are marked so the emulator observer can tell them from the apps it watches.
  const marked = {
    ...common,
    customUserAgent: `${INSPECTOR_USER_AGENT}/${INSPECTOR_VERSION}`,
    // Without these the SDK waits up to its 300 s socket default on an endpoint that accepts and never answers.
    requestHandler: {
      connectionTimeout: timeouts.connectTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
  const data = new AppConfigDataClient(marked);
  const control = new AppConfigClient(marked);
  // An AppConfig-compatible endpoint rarely serves STS too: ask AWS's unless one is named for STS.
  const { endpoint: _endpoint, ...unpointed } = marked as typeof marked & { endpoint?: string };
  const stsEndpoint = process.env.AWS_ENDPOINT_URL_STS;
  const sts = new STSClient(
    config.kind !== 'endpoint'
      ? marked
      : { ...unpointed, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}) },
  );
  const info: BackendInfo = {
    kind: config.kind,
    region: region ?? '(from profile)',
    canListResources: true,
    ...(config.kind !== 'aws' ? { endpoint: config.endpoint } : {}),
    ...(config.kind !== 'emulator' && config.profile ? { profile: config.profile } : {}),
    ...(config.kind === 'emulator' ? { emulatorUrl: config.endpoint } : {}),
  };
  return {
    data,
    control,
    info,
    ...(config.kind === 'emulator' && config.observerSecret !== undefined
      ? { observerSecret: config.observerSecret }
      : {}),
    timeouts,
    resolveIdentity: lazyIdentity(sts, info, timeouts.requestTimeoutMs),
    resolveRegion: async () => {
      if (region) return region;
      try {
        return (info.region = await data.config.region());
      } catch (e) {
        return `(no region: ${(e as Error).message})`;
      }
    },
    destroy: () => {
      data.destroy();
      control.destroy();
      sts.destroy();
    },
  };
}
