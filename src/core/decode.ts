// Turns configuration bytes into something people can read and diff: parsed JSON/YAML, text, or a hex dump,
// plus the normalised text the diff editor shows. Used by the service (change detection) and the UI (Monaco).
// Pure core: imports only core files and the pure `yaml` package.
import { parseDocument, stringify } from 'yaml';
import { hexDump } from './hexDump.js';
import { firstInvalidUtf8, jsonErrorOffset, lineColumn } from './whereInvalid.js';

export type DecodedKind = 'json' | 'yaml' | 'text' | 'binary';

export interface DecodedConfiguration {
  kind: DecodedKind;
  /** The raw text (UTF-8), or the hex dump for binary content. */
  text: string;
  /** The parsed document, for json and yaml. */
  value?: unknown;
  /** Why the declared format could not be used (invalid JSON/YAML, not UTF-8), with where. */
  error?: string;
  size: number;
  /** Over LARGE_CONTENT_BYTES: views show a part of it and say so. */
  large?: true;
}

/** Past this, text views truncate and the diff editor drops syntax colouring (AWS's own cap is 2 MB hosted). */
export const LARGE_CONTENT_BYTES = 1024 * 1024;

export interface DecodeOptions {
  /** Bytes listed in a binary hex dump (default 64 KiB). */
  hexDumpLimit?: number;
}

type Declared = 'json' | 'yaml' | 'text' | 'unknown';

const YAML_TYPES = new Set(['application/x-yaml', 'application/yaml', 'text/yaml', 'text/x-yaml']);
const TEXT_TYPES = new Set([
  'application/xml',
  'application/toml',
  'application/javascript',
  'application/ion',
]);

/** Media type → declared format. Parameters (charset, type=...) are ignored except the feature-flag marker. */
export function declaredFormat(contentType: string | undefined): Declared {
  if (!contentType) return 'unknown';
  const lower = contentType.toLowerCase();
  const base = (lower.split(';')[0] ?? '').trim();
  // Multi-variant flag sets reach the agent as Amazon Ion text, which is not JSON (docs/protocol.md §4.3).
  if (base === 'application/ion') return 'text';
  if (base === 'application/json' || base === 'text/json' || base.endsWith('+json')) return 'json';
  if (lower.includes('aws.appconfig.featureflags')) return 'json';
  if (YAML_TYPES.has(base) || base.endsWith('+yaml')) return 'yaml';
  if (base.startsWith('text/') || TEXT_TYPES.has(base) || base.endsWith('+xml')) return 'text';
  return 'unknown';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** "Invalid JSON at line L, column C: <the engine's words without its own position>". */
function jsonError(text: string, error: unknown): string {
  // V8: "… in JSON at position 9 (line 1 column 10)"; Firefox: "JSON.parse: … at line 1 column 10 of the JSON data".
  const what = message(error)
    .replace(/^JSON\.parse: /, '')
    .replace(/\s*(in JSON )?at position \d+( \(line \d+ column \d+\))?/, '')
    .replace(/\s*at line \d+ column \d+ of the JSON data/, '');
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return `Invalid JSON: ${what}`;
  const { line, column } = lineColumn(text, offset);
  return `Invalid JSON at line ${line}, column ${column}: ${what}`;
}

/** Control characters other than tab, newline, form feed and carriage return mark undeclared bytes as binary. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const allowed = code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
    if ((code < 0x20 && !allowed) || code === 0x7f) return true;
  }
  return false;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function asJson(text: string, size: number): DecodedConfiguration {
  try {
    return { kind: 'json', text, value: JSON.parse(text), size };
  } catch (error) {
    return { kind: 'text', text, error: jsonError(text, error), size };
  }
}

function asYaml(text: string, size: number): DecodedConfiguration {
  try {
    const doc = parseDocument(text);
    const [first] = doc.errors;
    if (first) return { kind: 'text', text, error: `Invalid YAML: ${first.message}`, size };
    return { kind: 'yaml', text, value: doc.toJS(), size };
  } catch (error) {
    // toJS throws on alias bombs (more aliases than yaml's maxAliasCount).
    return { kind: 'text', text, error: `Invalid YAML: ${message(error)}`, size };
  }
}

export function decodeConfiguration(
  bytes: Uint8Array,
  contentType?: string,
  options: DecodeOptions = {},
): DecodedConfiguration {
  const decoded = decodeBytes(bytes, contentType, options);
  if (decoded.size > LARGE_CONTENT_BYTES) decoded.large = true;
  return decoded;
}

function decodeBytes(
  bytes: Uint8Array,
  contentType: string | undefined,
  options: DecodeOptions,
): DecodedConfiguration {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('configuration must be a Uint8Array');
  const size = bytes.length;
  const declared = declaredFormat(contentType);
  const text = decodeUtf8(bytes);
  if (text === undefined || (declared === 'unknown' && hasControlCharacters(text))) {
    const binary: DecodedConfiguration = {
      kind: 'binary',
      text: hexDump(bytes, options.hexDumpLimit),
      size,
    };
    if (declared !== 'unknown') {
      const offset = firstInvalidUtf8(bytes);
      binary.error = `Declared ${contentType ?? ''} but the bytes are not valid UTF-8${offset === undefined ? '' : ` (first bad byte at offset ${offset})`}`;
    }
    return binary;
  }
  if (declared === 'json') return asJson(text, size);
  if (declared === 'yaml') return asYaml(text, size);
  if (declared === 'text') return { kind: 'text', text, size };
  // Undeclared or opaque type: JSON is recognised when it parses, without complaining when it does not.
  if (/^\s*[[{]/.test(text)) {
    const sniffed = asJson(text, size);
    if (sniffed.kind === 'json') return sniffed;
  }
  return { kind: 'text', text, size };
}

/** Recursively sorted copy. fromEntries keeps a "__proto__" key as data instead of setting the prototype. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)]));
}

/**
 * The text for the diff editor. Off: the raw text, so the diff shows exactly what was served. On: JSON
 * re-printed with 2-space indent and sorted keys, YAML re-dumped with sorted keys, text with LF line endings,
 * so formatting-only changes disappear. (Integer-like keys come first in numeric order: JS objects order them so.)
 */
export function normalise(decoded: DecodedConfiguration, on: boolean): string {
  if (!on) return decoded.text;
  switch (decoded.kind) {
    case 'json':
      return `${JSON.stringify(sortKeys(decoded.value), null, 2)}\n`;
    case 'yaml':
      return stringify(sortKeys(decoded.value), { sortMapEntries: true });
    case 'text':
      return decoded.text.replace(/\r\n?/g, '\n');
    case 'binary':
      return decoded.text;
  }
}
