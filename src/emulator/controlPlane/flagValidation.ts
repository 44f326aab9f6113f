// Validation of authored AWS.AppConfig.FeatureFlags documents at CreateHostedConfigurationVersion time
// (docs/protocol.md §5.1): the documented JSON schema, plus the checks AWS adds on top ("validates that each
// feature flag attribute in your data satisfies the constraints you defined"). Every problem is reported, not
// just the first, as an InvalidConfigurationDetail (model: BadRequestException.Details.InvalidConfiguration).
import { preview } from '../preview.js';

/** One entry of BadRequestException.Details.InvalidConfiguration. */
export interface InvalidConfigurationDetail {
  /** JSON path of the offending value, e.g. `$.values.dark-mode.color`. */
  Location: string;
  Reason: string;
  /** `Schema` for a shape problem, `Constraint` for a value breaking a flag attribute's constraints. */
  Type: 'Schema' | 'Constraint';
  Constraint?: string;
}

type Json = Record<string, unknown>;

const KEY = /^[a-z][a-zA-Z\d_-]{0,63}$/;
const KEY_TEXT = '^[a-z][a-zA-Z\\d_-]{0,63}$';
const NAME = /^[^\n]{1,64}$/;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
const at = (path: string, key: string) =>
  /^[A-Za-z_][\w-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

class Checker {
  readonly problems: InvalidConfigurationDetail[] = [];

  fail(
    Location: string,
    Reason: string,
    Type: 'Schema' | 'Constraint' = 'Schema',
    Constraint?: string,
  ) {
    this.problems.push({
      Location,
      Reason,
      Type,
      ...(Constraint === undefined ? {} : { Constraint }),
    });
  }

  /** An object whose keys are all in `allowed`; false (with a problem) when it is not an object. */
  object(path: string, value: unknown, allowed: readonly string[], what: string): value is Json {
    if (!isObject(value)) {
      this.fail(path, `${what} must be an object, not ${kind(value)}.`);
      return false;
    }
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      this.fail(at(path, key), `Unknown key '${key}' in ${what}; allowed: ${allowed.join(', ')}.`);
    }
    return true;
  }

  key(path: string, key: string, what: string): boolean {
    if (KEY.test(key)) return true;
    this.fail(path, `${what} '${key}' must match ${KEY_TEXT}.`, 'Schema', KEY_TEXT);
    return false;
  }

  string(path: string, value: unknown, max: number, what: string): void {
    if (typeof value !== 'string') this.fail(path, `${what} must be a string, not ${kind(value)}.`);
    else if (value.length > max) {
      this.fail(path, `${what} must be at most ${max} characters; it has ${value.length}.`);
    }
  }
}

const CONSTRAINT_KEYS: Record<string, readonly string[]> = {
  number: ['type', 'required', 'minimum', 'maximum'],
  string: ['type', 'required', 'pattern', 'enum'],
  array: ['type', 'required', 'elements'],
  boolean: ['type', 'required'],
};

function checkPattern(c: Checker, path: string, pattern: unknown): void {
  c.string(path, pattern, 1024, 'pattern');
  if (typeof pattern !== 'string') return;
  try {
    new RegExp(pattern);
  } catch (e) {
    c.fail(path, `pattern is not a valid regular expression: ${(e as Error).message}.`);
  }
}

function checkEnum(c: Checker, path: string, list: unknown): void {
  if (!Array.isArray(list) || list.length > 100) {
    return c.fail(path, 'enum must be an array of at most 100 entries.');
  }
  list.forEach((e, i) => {
    if ((typeof e === 'string' && e.length <= 1024) || Number.isInteger(e)) return;
    c.fail(`${path}[${i}]`, 'enum entries must be strings (≤1024 characters) or integers.');
  });
}

function checkConstraints(
  c: Checker,
  path: string,
  value: unknown,
  types: readonly string[],
): void {
  if (!isObject(value)) return c.fail(path, `constraints must be an object, not ${kind(value)}.`);
  const type = value.type;
  if (typeof type !== 'string' || !types.includes(type)) {
    const got = preview(type);
    return c.fail(
      at(path, 'type'),
      `constraints.type must be one of ${types.join(', ')}; got ${got}.`,
    );
  }
  c.object(path, value, CONSTRAINT_KEYS[type]!, `${type} constraints`);
  if (value.required !== undefined && typeof value.required !== 'boolean') {
    c.fail(at(path, 'required'), 'required must be a boolean.');
  }
  for (const bound of ['minimum', 'maximum'] as const) {
    if (value[bound] !== undefined && !Number.isInteger(value[bound])) {
      c.fail(at(path, bound), `${bound} must be an integer.`);
    }
  }
  if (value.pattern !== undefined) checkPattern(c, at(path, 'pattern'), value.pattern);
  if (value.enum !== undefined) {
    if (value.pattern !== undefined)
      c.fail(path, 'String constraints may have a pattern or an enum, not both.');
    checkEnum(c, at(path, 'enum'), value.enum);
  }
  if (value.elements !== undefined) {
    checkConstraints(c, at(path, 'elements'), value.elements, ['number', 'string']);
  }
}

