// Test cases derived from a schema (schemaCheck.ts): walking a schema alongside a valid value, one case per
// bad value of every field (present, or optional and absent), per missing required field, per unknown or
// __proto__ key, with the message the checker must give. Used by recordingSchema.test.ts.
import { expectation, type Schema } from '../schemaCheck.js';

type Key = string | number;
export interface Case {
  name: string;
  /** Changes a fresh copy of the valid recording in place. */
  mutate: (r: Record<string, unknown>) => void;
  message: string;
}

const render = (keys: Key[]) =>
  keys.reduce<string>(
    (path, k) => (typeof k === 'number' ? `${path}[${k}]` : path ? `${path}.${k}` : k),
    '',
  );

function nodeAt(root: Record<string, unknown>, keys: Key[]): Record<Key, unknown> {
  let node: unknown = root;
  for (const k of keys) node = (node as Record<Key, unknown>)[k];
  return node as Record<Key, unknown>;
}
const parentOf = (root: Record<string, unknown>, keys: Key[]) => nodeAt(root, keys.slice(0, -1));

const setAt = (keys: Key[], value: unknown) => (r: Record<string, unknown>) => {
  parentOf(r, keys)[keys.at(-1)!] = value;
};

/** Values that `schema` must refuse, each with what it is. */
function badValues(schema: Schema): [string, unknown][] {
  switch (schema.kind) {
    case 'string':
      return [
        ['a number', 42],
        ['null', null],
        ...(schema.minLength > 0 ? [['empty', ''] as [string, unknown]] : []),
        ...(schema.maxLength < 1e6
          ? [['too long', 'a'.repeat(schema.maxLength + 1)] as [string, unknown]]
          : []),
        ...(schema.pattern
          ? [['off-pattern', 'G'.repeat(schema.minLength)] as [string, unknown]]
          : []),
      ];
    case 'enum':
      return [
        ['not a member', 'bogus'],
        ['a number', 1],
      ];
    case 'integer':
    case 'number':
      return [
        ['a string', '1'],
        ['below the minimum', schema.min - 1],
        ...(schema.max < Number.MAX_SAFE_INTEGER
          ? [['above the maximum', schema.max + 1] as [string, unknown]]
          : []),
        ...(schema.kind === 'integer'
          ? [['a fraction', schema.min + 0.5] as [string, unknown]]
          : []),
        ['infinite', Infinity],
        ['NaN', NaN],
      ];
    case 'boolean':
      return [['a string', 'true']];
    case 'literal':
      return [['another value', typeof schema.value === 'string' ? 'other' : schema.value + 1]];
    case 'object':
    case 'tagged':
      return [
        ['an array', []],
        ['a string', 'x'],
        ['null', null],
      ];
    case 'array':
      return [
        ['an object', {}],
        ['a string', 'x'],
      ];
    case 'json':
      return [
        ['too deep', JSON.parse('['.repeat(schema.maxDepth + 2) + ']'.repeat(schema.maxDepth + 2))],
        ['too long', 'a'.repeat(schema.maxLength)],
        ['infinite', Infinity],
      ];
  }
}

/** One case per bad value of every field present in `value` (and every optional one absent from it). */
export function casesFor(schema: Schema, value: unknown, keys: Key[], out: Case[]): void {
  const path = render(keys);
  // The version is read before the schema it selects, and the root is not a field; both are checked below.
  if (path !== 'version' && keys.length > 0) {
    for (const [what, bad] of badValues(schema)) {
      out.push({
        name: `${path || 'the recording'} ${what}`,
        mutate: setAt(keys, bad),
        message: `${path} must be ${expectation(schema)}`,
      });
    }
  }
  if (schema.kind === 'json' || value === undefined) return;
  if (schema.kind === 'array') {
    (value as unknown[]).forEach((item, i) => casesFor(schema.items, item, [...keys, i], out));
    return;
  }
  if (schema.kind !== 'object' && schema.kind !== 'tagged') return;
  const record = value as Record<string, unknown>;
  const fields =
    schema.kind === 'object' ? schema.fields : schema.variants[record[schema.tag] as string]!;
  if (schema.kind === 'tagged') {
    out.push({
      name: `${path}.${schema.tag} unknown`,
      mutate: setAt([...keys, schema.tag], 'bogus'),
      message: `${render([...keys, schema.tag])} must be one of ${Object.keys(schema.variants)
        .map((t) => `"${t}"`)
        .join(', ')}`,
    });
  }
  out.push({
    name: `${path || 'the file'} with an unknown field`,
    mutate: setAt([...keys, 'extra'], 1),
    message: `${render([...keys, 'extra'])} is not a known field`,
  });
  out.push({
    name: `${path || 'the file'} with a __proto__ key`,
    mutate: (r) => {
      // An own property named __proto__, as JSON.parse makes it (an object literal would set the prototype).
      Object.defineProperty(nodeAt(r, keys), '__proto__', { value: {}, enumerable: true });
    },
    message: `${render([...keys, '__proto__'])} is a forbidden key`,
  });
  for (const [key, field] of Object.entries(fields)) {
    const child = [...keys, key];
    if (key in record && !field.optional) {
      out.push({
        name: `${render(child)} missing`,
        mutate: (r) => void delete parentOf(r, child)[key],
        message: `${render(child)} is missing; it must be ${expectation(field.schema)}`,
      });
    }
    casesFor(field.schema, record[key], child, out);
  }
}
