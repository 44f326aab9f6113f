// Validators for inbound requests: the Node side checks every request, because any local process or
// browser tab may reach the server. Each failure names the exact field and what was wrong.
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

const sessionRef = (o: Obj, extra: string[] = []) => {
  noExtraKeys(o, ['sessionId', ...extra], 'params');
  return { sessionId: str(o, 'sessionId', 1, 200)! };
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
    const keys = [
      'applicationIdentifier',
      'environmentIdentifier',
      'configurationProfileIdentifier',
      'requiredMinimumPollIntervalInSeconds',
    ];
    noExtraKeys(o, keys, 'params');
    const interval = int(o, 'requiredMinimumPollIntervalInSeconds', 15, 86_400, true);
    return {
      applicationIdentifier: str(o, 'applicationIdentifier', 1, 128)!,
      environmentIdentifier: str(o, 'environmentIdentifier', 1, 128)!,
      configurationProfileIdentifier: str(o, 'configurationProfileIdentifier', 1, 128)!,
      ...(interval === undefined ? {} : { requiredMinimumPollIntervalInSeconds: interval }),
    };
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
  importRecording: (o) => {
    noExtraKeys(o, ['recording'], 'params');
    if (o.recording === undefined) fail('"recording" is required.');
    return { recording: o.recording };
  },
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