/** Does `value` satisfy number/string/array/boolean constraints `cons` (already schema-checked)? */
function satisfies(c: Checker, path: string, value: unknown, cons: Json): void {
  // Problems found here are `Constraint` problems: the value is well-formed but breaks the flag's own rules.
  const fail = (reason: string, constraint: string) =>
    c.fail(path, reason, 'Constraint', constraint);
  const { minimum, maximum, pattern } = cons;
  switch (cons.type) {
    case 'number':
      if (typeof value !== 'number')
        return fail(`Value must be a number, not ${kind(value)}.`, 'type: number');
      if (typeof minimum === 'number' && value < minimum) {
        fail(`Value ${value} is below the minimum ${minimum}.`, `minimum: ${minimum}`);
      }
      if (typeof maximum === 'number' && value > maximum) {
        fail(`Value ${value} is above the maximum ${maximum}.`, `maximum: ${maximum}`);
      }
      return;
    case 'string':
      if (typeof value !== 'string')
        return fail(`Value must be a string, not ${kind(value)}.`, 'type: string');
      if (typeof pattern === 'string' && !new RegExp(pattern).test(value)) {
        fail(`Value '${value}' does not match the pattern ${pattern}.`, `pattern: ${pattern}`);
      }
      if (Array.isArray(cons.enum) && !cons.enum.includes(value)) {
        const allowed = cons.enum.map(String).join(', ');
        fail(`Value '${value}' is not one of ${allowed}.`, `enum: ${JSON.stringify(cons.enum)}`);
      }
      return;
    case 'array':
      if (!Array.isArray(value))
        return fail(`Value must be an array, not ${kind(value)}.`, 'type: array');
      if (isObject(cons.elements)) {
        const elements = cons.elements;
        value.forEach((e, i) => satisfies(c, `${path}[${i}]`, e, elements));
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean')
        fail(`Value must be a boolean, not ${kind(value)}.`, 'type: boolean');
  }
}

/** attributeValue in the schema: string ≤1024, number, boolean, or an array of only strings or only numbers. */
function checkAttributeValue(c: Checker, path: string, value: unknown): void {
  if (typeof value === 'string') {
    if (value.length > 1024) c.fail(path, 'String values must be at most 1024 characters.');
  } else if (Array.isArray(value)) {
    const strings = value.every((v) => typeof v === 'string' && v.length <= 1024);
    if (!strings && !value.every((v) => typeof v === 'number')) {
      c.fail(path, 'Array values must hold only strings (≤1024 characters) or only numbers.');
    }
  } else if (typeof value !== 'number' && typeof value !== 'boolean') {
    c.fail(
      path,
      `Attribute values must be a string, number, boolean or array, not ${kind(value)}.`,
    );
  }
}

const FLAG_KEYS = ['name', 'description', '_createdAt', '_updatedAt', '_deprecation', 'attributes'];

function checkFlag(c: Checker, path: string, def: unknown): void {
  if (!c.object(path, def, FLAG_KEYS, 'a flag definition')) return;
  if (def.name !== undefined && (typeof def.name !== 'string' || !NAME.test(def.name))) {
    const reason = 'name must be a string of 1–64 characters without newlines.';
    c.fail(at(path, 'name'), reason, 'Schema', '^[^\\n]{1,64}$');
  }
  if (def.description !== undefined)
    c.string(at(path, 'description'), def.description, 1024, 'description');
  for (const k of ['_createdAt', '_updatedAt'])
    if (def[k] !== undefined) c.string(at(path, k), def[k], Infinity, k);
  const depPath = at(path, '_deprecation');
  const dep = def._deprecation;
  if (dep !== undefined && c.object(depPath, dep, ['status', 'date'], '_deprecation')) {
    if (dep.status !== undefined && dep.status !== 'planned') {
      c.fail(at(depPath, 'status'), "status must be 'planned'.");
    }
    if (
      dep.date !== undefined &&
      (typeof dep.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(dep.date))
    ) {
      c.fail(at(depPath, 'date'), 'date must be a YYYY-MM-DD string.');
    }
  }
  const attrs = def.attributes;
  if (attrs === undefined) return;
  const attrsPath = at(path, 'attributes');
  if (!isObject(attrs))
    return c.fail(attrsPath, `attributes must be an object, not ${kind(attrs)}.`);
  const keys = Object.keys(attrs);
  if (keys.length > 25)
    c.fail(attrsPath, `A flag may define at most 25 attributes; it has ${keys.length}.`);
  for (const key of keys) {
    const p = at(attrsPath, key);
    const attr = attrs[key];
    if (!c.key(p, key, 'Attribute key')) continue;
    if (!c.object(p, attr, ['description', 'constraints'], 'an attribute definition')) continue;
    if (attr.description !== undefined)
      c.string(at(p, 'description'), attr.description, 1024, 'description');
    if (attr.constraints !== undefined) {
      checkConstraints(c, at(p, 'constraints'), attr.constraints, [
        'number',
        'string',
        'array',
        'boolean',
      ]);
    }
  }
}

function checkVariants(c: Checker, path: string, variants: unknown): void {
  if (!Array.isArray(variants) || variants.length > 32) {
    return c.fail(path, '_variants must be an array of at most 32 variants.');
  }
  variants.forEach((variant, i) => {
    const p = `${path}[${i}]`;
    if (!c.object(p, variant, ['enabled', 'name', 'rule', 'attributeValues'], 'a variant')) return;
    if (typeof variant.enabled !== 'boolean')
      c.fail(at(p, 'enabled'), 'A variant needs a boolean enabled.');
    if (typeof variant.name !== 'string' || !NAME.test(variant.name)) {
      c.fail(at(p, 'name'), 'A variant needs a name of 1–64 characters without newlines.');
    }
    if (variant.rule !== undefined) c.string(at(p, 'rule'), variant.rule, 16384, 'rule');
  });
}

/** A `values` entry: `enabled`, bookkeeping `_` keys, variants, and values for the flag's defined attributes. */
function checkValue(c: Checker, path: string, value: unknown, def: Json): void {
  if (!isObject(value)) return c.fail(path, `A flag value must be an object, not ${kind(value)}.`);
  const attrs = isObject(def.attributes) ? def.attributes : {};
  for (const [key, v] of Object.entries(value)) {
    const p = at(path, key);
    if (key === 'enabled') {
      if (typeof v !== 'boolean') c.fail(p, `enabled must be a boolean, not ${kind(v)}.`);
    } else if (key === '_createdAt' || key === '_updatedAt') c.string(p, v, Infinity, key);
    else if (key === '_variants') checkVariants(c, p, v);
    else if (!c.key(p, key, 'Attribute key')) continue;
    else if (!isObject(attrs[key]))
      c.fail(p, `Attribute '${key}' is not defined in the flag's attributes.`);
    else {
      checkAttributeValue(c, p, v);
      const cons = attrs[key].constraints;
      if (isObject(cons)) satisfies(c, p, v, cons);
    }
  }
  if (value.enabled !== true) return;
  for (const [key, attr] of Object.entries(attrs)) {
    // "required" binds when the flag is on: attributes are only served for enabled flags
    // (docs/protocol.md §5.1).
    if (
      isObject(attr) &&
      isObject(attr.constraints) &&
      attr.constraints.required === true &&
      !(key in value)
    ) {
      const reason = `Attribute '${key}' is required when the flag is enabled.`;
      c.fail(at(path, key), reason, 'Constraint', 'required: true');
    }
  }
}

function parse(c: Checker, content: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(content));
  } catch (e) {
    c.fail('$', `Content is not valid UTF-8 JSON: ${(e as Error).message}`);
    return undefined;
  }
}

