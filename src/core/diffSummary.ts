// What changed between two configuration versions, as key paths and as feature-flag flips: the one-line summary
// next to the Monaco diff, derived on demand from (history, selection) and never stored.
// Pure core: imports nothing.

export interface DiffSummary {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Path of a change at the top level (the documents differ in type or are different scalars). */
export const ROOT_PATH = '(root)';

/** Keys that read unambiguously after a dot; anything else is quoted in brackets: `a["b.c"]`. */
const PLAIN_KEY = /^[A-Za-z0-9_$-]+$/;

function childPath(parent: string, key: string): string {
  const part = PLAIN_KEY.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (parent === '') return part;
  return part.startsWith('[') ? `${parent}${part}` : `${parent}.${part}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function walk(a: unknown, b: unknown, path: string, out: DiffSummary): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    const shared = Math.min(a.length, b.length);
    for (let i = 0; i < shared; i++) walk(a[i], b[i], `${path}[${i}]`, out);
    for (let i = shared; i < b.length; i++) out.added.push(`${path}[${i}]`);
    for (let i = shared; i < a.length; i++) out.removed.push(`${path}[${i}]`);
    return;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of Object.keys(a)) {
      if (!Object.hasOwn(b, key)) out.removed.push(childPath(path, key));
      else walk(a[key], b[key], childPath(path, key), out);
    }
    for (const key of Object.keys(b)) {
      if (!Object.hasOwn(a, key)) out.added.push(childPath(path, key));
    }
    return;
  }
  // Different containers, a container against a scalar, or two scalars.
  if (!Object.is(a, b)) out.changed.push(path === '' ? ROOT_PATH : path);
}

/**
 * Dotted key paths (`limits.rps`, `hosts[2]`, `a["odd key"]`) of what b added, removed and changed relative to
 * a. An added or removed subtree is reported once, at its root; arrays are compared by index.
 */
export function summarizeDiff(a: unknown, b: unknown): DiffSummary {
  const out: DiffSummary = { added: [], removed: [], changed: [] };
  walk(a, b, '', out);
  return out;
}

export interface FlagChanges {
  turnedOn: string[];
  turnedOff: string[];
  added: string[];
  removed: string[];
  /** Flags enabled in both versions whose attributes changed. */
  attributesChanged: string[];
}

/**
 * The flags of a served (flattened) feature-flag document, `{ flagKey: { enabled, ...attributes } }`.
 * Anything else (not an object, entries without a boolean `enabled`) yields no flags.
 */
function flagsOf(doc: unknown): Map<string, Record<string, unknown>> {
  const flags = new Map<string, Record<string, unknown>>();
  if (!isPlainObject(doc)) return flags;
  for (const [key, flag] of Object.entries(doc)) {
    if (isPlainObject(flag) && typeof flag['enabled'] === 'boolean') flags.set(key, flag);
  }
  return flags;
}

export function isFeatureFlagDocument(doc: unknown): boolean {
  return (
    isPlainObject(doc) &&
    Object.keys(doc).length > 0 &&
    flagsOf(doc).size === Object.keys(doc).length
  );
}

export function featureFlagChanges(a: unknown, b: unknown): FlagChanges {
  const before = flagsOf(a);
  const after = flagsOf(b);
  const changes: FlagChanges = {
    turnedOn: [],
    turnedOff: [],
    added: [],
    removed: [],
    attributesChanged: [],
  };
  for (const [key, old] of before) {
    const next = after.get(key);
    if (!next) changes.removed.push(key);
    else if (!old['enabled'] && next['enabled']) changes.turnedOn.push(key);
    else if (old['enabled'] && !next['enabled']) changes.turnedOff.push(key);
    else if (next['enabled']) {
      // Disabled flags are served without attributes, so only enabled ones can have attribute changes.
      const diff = summarizeDiff(old, next);
      const differs = diff.added.length + diff.removed.length + diff.changed.length > 0;
      if (differs) changes.attributesChanged.push(key);
    }
  }
  for (const key of after.keys()) {
    if (!before.has(key)) changes.added.push(key);
  }
  return changes;
}
