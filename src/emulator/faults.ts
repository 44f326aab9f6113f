// Fault injection on purpose: the spec grammar, the table of active faults, and the seeded draw that decides
// whether a request is hit. Effects are applied by faultEffects.ts; the runtime API is faultRoutes.ts.
// Imported by the emulator's own files and by the CLI (to validate --fault before anything starts).
import { OPERATION_NAMES } from './operations.js';

/** Answers AWS could have given; adding one is a row here and in the README's fault list. */
const ERRORS: Record<string, { status: number; message: string }> = {
  // Modelled by both appconfigdata and appconfig.
  InternalServerException: {
    status: 500,
    message: 'There was an internal failure in the service.',
  },
  // Modelled by appconfigdata (httpError 429); appconfig models no throttling error, SDKs still retry it.
  ThrottlingException: { status: 429, message: 'Rate exceeded.' },
  // Neither model has a 503; this is the name in AWS's common errors ("temporary failure of the server").
  ServiceUnavailable: {
    status: 503,
    message: 'The request has failed due to a temporary failure.',
  },
  // The identity and signature refusals AWS's front end gives before any service code runs (AWS's common
  // errors), so a client's and the inspector's explanations of each can be tested on purpose. `{operation}`
  // is the refused request's operation: IAM names its action `appconfig:<Operation>`.
  AccessDeniedException: {
    status: 403,
    message:
      'User: arn:aws:iam::000000000000:user/emulator is not authorized to perform: appconfig:{operation} ' +
      'because no identity-based policy allows the appconfig:{operation} action',
  },
  ExpiredTokenException: {
    status: 403,
    message: 'The security token included in the request is expired',
  },
  UnrecognizedClientException: {
    status: 403,
    message: 'The security token included in the request is invalid.',
  },
  // A clock skew: the message AWS gives for a signature dated over five minutes from its own clock.
  InvalidSignatureException: {
    status: 403,
    message: 'Signature expired: {requestTime} is now earlier than {earliestTime} ({now} - 5 min.)',
  },
};
/** A bare status picks the name above. */
const STATUS_NAMES: Record<string, string> = {
  '500': 'InternalServerException',
  '503': 'ServiceUnavailable',
  '429': 'ThrottlingException',
};

export const MAX_DELAY_MS = 60_000;
export const DEFAULT_SLOW_BODY_MS = 1_000;
const MAX_SEED = 0xffff_ffff;

export type FaultEffect =
  | { kind: 'error'; status: number; errorType: string; message: string }
  | { kind: 'latency'; ms: number }
  | { kind: 'reset' }
  | { kind: 'truncate' }
  | { kind: 'slow-body'; ms: number };

export interface FaultSpec {
  /** An AWS operation name, or `*` for all of them (never the `/__emulator/` routes). */
  operation: string;
  effect: FaultEffect;
  /** As written in the spec ("503", "latency=200", "slow-body=1000"): what observations record. */
  effectText: string;
  /** Probability 0..1 that a matching request is hit. */
  rate: number;
  /** Hits allowed before the fault goes quiet; null = unlimited. */
  count: number | null;
  seed: number;
}

/** A fault as the runtime API lists it. */
export interface FaultView {
  id: number;
  /** Canonical spec: defaults spelled out, so it parses back to the same fault. */
  spec: string;
  operation: string;
  effect: string;
  rate: number;
  count: number | null;
  seed: number;
  /** Requests of its operation it was consulted for. */
  matched: number;
  /** Of those, how many it hit. */
  hits: number;
  /** count reached: it stays listed but hits nothing more. */
  exhausted: boolean;
}

/** What an observation record says about the fault that hit its request (`facts.fault`). */
export interface FaultNote {
  id: number;
  /** The effect as written in the spec: "503", "reset", "latency=200", "truncate", "slow-body=1000". */
  effect: string;
  /**
   * The real handler ran (latency, truncate, slow-body): a poll's token was spent and its next token issued,
   * even if the client never read the answer. False for errors and resets, which answer instead of it.
   */
  executed: boolean;
}

/** The fault on a request while it is handled; `receivedAt` keeps an injected delay inside the record. */
export interface InjectedFault extends FaultNote {
  receivedAt: number;
}

export class FaultSpecError extends Error {}

/** Effects that run the real handler first: the token was spent. The others answer instead of it. */
export const isExecuted = (e: FaultEffect) =>
  e.kind === 'latency' || e.kind === 'truncate' || e.kind === 'slow-body';

export const FAULT_GRAMMAR =
  'OPERATION:EFFECT[@RATE][,count=N][,seed=S], e.g. GetLatestConfiguration:503@0.5,count=3,seed=7';

function delayMs(name: string, raw: string): number {
  if (!/^\d{1,6}$/.test(raw) || Number(raw) > MAX_DELAY_MS)
    throw new FaultSpecError(`${name} takes milliseconds from 0 to ${MAX_DELAY_MS}, got "${raw}".`);
  return Number(raw);
}

