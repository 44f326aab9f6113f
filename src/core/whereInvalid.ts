// Where bytes stop being UTF-8 and where text stops being JSON, so decode.ts can point at the exact spot
// (engines' JSON.parse messages don't all carry a position). Pure core: imports nothing.

/** For a lead byte: continuation bytes that follow, and the range the first of them must fall in. */
function utf8Lead(b: number): [number, number, number] | undefined {
  if (b < 0x80) return [0, 0, 0];
  if (b >= 0xc2 && b <= 0xdf) return [1, 0x80, 0xbf];
  if (b === 0xe0) return [2, 0xa0, 0xbf]; // no overlong forms
  if (b === 0xed) return [2, 0x80, 0x9f]; // no UTF-16 surrogates
  if (b >= 0xe1 && b <= 0xef) return [2, 0x80, 0xbf];
  if (b === 0xf0) return [3, 0x90, 0xbf];
  if (b >= 0xf1 && b <= 0xf3) return [3, 0x80, 0xbf];
  if (b === 0xf4) return [3, 0x80, 0x8f]; // nothing past U+10FFFF
  return undefined;
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629), so a person can find it in the hex dump. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const lead = utf8Lead(bytes[i]!);
    if (!lead) return i;
    const [need, min, max] = lead;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return undefined;
}

/** 1-based line and column of a UTF-16 offset, as editors count them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

const WHITESPACE = /[ \t\n\r]*/y;
const JSON_TOKEN = {
  // eslint-disable-next-line no-control-regex -- JSON strings may not hold raw U+0000–U+001F (RFC 8259 §7).
  string: /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y,
  number: /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y,
  literal: /true|false|null/y,
};

function tokenEnd(pattern: RegExp, text: string, at: number): number | undefined {
  pattern.lastIndex = at;
  return pattern.test(text) ? pattern.lastIndex : undefined;
}

/**
 * UTF-16 offset where JSON text (RFC 8259) stops being valid, or undefined when it is valid. Engines' own
 * messages don't all name a position (V8's "Unexpected token" doesn't), so the inspector finds it itself.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const open: string[] = [];
  let want: 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'next' = 'value';
  let i = 0;
  for (;;) {
    i = tokenEnd(WHITESPACE, text, i)!;
    if (i >= text.length) return want === 'next' && open.length === 0 ? undefined : i;
    const c = text[i]!;
    const top = open.at(-1);
    if (want === 'next') {
      if (c === ',' && top) want = top === '{' ? 'key' : 'value';
      else if ((c === '}' && top === '{') || (c === ']' && top === '[')) open.pop();
      else return i;
      i++;
    } else if (want === 'colon') {
      if (c !== ':') return i;
      want = 'value';
      i++;
    } else if ((c === '}' && want === 'firstKey') || (c === ']' && want === 'firstValue')) {
      open.pop();
      want = 'next';
      i++;
    } else if (want === 'key' || want === 'firstKey') {
      const end = c === '"' ? tokenEnd(JSON_TOKEN.string, text, i) : undefined;
      if (end === undefined) return i;
      want = 'colon';
      i = end;
    } else if (c === '{' || c === '[') {
      open.push(c);
      want = c === '{' ? 'firstKey' : 'firstValue';
      i++;
    } else {
      const kind = c === '"' ? 'string' : /[tfn]/.test(c) ? 'literal' : 'number';
      const end = tokenEnd(JSON_TOKEN[kind], text, i);
      if (end === undefined) return i;
      want = 'next';
      i = end;
    }
  }
}
