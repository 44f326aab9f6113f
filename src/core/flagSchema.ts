// AWS.AppConfig.FeatureFlags documents (schema version "1"), checked before upload so the editor can point at
// the line instead of showing AWS's BadRequest after the round trip. Written from AWS's published JSON schema
// plus the attribute-constraint checks AWS applies on top; pure, so the UI editor can run it as you type.

/** Where in the document a problem is: object keys and array indexes from the root. */
export type JsonPath = (string | number)[];

export interface FlagProblem {
  path: JsonPath;
  reason: string;
}

type Json = Record<string, unknown>;

const KEY = /^[a-z][a-zA-Z\d_-]{0,63}$/;
const NAME = /^[^\n]{1,64}$/;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const kindOf = (v: unknown) => (Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v);

const CONSTRAINT_KEYS: Record<string, readonly string[]> = {
  string: ['type', 'required', 'pattern', 'enum'],
  number: ['type', 'required', 'minimum', 'maximum'],
  boolean: ['type', 'required'],
  array: ['type', 'required', 'elements'],
};

class Problems {
  readonly list: FlagProblem[] = [];
  add(path: JsonPath, reason: string): void {
    this.list.push({ path, reason });
  }
  keys(path: JsonPath, o: Json, allowed: readonly string[], what: string): void {
    for (const k of Object.keys(o))
      if (!allowed.includes(k))
        this.add(
          [...path, k],
          `"${k}" is not allowed in ${what} (allowed: ${allowed.join(', ')}).`,
        );
  }
  text(path: JsonPath, v: unknown, max: number, what: string): void {
    if (typeof v !== 'string') this.add(path, `${what} must be a string, not ${kindOf(v)}.`);
    else if (v.length > max)
      this.add(path, `${what} must be at most ${max} characters (has ${v.length}).`);
  }
}

function checkConstraints(p: Problems, path: JsonPath, c: unknown, types: string[]): void {
  if (!isObject(c)) return p.add(path, `constraints must be an object, not ${kindOf(c)}.`);
  if (typeof c.type !== 'string' || !types.includes(c.type))
    return p.add([...path, 'type'], `constraints.type must be one of ${types.join(', ')}.`);
  p.keys(path, c, CONSTRAINT_KEYS[c.type]!, `${c.type} constraints`);
  if (c.required !== undefined && typeof c.required !== 'boolean')
    p.add([...path, 'required'], 'required must be true or false.');
  for (const bound of ['minimum', 'maximum'])
    if (c[bound] !== undefined && !Number.isInteger(c[bound]))
      p.add([...path, bound], `${bound} must be an integer.`);
  if (c.pattern !== undefined && c.enum !== undefined)
    p.add(path, 'string constraints take a pattern or an enum, not both.');
  if (c.pattern !== undefined) {
    p.text([...path, 'pattern'], c.pattern, 1024, 'pattern');
    if (typeof c.pattern === 'string') {
      try {
        new RegExp(c.pattern);
      } catch (e) {
        p.add(
          [...path, 'pattern'],
          `pattern is not a valid regular expression (${(e as Error).message}).`,
        );
      }
    }
  }
  if (c.enum !== undefined) {
    const ok =
      Array.isArray(c.enum) &&
      c.enum.length <= 100 &&
      c.enum.every((e) => (typeof e === 'string' && e.length <= 1024) || Number.isInteger(e));
    if (!ok) p.add([...path, 'enum'], 'enum must be an array of at most 100 strings or integers.');
  }
  if (c.elements !== undefined)
    checkConstraints(p, [...path, 'elements'], c.elements, ['string', 'number']);
}

function checkFlag(p: Problems, path: JsonPath, def: unknown): void {
  if (!isObject(def))
    return p.add(path, `a flag definition must be an object, not ${kindOf(def)}.`);
  const allowed = ['name', 'description', '_createdAt', '_updatedAt', '_deprecation', 'attributes'];
  p.keys(path, def, allowed, 'a flag definition');
  if (def.name !== undefined && (typeof def.name !== 'string' || !NAME.test(def.name)))
    p.add([...path, 'name'], 'name must be 1–64 characters without a line break.');
  if (def.description !== undefined)
    p.text([...path, 'description'], def.description, 1024, 'description');
  const dep = def._deprecation;
  if (dep !== undefined) {
    if (!isObject(dep)) p.add([...path, '_deprecation'], '_deprecation must be an object.');
    else {
      p.keys([...path, '_deprecation'], dep, ['status', 'date'], '_deprecation');
      if (dep.status !== undefined && dep.status !== 'planned')
        p.add([...path, '_deprecation', 'status'], 'status must be "planned".');
    }
  }
  const attrs = def.attributes;
  if (attrs === undefined) return;
  if (!isObject(attrs)) return p.add([...path, 'attributes'], 'attributes must be an object.');
  if (Object.keys(attrs).length > 25)
    p.add([...path, 'attributes'], 'a flag may define at most 25 attributes.');
  for (const [key, attr] of Object.entries(attrs)) {
    const at = [...path, 'attributes', key];
    if (!KEY.test(key)) {
      p.add(at, `attribute key "${key}" must match ^[a-z][a-zA-Z\\d_-]{0,63}$.`);
      continue;
    }
    if (!isObject(attr)) {
      p.add(at, 'an attribute definition must be an object.');
      continue;
    }
    p.keys(at, attr, ['description', 'constraints'], 'an attribute definition');
    if (attr.description !== undefined)
      p.text([...at, 'description'], attr.description, 1024, 'description');
    if (attr.constraints !== undefined)
      checkConstraints(p, [...at, 'constraints'], attr.constraints, Object.keys(CONSTRAINT_KEYS));
  }
}

