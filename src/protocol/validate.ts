// Validators for inbound requests: the Node side checks every request, because any local process or
// browser tab may reach the server. Each failure names the exact field and what was wrong.
import { MAX_FLEET_SIZE } from './fleetTypes.js';
import { ProtocolError, type Method, type Params } from './messages.js';

type Obj = Record<string, unknown>;

const fail = (message: string): never => {
  throw new ProtocolError('invalidParams', message);
};

function object(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(`${what} must be a JSON object.`);
  return value as Obj;
}

function noExtraKeys(o: Obj, allowed: string[], what: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key))
      fail(`${what}: unknown field "${key}" (allowed: ${allowed.join(', ') || 'none'}).`);
  }
}

function str(o: Obj, key: string, min: number, max: number, optional = false): string | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string') return fail(`"${key}" must be a string.`);
  if (v.length < min || v.length > max)
    fail(`"${key}" must be ${min}–${max} characters long (got ${v.length}).`);
  return v;
}

function int(o: Obj, key: string, min: number, max: number, optional = false): number | undefined {
  const v = o[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v))
    return fail(`"${key}" must be a whole number.`);
  if (v < min || v > max) fail(`"${key}" must be between ${min} and ${max} (got ${v}).`);
  return v;
}

function oneOf<T extends string>(o: Obj, key: string, allowed: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !allowed.includes(v as T))
    fail(`"${key}" must be one of ${allowed.join(', ')}.`);
  return v as T;
}

function num(o: Obj, key: string, min: number, max: number): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) return fail(`"${key}" must be a number.`);
  if (v < min || v > max) fail(`"${key}" must be between ${min} and ${max} (got ${v}).`);
  return v;
}

/** AWS resource ids are 4–7 lowercase letters and digits; names are also accepted where AWS accepts them. */
function id(o: Obj, key: string): string {
  const v = str(o, key, 1, 128)!;
  if (!/^[a-zA-Z0-9._-]+$/.test(v))
    fail(`"${key}" must be an AppConfig id or name (letters, digits, . _ -).`);
  return v;
}

/** Copies optional string fields only when present, so results never carry `undefined` members. */
function optional(o: Obj, key: string, max: number): Record<string, string> {
  const v = str(o, key, 0, max, true);
  return v === undefined ? {} : { [key]: v };
}

const profileRef = (o: Obj) => ({
  applicationId: id(o, 'applicationId'),
  configurationProfileId: id(o, 'configurationProfileId'),
});
const environmentRef = (o: Obj) => ({
  applicationId: id(o, 'applicationId'),
  environmentId: id(o, 'environmentId'),
});
const deploymentRef = (o: Obj) => {
  noExtraKeys(o, ['applicationId', 'environmentId', 'deploymentNumber'], 'params');
  return {
    ...environmentRef(o),
    deploymentNumber: int(o, 'deploymentNumber', 1, 2_147_483_647)!,
  };
};

/** A hosted version's content may be at most 2 MB (AWS's limit; the text is checked as UTF-8 bytes later). */
const MAX_CONTENT_CHARS = 2 * 1024 * 1024;

const sessionRef = (o: Obj, extra: string[] = []) => {
  noExtraKeys(o, ['sessionId', ...extra], 'params');
  return { sessionId: str(o, 'sessionId', 1, 200)! };
};

const fleetRef = (o: Obj) => {
  noExtraKeys(o, ['fleetId'], 'params');
  return { fleetId: str(o, 'fleetId', 1, 200)! };
};

const SESSION_KEYS = [
  'applicationIdentifier',
  'environmentIdentifier',
  'configurationProfileIdentifier',
  'requiredMinimumPollIntervalInSeconds',
];

/** What startSession and startFleet share: the StartConfigurationSession parameters. */
const sessionParams = (o: Obj) => {
  const interval = int(o, 'requiredMinimumPollIntervalInSeconds', 15, 86_400, true);
  return {
    applicationIdentifier: str(o, 'applicationIdentifier', 1, 128)!,
    environmentIdentifier: str(o, 'environmentIdentifier', 1, 128)!,
    configurationProfileIdentifier: str(o, 'configurationProfileIdentifier', 1, 128)!,
    ...(interval === undefined ? {} : { requiredMinimumPollIntervalInSeconds: interval }),
  };
};

