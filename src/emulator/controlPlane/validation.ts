// Input checks shared by the control-plane handlers and the seed loader: each member is held to the
// type, length, pattern and range the AWS model (appconfig 2019-10-09) gives it, and a refusal names
// the member and the rule it broke. Imports only the emulator's own http helpers.
import { AwsError, badRequest } from '../http.js';
import { preview } from '../preview.js';
import type { RequestContext } from '../router.js';

export type Body = Record<string, unknown>;

/** Control-plane resource ids (`Id` shape); the model leaves the regex unanchored but means the whole id. */
export const ID_PATTERN = /^[a-z0-9]{4,7}$/;

/** What a ResourceNotFoundException names in `ResourceName`. */
export type ResourceKind =
  | 'Application'
  | 'Environment'
  | 'ConfigurationProfile'
  | 'HostedConfigurationVersion'
  | 'DeploymentStrategy'
  | 'Deployment';

export const notFound = (kind: ResourceKind, message: string) =>
  new AwsError(404, 'ResourceNotFoundException', message, { ResourceName: kind });

export const conflict = (message: string) => new AwsError(409, 'ConflictException', message);

/** AWS sends quota refusals as 402 (model: ServiceQuotaExceededException httpStatusCode 402). */
export const quotaExceeded = (message: string) =>
  new AwsError(402, 'ServiceQuotaExceededException', message);

const describe = (v: unknown) =>
  Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`;

interface StringRule {
  min?: number;
  max: number;
  pattern?: RegExp;
  /** How the pattern reads in a message, e.g. "[a-z0-9]{4,7}". */
  patternText?: string;
}

export function checkString(name: string, value: unknown, rule: StringRule): string {
  if (typeof value !== 'string')
    throw badRequest(`${name} must be a string, not ${describe(value)}.`);
  const min = rule.min ?? 0;
  if (value.length < min || value.length > rule.max) {
    throw badRequest(
      `${name} must be between ${min} and ${rule.max} characters long; it has ${value.length}.`,
    );
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    throw badRequest(
      `${name} '${value}' must match the pattern ${rule.patternText ?? rule.pattern.source}.`,
    );
  }
  return value;
}

export function requiredString(body: Body, name: string, rule: StringRule): string {
  if (body[name] === undefined || body[name] === null) throw badRequest(`${name} is required.`);
  return checkString(name, body[name], rule);
}

export function optionalString(body: Body, name: string, rule: StringRule): string | undefined {
  const value = body[name];
  return value === undefined || value === null ? undefined : checkString(name, value, rule);
}

export function checkInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw badRequest(`${name} must be an integer, not ${describe(value)} (${preview(value)}).`);
  }
  return inRange(name, value, min, max);
}

function inRange(name: string, value: number, min: number, max: number): number {
  if (value < min || value > max)
    throw badRequest(`${name} must be between ${min} and ${max}; got ${value}.`);
  return value;
}

export function requiredInteger(body: Body, name: string, min: number, max: number): number {
  if (body[name] === undefined || body[name] === null) throw badRequest(`${name} is required.`);
  return checkInteger(name, body[name], min, max);
}

export function optionalInteger(
  body: Body,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[name];
  return value === undefined || value === null ? undefined : checkInteger(name, value, min, max);
}

export function requiredFloat(body: Body, name: string, min: number, max: number): number {
  const value = body[name];
  if (value === undefined || value === null) throw badRequest(`${name} is required.`);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw badRequest(`${name} must be a number, not ${describe(value)}.`);
  }
  return inRange(name, value, min, max);
}

export function optionalEnum<T extends string>(
  body: Body,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw badRequest(`${name} must be one of ${values.join(', ')}; got ${preview(value)}.`);
  }
  return value as T;
}

/** `Tags` (TagMap): accepted and checked, then dropped — the emulator has no tagging API. */
export function checkTags(body: Body): void {
  const tags = body.Tags;
  if (tags === undefined || tags === null) return;
  if (typeof tags !== 'object' || Array.isArray(tags)) {
    throw badRequest(`Tags must be an object, not ${describe(tags)}.`);
  }
  const entries = Object.entries(tags);
  if (entries.length > 50)
    throw badRequest(`Tags may hold at most 50 entries; it has ${entries.length}.`);
  for (const [key, value] of entries) {
    checkString('Tags key', key, { min: 1, max: 128 });
    checkString(`Tags['${key}']`, value, { max: 256 });
  }
}

export function optionalList(body: Body, name: string, max: number): unknown[] | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest(`${name} must be an array, not ${describe(value)}.`);
  if (value.length > max)
    throw badRequest(`${name} may hold at most ${max} items; it has ${value.length}.`);
  return value;
}

export function checkObject(name: string, value: unknown): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(`${name} must be an object, not ${describe(value)}.`);
  }
  return value as Body;
}

/** A path id such as ApplicationId; the router has already URL-decoded it. */
export function pathId(ctx: RequestContext, name: string): string {
  const value = ctx.params[name] ?? '';
  if (!ID_PATTERN.test(value)) {
    throw badRequest(`${name} '${value}' is not a valid id: it must match [a-z0-9]{4,7}.`);
  }
  return value;
}

/** Integer path members (VersionNumber, DeploymentNumber): digits only, as the SDK writes them. */
export function pathInteger(ctx: RequestContext, name: string): number {
  const raw = ctx.params[name] ?? '';
  const value = Number(raw);
  if (!/^\d{1,9}$/.test(raw) || value < 1) {
    throw badRequest(`${name} '${raw}' must be a positive integer.`);
  }
  return value;
}

/** Headers travel as latin1; AWS documents header members as ASCII-only ("Due to HTTP limitations"). */
export function checkHeaderText(name: string, value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) {
    throw badRequest(
      `${name} must contain only printable ASCII characters, because it travels in an HTTP header.`,
    );
  }
  return value;
}