function parseEffect(text: string): FaultEffect {
  const eq = text.indexOf('=');
  const name = eq < 0 ? text : text.slice(0, eq);
  const value = eq < 0 ? undefined : text.slice(eq + 1);
  const errorType = STATUS_NAMES[name] ?? (Object.hasOwn(ERRORS, name) ? name : undefined);
  if (errorType !== undefined && value === undefined) {
    const { status, message } = ERRORS[errorType]!;
    return { kind: 'error', status, errorType, message };
  }
  if (name === 'latency') {
    if (value === undefined) throw new FaultSpecError('latency needs a delay: latency=MS.');
    return { kind: 'latency', ms: delayMs('latency', value) };
  }
  if (name === 'slow-body')
    return {
      kind: 'slow-body',
      ms: value === undefined ? DEFAULT_SLOW_BODY_MS : delayMs('slow-body', value),
    };
  if ((name === 'reset' || name === 'truncate') && value === undefined) return { kind: name };
  if (value !== undefined && (errorType !== undefined || name === 'reset' || name === 'truncate'))
    throw new FaultSpecError(`effect ${name} takes no value, got "${text}".`);
  throw new FaultSpecError(
    `unknown effect "${text}"; use ${Object.keys(STATUS_NAMES).join(', ')}, ` +
      `${Object.keys(ERRORS).join(', ')}, latency=MS, reset, truncate or slow-body[=MS].`,
  );
}

function parseOperation(name: string): string {
  if (name === '*' || OPERATION_NAMES.includes(name)) return name;
  const near = OPERATION_NAMES.find((o) => o.toLowerCase() === name.toLowerCase());
  throw new FaultSpecError(
    name === ''
      ? `it names no operation; expected ${FAULT_GRAMMAR}.`
      : `"${name}" is not an emulated operation` +
          (near ? ` (did you mean ${near}?)` : '') +
          `; use * or one of ${OPERATION_NAMES.join(', ')}.`,
  );
}

function parseRate(raw: string): number {
  const rate = /^(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$/.test(raw) ? Number(raw) : NaN;
  if (!(rate >= 0 && rate <= 1))
    throw new FaultSpecError(`rate must be a probability from 0 to 1, got "${raw}".`);
  return rate;
}

function parseInteger(name: string, raw: string, min: number, max: number): number {
  const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max))
    throw new FaultSpecError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`);
  return n;
}

/** Parses one spec; a FaultSpecError's message says exactly which part is wrong. */
export function parseFaultSpec(text: string): FaultSpec {
  const spec = text.trim();
  const colon = spec.indexOf(':');
  if (colon < 0) throw new FaultSpecError(`"${spec}" has no ":"; expected ${FAULT_GRAMMAR}.`);
  const operation = parseOperation(spec.slice(0, colon));
  const [head = '', ...options] = spec.slice(colon + 1).split(',');
  const at = head.indexOf('@');
  const effectText = at < 0 ? head : head.slice(0, at);
  const effect = parseEffect(effectText);
  const rate = at < 0 ? 1 : parseRate(head.slice(at + 1));
  let count: number | null = null;
  let seed: number | null = null;
  for (const option of options) {
    const [key, value, extra] = option.split('=');
    if (value === undefined || extra !== undefined)
      throw new FaultSpecError(`option "${option}" is not KEY=VALUE (count=N or seed=S).`);
    if (key === 'count' && count === null) count = parseInteger('count', value, 1, 1e9);
    else if (key === 'seed' && seed === null) seed = parseInteger('seed', value, 0, MAX_SEED);
    else if (key === 'count' || key === 'seed')
      throw new FaultSpecError(`option ${key} is given twice.`);
    else throw new FaultSpecError(`unknown option "${key}"; the options are count=N and seed=S.`);
  }
  const written = effect.kind === 'slow-body' ? `slow-body=${effect.ms}` : effectText;
  return { operation, effect, effectText: written, rate, count, seed: seed ?? 0 };
}

/** mulberry32: tiny, fast, and the same sequence on every platform for a given 32-bit seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface ActiveFault extends FaultSpec {
  id: number;
}

interface Entry {
  fault: ActiveFault;
  random: () => number;
  matched: number;
  hits: number;
}

/** The faults in force, tried in the order they were added; the first that fires wins. */
export class FaultTable {
  private readonly entries: Entry[] = [];
  private nextId = 1;

  get size(): number {
    return this.entries.length;
  }

  add(text: string): FaultView {
    const fault: ActiveFault = { ...parseFaultSpec(text), id: this.nextId++ };
    // One stream per fault: its hits depend only on its own matching requests, not on other faults' traffic.
    const entry: Entry = { fault, random: mulberry32(fault.seed), matched: 0, hits: 0 };
    this.entries.push(entry);
    return view(entry);
  }

  list(): FaultView[] {
    return this.entries.map(view);
  }

  remove(id: number): FaultView | undefined {
    const i = this.entries.findIndex((e) => e.fault.id === id);
    if (i < 0) return undefined;
    return view(this.entries.splice(i, 1)[0]!);
  }

  clear(): number {
    return this.entries.splice(0).length;
  }

  /** The fault hitting this request of `operation`, if any; later faults are not consulted once one fires. */
  draw(operation: string): ActiveFault | undefined {
    for (const entry of this.entries) {
      const { fault } = entry;
      if (fault.operation !== '*' && fault.operation !== operation) continue;
      if (fault.count !== null && entry.hits >= fault.count) continue;
      entry.matched++;
      if (fault.rate < 1 && !(entry.random() < fault.rate)) continue;
      entry.hits++;
      return fault;
    }
    return undefined;
  }
}

function view({ fault, matched, hits }: Entry): FaultView {
  const rate = fault.rate === 1 ? '' : `@${fault.rate}`;
  const count = fault.count === null ? '' : `,count=${fault.count}`;
  return {
    id: fault.id,
    spec: `${fault.operation}:${fault.effectText}${rate}${count},seed=${fault.seed}`,
    operation: fault.operation,
    effect: fault.effectText,
    rate: fault.rate,
    count: fault.count,
    seed: fault.seed,
    matched,
    hits,
    exhausted: fault.count !== null && hits >= fault.count,
  };
}