/** Every problem with an authored feature-flag document; an empty list means it is valid. */
export function validateFlagDocument(content: Buffer): InvalidConfigurationDetail[] {
  const c = new Checker();
  const doc = parse(c, content);
  if (
    c.problems.length > 0 ||
    !c.object('$', doc, ['version', 'flags', 'values'], 'the feature flag document')
  ) {
    return c.problems;
  }
  if (doc.version !== '1') {
    const got = doc.version === undefined ? 'nothing' : preview(doc.version);
    c.fail('$.version', `version is required and must be the string "1"; got ${got}.`);
  }
  // The current schema requires only `version` (an older published copy also required `flags`).
  const flags = doc.flags === undefined ? {} : doc.flags;
  if (!isObject(flags)) c.fail('$.flags', `flags must be an object, not ${kind(flags)}.`);
  else {
    for (const [key, def] of Object.entries(flags)) {
      if (c.key(at('$.flags', key), key, 'Flag key')) checkFlag(c, at('$.flags', key), def);
    }
  }
  if (doc.values === undefined) return c.problems;
  if (!isObject(doc.values)) {
    c.fail('$.values', `values must be an object, not ${kind(doc.values)}.`);
    return c.problems;
  }
  for (const [key, value] of Object.entries(doc.values)) {
    const p = at('$.values', key);
    if (!c.key(p, key, 'Flag key')) continue;
    const def = isObject(flags) ? flags[key] : undefined;
    if (isObject(def)) checkValue(c, p, value, def);
    else c.fail(p, `values has an entry for '${key}', but no flag '${key}' is defined in flags.`);
  }
  return c.problems;
}
