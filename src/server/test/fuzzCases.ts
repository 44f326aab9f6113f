// Test-only: seeded generators of malformed requests for fuzz.test.ts (api.test.ts also reads METHODS), each
// with what a correct server must answer. Every case is raw bytes, so broken HTTP, odd targets and bad headers
// can be expressed.
import type { Method } from '../../protocol/messages.js';
import {
  BAD_BODIES,
  BAD_STRINGS,
  BROKEN_HTTP,
  gate,
  ODD_IDS,
  traversal,
  WRONG_TYPES,
} from './fuzzInputs.js';
import { build, int, pick, type FuzzCase, type Rng, type Target } from './fuzzRequest.js';

/** A well-formed request per method; mutations of these are what the fuzzer sends. */
const VALID: Record<Method, Record<string, unknown>> = {
  hello: { protocolVersion: 1 },
  listSessions: {},
  getSession: { sessionId: 's-1' },
  startSession: {
    applicationIdentifier: 'demo-app',
    environmentIdentifier: 'dev',
    configurationProfileIdentifier: 'app-config',
  },
  pauseSession: { sessionId: 's-1' },
  resumeSession: { sessionId: 's-1' },
  stopSession: { sessionId: 's-1' },
  deleteSession: { sessionId: 's-1' },
  pollNow: { sessionId: 's-1' },
  replayToken: { sessionId: 's-1', seq: 0 },
  getContent: { contentHash: '0'.repeat(64) },
  getRawResponse: { sessionId: 's-1', seq: 0 },
  listResources: { kind: 'environments', applicationId: 'demo-app' },
  exportSession: { sessionId: 's-1' },
  exportHar: { sessionId: 's-1', redactTokens: true },
  importRecording: { recording: { format: 'appconfig-inspector-recording', version: 1 } },
  // Ids that name nothing: a mutation the validator lets through must still end as notFound, never create.
  listHostedVersions: { applicationId: 'noapp', configurationProfileId: 'noprof' },
  getHostedVersion: { applicationId: 'noapp', configurationProfileId: 'noprof', versionNumber: 1 },
  createHostedVersion: {
    applicationId: 'noapp',
    configurationProfileId: 'noprof',
    content: '{}',
    format: 'json',
  },
  listDeploymentStrategies: {},
  createDeploymentStrategy: {
    name: 'fuzz',
    growthType: 'LINEAR',
    growthFactor: 10,
    deploymentDurationInMinutes: 1,
    finalBakeTimeInMinutes: 0,
    replicateTo: 'NONE',
  },
  startDeployment: {
    applicationId: 'noapp',
    environmentId: 'noenv',
    configurationProfileId: 'noprof',
    versionNumber: 1,
    deploymentStrategyId: 'AppConfig.AllAtOnce',
  },
  listDeployments: { applicationId: 'noapp', environmentId: 'noenv' },
  getDeployment: { applicationId: 'noapp', environmentId: 'noenv', deploymentNumber: 1 },
  stopDeployment: { applicationId: 'noapp', environmentId: 'noenv', deploymentNumber: 1 },
  revertDeployment: { applicationId: 'noapp', environmentId: 'noenv', deploymentNumber: 1 },
  // A profile that does not exist: the first member's start is refused, so no fleet is ever created.
  startFleet: {
    applicationIdentifier: 'noapp',
    environmentIdentifier: 'noenv',
    configurationProfileIdentifier: 'noprof',
    size: 1,
  },
  listFleets: {},
  listAwsProfiles: {},
  // The fuzzed service runs on the emulator, so a valid switch is refused ('conflict') and changes nothing.
  switchBackend: { profile: 'second', region: 'eu-west-1' },
  getFleet: { fleetId: 'f-1' },
  stopFleet: { fleetId: 'f-1' },
  deleteFleet: { fleetId: 'f-1' },
};
export const METHODS = Object.keys(VALID) as Method[];

/** The JSON text of params with one key added verbatim (JSON.stringify cannot emit "__proto__" as data). */
function withRawKey(params: Record<string, unknown>, key: string, value: string): string {
  const json = JSON.stringify(params);
  return json === '{}' ? `{"${key}":${value}}` : `{"${key}":${value},${json.slice(1)}`;
}

function nested(depth: number, open: string, close: string, leaf = '1'): string {
  return open.repeat(depth) + leaf + close.repeat(depth);
}

/** Params that must be refused as invalid: a wrong type, a missing field, an unknown or polluting key. */
function badParams(rng: Rng, method: Method): string {
  const valid = VALID[method];
  const keys = Object.keys(valid);
  const choice = int(rng, 5);
  if (choice === 0 && keys.length > 0) {
    const key = pick(rng, keys);
    // A wrong-typed recording is refused by the recording parser, which is just as much a 4xx.
    const value = pick(
      rng,
      [...WRONG_TYPES, ...BAD_STRINGS].filter((v) => v !== null || key !== 'recording'),
    );
    return JSON.stringify({ ...valid, [key]: value });
  }
  if (choice === 1 && keys.length > 0) {
    const without = { ...valid };
    delete without[pick(rng, keys)];
    return JSON.stringify(without);
  }
  if (choice === 2)
    return withRawKey(
      valid,
      pick(rng, ['__proto__', 'constructor', 'prototype']),
      '{"polluted":1}',
    );
  if (choice === 3) return withRawKey(valid, 'constructor', '{"prototype":{"polluted":1}}');
  return pick(rng, ['[]', '"params"', '1', 'true', '[{}]']);
}