/** Whether an attribute value meets its (already checked) constraints. */
function checkValue(p: Problems, path: JsonPath, v: unknown, c: Json): void {
  switch (c.type) {
    case 'number':
      if (typeof v !== 'number') return p.add(path, `must be a number, not ${kindOf(v)}.`);
      if (typeof c.minimum === 'number' && v < c.minimum)
        p.add(path, `${v} is below the minimum ${c.minimum}.`);
      if (typeof c.maximum === 'number' && v > c.maximum)
        p.add(path, `${v} is above the maximum ${c.maximum}.`);
      return;
    case 'string':
      if (typeof v !== 'string') return p.add(path, `must be a string, not ${kindOf(v)}.`);
      if (typeof c.pattern === 'string' && !new RegExp(c.pattern).test(v))
        p.add(path, `"${v}" does not match the pattern ${c.pattern}.`);
      if (Array.isArray(c.enum) && !c.enum.includes(v))
        p.add(path, `"${v}" is not one of ${c.enum.join(', ')}.`);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') p.add(path, `must be true or false, not ${kindOf(v)}.`);
      return;
    case 'array':
      if (!Array.isArray(v)) return p.add(path, `must be an array, not ${kindOf(v)}.`);
      if (isObject(c.elements)) {
        const elements = c.elements;
        v.forEach((e, i) => checkValue(p, [...path, i], e, elements));
      }
  }
}

function checkValues(p: Problems, path: JsonPath, value: unknown, def: Json): void {
  if (!isObject(value)) return p.add(path, `a flag value must be an object, not ${kindOf(value)}.`);
  const attrs = isObject(def.attributes) ? def.attributes : {};
  for (const [key, v] of Object.entries(value)) {
    const at = [...path, key];
    if (key === 'enabled') {
      if (typeof v !== 'boolean') p.add(at, `enabled must be true or false, not ${kindOf(v)}.`);
    } else if (key === '_createdAt' || key === '_updatedAt' || key === '_variants') {
      // Bookkeeping and multi-variant rules are AWS's own to check; they carry no attribute value.
    } else if (!isObject(attrs[key])) {
      p.add(at, `attribute "${key}" is not defined in the flag's attributes.`);
    } else if (isObject(attrs[key].constraints)) {
      checkValue(p, at, v, attrs[key].constraints);
    }
  }
  if (value.enabled !== true) return;
  for (const [key, attr] of Object.entries(attrs))
    if (
      isObject(attr) &&
      isObject(attr.constraints) &&
      attr.constraints.required === true &&
      !(key in value)
    )
      p.add([...path, key], `attribute "${key}" is required when the flag is enabled.`);
}

/** Every schema problem of a parsed feature-flag document; empty when AWS would accept it. */
export function checkFeatureFlags(doc: unknown): FlagProblem[] {
  const p = new Problems();
  if (!isObject(doc)) {
    p.add([], `a feature-flag document must be an object, not ${kindOf(doc)}.`);
    return p.list;
  }
  p.keys([], doc, ['version', 'flags', 'values'], 'a feature-flag document');
  if (doc.version !== '1')
    p.add(doc.version === undefined ? [] : ['version'], 'version must be the string "1".');
  const flags = doc.flags === undefined ? {} : doc.flags;
  if (!isObject(flags)) p.add(['flags'], `flags must be an object, not ${kindOf(flags)}.`);
  else
    for (const [key, def] of Object.entries(flags)) {
      if (KEY.test(key)) checkFlag(p, ['flags', key], def);
      else p.add(['flags', key], `flag key "${key}" must match ^[a-z][a-zA-Z\\d_-]{0,63}$.`);
    }
  const values = doc.values;
  if (values === undefined) return p.list;
  if (!isObject(values)) {
    p.add(['values'], `values must be an object, not ${kindOf(values)}.`);
    return p.list;
  }
  for (const [key, value] of Object.entries(values)) {
    const def = isObject(flags) ? flags[key] : undefined;
    if (!isObject(def))
      p.add(['values', key], `"${key}" has a value but no definition under flags.`);
    else checkValues(p, ['values', key], value, def);
  }
  return p.list;
}
