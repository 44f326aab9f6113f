// Bounded JSON-like text for a value a client sent, for error messages and observation records. It never goes
// deeper than MAX_DEPTH nor much past its character budget, so a hostile body (JSON nested 100,000 deep, or
// 1 MiB of array) can neither overflow the stack, as JSON.stringify would, nor bloat a message or the log.
// Used by the data plane and the control plane's validation; imports nothing.

const MAX_DEPTH = 8;

export function preview(value: unknown, maxChars = 256): string {
  const out: string[] = [];
  let used = 0;
  const put = (text: string) => {
    out.push(text);
    used += text.length;
  };
  const walk = (v: unknown, depth: number): void => {
    if (used > maxChars) return;
    if (typeof v === 'string') put(JSON.stringify(v.length > maxChars ? v.slice(0, maxChars) : v));
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null) put(String(v));
    else if (typeof v !== 'object') put(typeof v);
    else if (depth >= MAX_DEPTH) put(Array.isArray(v) ? '[…]' : '{…}');
    else if (Array.isArray(v)) {
      put('[');
      for (let i = 0; i < v.length && used <= maxChars; i++) {
        if (i > 0) put(',');
        walk(v[i], depth + 1);
      }
      put(']');
    } else {
      put('{');
      let first = true;
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
        if (used > maxChars) break;
        if (!first) put(',');
        first = false;
        put(`${JSON.stringify(k.length > 64 ? k.slice(0, 64) : k)}:`);
        walk(item, depth + 1);
      }
      put('}');
    }
  };
  walk(value, 0);
  const text = out.join('');
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}