/** AWS's own limits (identifiers 1–128, interval 15–86400), so the form errors match what AWS would say. */
const validators: { [M in Method]: (o: Obj) => Params<M> } = {
  hello: (o) => {
    noExtraKeys(o, ['protocolVersion'], 'params');
    return { protocolVersion: int(o, 'protocolVersion', 0, 1_000_000)! };
  },
  listSessions: (o) => {
    noExtraKeys(o, [], 'params');
    return {};
  },
  getSession: (o) => sessionRef(o),
  startSession: (o) => {
    noExtraKeys(o, SESSION_KEYS, 'params');
    return sessionParams(o);
  },
  pauseSession: (o) => sessionRef(o),
  resumeSession: (o) => sessionRef(o),
  stopSession: (o) => sessionRef(o),
  deleteSession: (o) => sessionRef(o),
  pollNow: (o) => sessionRef(o),
  replayToken: (o) => {
    const ref = sessionRef(o, ['seq']);
    const seq = int(o, 'seq', 0, Number.MAX_SAFE_INTEGER, true);
    return seq === undefined ? ref : { ...ref, seq };
  },
  getContent: (o) => {
    noExtraKeys(o, ['contentHash'], 'params');
    const contentHash = str(o, 'contentHash', 64, 64)!;
    if (!/^[0-9a-f]{64}$/.test(contentHash))
      fail('"contentHash" must be 64 lowercase hex characters (SHA-256).');
    return { contentHash };
  },
  getRawResponse: (o) => ({
    ...sessionRef(o, ['seq']),
    seq: int(o, 'seq', 0, Number.MAX_SAFE_INTEGER)!,
  }),
  listResources: (o) => {
    const kind = o.kind;
    if (kind === 'applications') {
      noExtraKeys(o, ['kind'], 'params');
      return { kind };
    }
    if (kind === 'environments' || kind === 'configurationProfiles') {
      noExtraKeys(o, ['kind', 'applicationId'], 'params');
      return { kind, applicationId: str(o, 'applicationId', 1, 128)! };
    }
    return fail('"kind" must be one of applications, environments, configurationProfiles.');
  },
  exportSession: (o) => sessionRef(o),
  exportHar: (o) => {
    const ref = sessionRef(o, ['redactTokens']);
    if (typeof o.redactTokens !== 'boolean') fail('"redactTokens" must be true or false.');
    return { ...ref, redactTokens: o.redactTokens === true };
  },
  importRecording: (o) => {
    noExtraKeys(o, ['recording'], 'params');
    if (o.recording === undefined) fail('"recording" is required.');
    return { recording: o.recording };
  },
  listHostedVersions: (o) => {
    noExtraKeys(o, ['applicationId', 'configurationProfileId'], 'params');
    return profileRef(o);
  },
  getHostedVersion: (o) => {
    noExtraKeys(o, ['applicationId', 'configurationProfileId', 'versionNumber'], 'params');
    return { ...profileRef(o), versionNumber: int(o, 'versionNumber', 1, 2_147_483_647)! };
  },
  createHostedVersion: (o) => {
    const keys = [
      'applicationId',
      'configurationProfileId',
      'content',
      'format',
      'versionLabel',
      'description',
    ];
    noExtraKeys(o, keys, 'params');
    const label = str(o, 'versionLabel', 1, 64, true);
    // AWS: a label may not be all digits, so it can never be mistaken for a version number.
    if (label !== undefined && /^\d+$/.test(label))
      fail('"versionLabel" must contain a character other than a digit.');
    return {
      ...profileRef(o),
      content: str(o, 'content', 1, MAX_CONTENT_CHARS)!,
      format: oneOf(o, 'format', ['json', 'yaml', 'text'] as const),
      ...(label === undefined ? {} : { versionLabel: label }),
      ...optional(o, 'description', 1024),
    };
  },
  listDeploymentStrategies: (o) => {
    noExtraKeys(o, [], 'params');
    return {};
  },
  createDeploymentStrategy: (o) => {
    const keys = [
      'name',
      'description',
      'growthType',
      'growthFactor',
      'deploymentDurationInMinutes',
      'finalBakeTimeInMinutes',
      'replicateTo',
    ];
    noExtraKeys(o, keys, 'params');
    return {
      name: str(o, 'name', 1, 64)!,
      ...optional(o, 'description', 1024),
      growthType: oneOf(o, 'growthType', ['LINEAR', 'EXPONENTIAL'] as const),
      growthFactor: num(o, 'growthFactor', 1, 100),
      deploymentDurationInMinutes: int(o, 'deploymentDurationInMinutes', 0, 1440)!,
      finalBakeTimeInMinutes: int(o, 'finalBakeTimeInMinutes', 0, 1440)!,
      replicateTo: oneOf(o, 'replicateTo', ['NONE', 'SSM_DOCUMENT'] as const),
    };
  },
  startDeployment: (o) => {
    const keys = [
      'applicationId',
      'environmentId',
      'configurationProfileId',
      'versionNumber',
      'deploymentStrategyId',
      'description',
    ];
    noExtraKeys(o, keys, 'params');
    return {
      ...environmentRef(o),
      configurationProfileId: id(o, 'configurationProfileId'),
      versionNumber: int(o, 'versionNumber', 1, 2_147_483_647)!,
      deploymentStrategyId: id(o, 'deploymentStrategyId'),
      ...optional(o, 'description', 1024),
    };
  },
  listDeployments: (o) => {
    noExtraKeys(o, ['applicationId', 'environmentId'], 'params');
    return environmentRef(o);
  },
  getDeployment: (o) => deploymentRef(o),
  stopDeployment: (o) => deploymentRef(o),
  revertDeployment: (o) => deploymentRef(o),
  startFleet: (o) => {
    noExtraKeys(o, [...SESSION_KEYS, 'size', 'jitterSeconds'], 'params');
    const size = int(o, 'size', 1, MAX_FLEET_SIZE)!;
    // Seconds, fractions allowed: real clients' jitter is rarely a whole number.
    const jitter = o.jitterSeconds === undefined ? undefined : num(o, 'jitterSeconds', 0, 300);
    return {
      ...sessionParams(o),
      size,
      ...(jitter === undefined ? {} : { jitterSeconds: jitter }),
    };
  },
  listFleets: (o) => {
    noExtraKeys(o, [], 'params');
    return {};
  },
  listAwsProfiles: (o) => {
    noExtraKeys(o, [], 'params');
    return {};
  },
  switchBackend: (o) => {
    noExtraKeys(o, ['profile', 'region'], 'params');
    // Profile names are free text in the shared files, but never contain brackets or line breaks.
    const profile = str(o, 'profile', 0, 128, true);
    if (profile !== undefined && /[[\]\r\n]/.test(profile))
      fail('"profile" must not contain brackets or line breaks.');
    const region = str(o, 'region', 1, 64, true);
    if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
      fail(`"region" must look like an AWS region such as eu-west-1 (got "${region}").`);
    return {
      ...(profile !== undefined ? { profile } : {}),
      ...(region !== undefined ? { region } : {}),
    };
  },
  getFleet: (o) => fleetRef(o),
  stopFleet: (o) => fleetRef(o),
  deleteFleet: (o) => fleetRef(o),
};

/**
 * Params nested deeper than this are refused: nothing in the protocol goes past a dozen levels, and a deeper
 * value would overflow the stack of whatever recurses over it later (JSON.stringify of a stored recording).
 */
export const MAX_PARAMS_DEPTH = 64;

/** Iterative, so the check itself cannot overflow on the values it exists to refuse. */
function withinDepth(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const [v, depth] = item;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return false;
    for (const child of Array.isArray(v) ? v : Object.values(v)) pending.push([child, depth + 1]);
  }
  return true;
}

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(validators, name);
}

/** Checks method and params; throws ProtocolError('unknownMethod' | 'invalidParams') with a precise message. */
export function validateRequest<M extends Method>(
  method: string,
  params: unknown,
): { method: M; params: Params<M> } {
  if (!isMethod(method)) throw new ProtocolError('unknownMethod', `Unknown method "${method}".`);
  if (!withinDepth(params, MAX_PARAMS_DEPTH))
    fail(`params nest deeper than ${MAX_PARAMS_DEPTH} levels.`);
  const value = validators[method](object(params ?? {}, 'params'));
  return { method: method as M, params: value as Params<M> };
}