/** One random case. Deep nesting and oversized bodies are rarer: they cost the most to send. */
export function randomCase(rng: Rng, t: Target): FuzzCase {
  const roll = rng();
  const method = pick(rng, METHODS);
  const api = `/api/${method}`;
  if (roll < 0.3)
    return {
      kind: `params:${method}`,
      raw: build(t, { target: api, body: badParams(rng, method) }),
      expect: 'clientError',
    };
  if (roll < 0.4)
    return {
      kind: 'body',
      raw: build(t, { target: api, body: pick(rng, BAD_BODIES) }),
      expect: 'clientError',
    };
  if (roll < 0.5) {
    const ref = METHODS.filter((m) => 'sessionId' in VALID[m]);
    const m = pick(rng, ref);
    const body = JSON.stringify({ ...VALID[m], sessionId: pick(rng, ODD_IDS) });
    return { kind: `id:${m}`, raw: build(t, { target: `/api/${m}`, body }), expect: 'clientError' };
  }
  if (roll < 0.62) {
    const head = rng() < 0.2;
    return {
      kind: 'traversal',
      raw: build(t, { method: head ? 'HEAD' : 'GET', target: traversal(rng) }),
      expect: 'clientError',
      head,
    };
  }
  if (roll < 0.68) {
    const target = pick(rng, [
      '/%',
      '/%zz',
      '/%e0%a4%a',
      '/%ff%fe',
      '/api/%ff',
      '/api/%zz',
      '/index.html%',
      '/%u002e%u002e/secret.txt',
    ]);
    return { kind: 'percent', raw: build(t, { method: 'GET', target }), expect: 'clientError' };
  }
  if (roll < 0.76) {
    const verb = pick(rng, ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']);
    const target = pick(rng, [api, '/api/events', '/', '/healthz', '/index.html', '/api', '/api/']);
    const wrong = !(verb === 'GET' && !target.startsWith('/api'));
    // GET on the UI and /healthz is right; every other pairing here is a wrong method or a wrong path.
    if (!wrong || (verb === 'GET' && target === '/api/events')) return randomCase(rng, t);
    return {
      kind: `verb:${verb}`,
      raw: build(t, { method: verb, target, body: verb === 'GET' ? undefined : '{}' }),
      expect: 'clientError',
    };
  }
  if (roll < 0.84) return gate(rng, t);
  if (roll < 0.88) {
    const type = pick(rng, [
      null,
      'text/plain',
      'application/jsonx',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
    ]);
    return {
      kind: 'contentType',
      raw: build(t, { target: api, body: '{}', contentType: type }),
      expect: 'clientError',
    };
  }
  if (roll < 0.92) {
    // A recording valid in every other way: its extra fields are kept, stored and sent back.
    const depth = pick(rng, [200, 5000, 100_000]);
    const deep = rng() < 0.5 ? nested(depth, '[', ']') : nested(depth, '{"a":', '}');
    const session = `{"id":"x","applicationIdentifier":"a","environmentIdentifier":"e","configurationProfileIdentifier":"p","startedAt":0,"deep":${deep}}`;
    const body = `{"recording":{"format":"appconfig-inspector-recording","version":1,"events":[],"contents":[],"session":${session}}}`;
    return {
      kind: 'nesting',
      raw: build(t, { target: '/api/importRecording', body }),
      expect: 'clientError',
    };
  }
  if (roll < 0.94) {
    // Declared sizes over the limit are refused before a byte of the body is read.
    const limit = method === 'importRecording' ? 64 * 1024 * 1024 : 1024 * 1024;
    const declared = pick(rng, [String(limit + 1), String(2 ** 40), '99999999999999999999']);
    return {
      kind: 'declaredSize',
      raw: build(t, { target: api, body: '{}', contentLength: declared }),
      expect: 'clientError',
    };
  }
  if (roll < 0.97)
    return {
      kind: 'broken',
      raw: Buffer.from(pick(rng, BROKEN_HTTP(t)), 'latin1'),
      expect: 'clientError',
    };
  // Well-formed requests about things that do not exist: any documented answer, but never a 500.
  const params = pick(rng, [
    {
      m: 'listResources',
      p: {
        kind: 'environments',
        applicationId: pick(
          rng,
          ODD_IDS.filter((s) => s.length <= 128 && s.length > 0),
        ),
      },
    },
    {
      m: 'getContent',
      p: {
        contentHash: Array.from({ length: 64 }, () => pick(rng, [...'0123456789abcdef'])).join(''),
      },
    },
    { m: 'getRawResponse', p: { sessionId: 's-1', seq: int(rng, 2 ** 31) } },
    { m: 'hello', p: { protocolVersion: int(rng, 1_000_000) } },
    { m: 'listSessions', p: {} },
  ]);
  return {
    kind: `wellFormed:${params.m}`,
    raw: build(t, { target: `/api/${params.m}`, body: JSON.stringify(params.p) }),
    expect: 'settles',
  };
}

/** Bodies over the real size limit, sent in full (few: each is over a mebibyte). */
export function oversized(t: Target): FuzzCase[] {
  const big = `{"sessionId":"${'x'.repeat(1024 * 1024 + 10)}"}`;
  return ['getSession', 'hello', 'startSession'].map((m) => ({
    kind: 'oversized',
    raw: build(t, { target: `/api/${m}`, body: big }),
    expect: 'clientError' as const,
  }));
}
