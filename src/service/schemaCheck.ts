// A small declarative schema for JSON read from untrusted files (recordings), and the one checker that walks
// it: every failure names the field path and what it must be. Imported by recordingSchema.ts and its tests.

export type Schema =
  | { kind: 'string'; minLength: number; maxLength: number; pattern?: RegExp; patternName?: string }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'number'; min: number; max: number }
  | { kind: 'boolean' }
  | { kind: 'literal'; value: string | number }
  | { kind: 'object'; fields: Readonly<Record<string, Field>> }
  /** An object whose `tag` field picks which fields it has (a TypeScript discriminated union). */
  | {
      kind: 'tagged';
      tag: string;
      variants: Readonly<Record<string, Readonly<Record<string, Field>>>>;
    }
  | { kind: 'array'; items: Schema; maxItems: number }
  /** Free JSON (AWS error details): bounded depth and size, no prototype keys. */
  | { kind: 'json'; maxDepth: number; maxLength: number };

export interface Field {
  schema: Schema;
  optional?: boolean;
}

/** For each key of T: a Field, marked optional exactly when the key is optional in T. */
export type FieldsOf<T> = {
  [K in keyof T]-?: object extends Pick<T, K>
    ? { schema: Schema; optional: true }
    : { schema: Schema; optional?: false };
};

/** Keys that change an object's prototype when copied by assignment; never accepted anywhere. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

export class SchemaError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path || 'the file'} ${problem}`);
    this.name = 'SchemaError';
  }
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** What a value must be, as the end of "<path> must be …". */
export function expectation(schema: Schema): string {
  switch (schema.kind) {
    case 'string': {
      const length =
        schema.minLength === 0
          ? `a string of at most ${plural(schema.maxLength, 'character')}`
          : schema.minLength === 1
            ? `a non-empty string of at most ${plural(schema.maxLength, 'character')}`
            : `a string of ${schema.minLength}–${schema.maxLength} characters`;
      // A named pattern implies its length (a SHA-256, a fingerprint).
      return schema.patternName ?? length;
    }
    case 'enum':
      return `one of ${schema.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'integer':
      return schema.min === 0 && schema.max === Number.MAX_SAFE_INTEGER
        ? 'a non-negative integer'
        : `an integer from ${schema.min} to ${schema.max}`;
    case 'number':
      return `a finite number from ${schema.min} to ${schema.max}`;
    case 'boolean':
      return 'true or false';
    case 'literal':
      return JSON.stringify(schema.value);
    case 'object':
    case 'tagged':
      return 'an object';
    case 'array':
      return `an array of at most ${plural(schema.maxItems, 'item')}`;
    case 'json':
      return `JSON nested at most ${schema.maxDepth} deep and at most ${schema.maxLength} characters long`;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `events[3]` + `outcome` → `events[3].outcome`; the root's path is empty. */
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

const must = (path: string, schema: Schema): never => {
  throw new SchemaError(path, `must be ${expectation(schema)}`);
};

/** Throws SchemaError at the first value that breaks `schema`; unknown keys are errors (see the caller). */
export function check(schema: Schema, value: unknown, path: string): void {
  switch (schema.kind) {
    case 'string':
      if (
        typeof value !== 'string' ||
        value.length < schema.minLength ||
        value.length > schema.maxLength ||
        (schema.pattern !== undefined && !schema.pattern.test(value))
      )
        must(path, schema);
      return;
    case 'enum':
      if (typeof value !== 'string' || !schema.values.includes(value)) must(path, schema);
      return;
    case 'integer':
      if (
        !Number.isSafeInteger(value) ||
        (value as number) < schema.min ||
        (value as number) > schema.max
      )
        must(path, schema);
      return;
    case 'number':
      if (
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        value < schema.min ||
        value > schema.max
      )
        must(path, schema);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') must(path, schema);
      return;
    case 'literal':
      if (value !== schema.value) must(path, schema);
      return;
    case 'object':
      if (!isRecord(value)) return must(path, schema);
      return checkFields(schema.fields, value, path);
    case 'tagged': {
      if (!isRecord(value)) return must(path, schema);
      const tags = Object.keys(schema.variants);
      const tag = value[schema.tag];
      if (typeof tag !== 'string' || !Object.hasOwn(schema.variants, tag))
        must(join(path, schema.tag), { kind: 'enum', values: tags });
      const fields = schema.variants[tag as string]!;
      return checkFields(
        { ...fields, [schema.tag]: { schema: { kind: 'literal', value: tag as string } } },
        value,
        path,
      );
    }
    case 'array':
      if (!Array.isArray(value) || value.length > schema.maxItems) return must(path, schema);
      value.forEach((item, i) => check(schema.items, item, `${path}[${i}]`));
      return;
    case 'json':
      checkJson(schema, value, path);
      return;
  }
}

function checkFields(
  fields: Readonly<Record<string, Field>>,
  value: Record<string, unknown>,
  path: string,
): void {
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new SchemaError(join(path, key), 'is a forbidden key');
    // Closed field sets: a file with a field we don't know was written by something we don't understand.
    if (!Object.hasOwn(fields, key)) throw new SchemaError(join(path, key), 'is not a known field');
  }
  for (const [key, field] of Object.entries(fields)) {
    const child = join(path, key);
    if (!Object.hasOwn(value, key)) {
      if (field.optional) continue;
      throw new SchemaError(child, `is missing; it must be ${expectation(field.schema)}`);
    }
    check(field.schema, value[key], child);
  }
}

function checkJson(schema: Schema & { kind: 'json' }, value: unknown, path: string): void {
  const walk = (v: unknown, at: string, depth: number): void => {
    if (depth > schema.maxDepth) must(path, schema);
    if (typeof v === 'number' && !Number.isFinite(v)) must(at, schema);
    if (typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) return v.forEach((item, i) => walk(item, `${at}[${i}]`, depth + 1));
    for (const [key, item] of Object.entries(v)) {
      if (FORBIDDEN_KEYS.has(key)) throw new SchemaError(join(at, key), 'is a forbidden key');
      walk(item, join(at, key), depth + 1);
    }
  };
  walk(value, path, 0);
  if (value === undefined || JSON.stringify(value).length > schema.maxLength) must(path, schema);
}
