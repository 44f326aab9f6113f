// Checks a configuration a person wrote before it becomes a hosted version: JSON and YAML must parse, and a
// feature-flag document must meet AWS's flag schema. Answers with the first problem's line (and column) so an
// editor can mark it; pure (the `yaml` package only), shared by the service and, later, the UI editor.
import { jsonErrorOffset, lineColumn } from './whereInvalid.js';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { checkFeatureFlags, type JsonPath } from './flagSchema.js';

export type AuthoredFormat = 'json' | 'yaml' | 'text';

export interface DocumentProblem {
  /** 1-based. */
  line: number;
  column?: number;
  reason: string;
}

/** Where a JSON.parse failure is: V8 says "(line L column C)" or "at position N". */
function jsonErrorAt(text: string, message: string): DocumentProblem {
  const reason = message.replace(/\s*\(line \d+ column \d+\)/, '');
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]), reason };
  const pos = /position (\d+)/.exec(message);
  // V8's "Unexpected token" names no position: find where the text stops being JSON ourselves.
  const offset = pos ? Number(pos[1]) : jsonErrorOffset(text);
  if (offset === undefined) return { line: text.split('\n').length, reason };
  return { ...lineColumn(text, offset), reason };
}

/** The node at `path`, or the deepest existing ancestor (a missing key is reported at its parent). */
function nodeAt(root: Node | null, path: JsonPath): Node | null {
  let node = root;
  for (const step of path) {
    let next: unknown;
    if (isMap(node))
      next = node.items.find(
        (p) => String((p.key as { value?: unknown })?.value ?? p.key) === String(step),
      )?.value;
    else if (isSeq(node) && typeof step === 'number') next = node.items[step];
    if (!next || typeof next !== 'object' || !('range' in next)) break;
    node = next as Node;
  }
  return node;
}

const pathText = (path: JsonPath) =>
  path.length === 0
    ? 'the document'
    : path
        .map((s) => (typeof s === 'number' ? `[${s}]` : s))
        .join('.')
        .replace(/\.\[/g, '[');

/** The first problem of `text` as `format`, or undefined when it may be uploaded. */
export function checkAuthored(
  text: string,
  format: AuthoredFormat,
  featureFlags: boolean,
): DocumentProblem | undefined {
  if (format === 'text') return undefined;
  let value: unknown;
  if (format === 'json') {
    try {
      value = JSON.parse(text);
    } catch (e) {
      return jsonErrorAt(text, (e as Error).message);
    }
    if (!featureFlags) return undefined;
  }
  // JSON is YAML too, so one parser gives positions for both formats. JSON's own rules decided above whether
  // it is valid (JSON allows duplicate keys, YAML does not), so for JSON the YAML tree only locates.
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: format === 'yaml',
  });
  const error = doc.errors[0];
  if (error && format === 'yaml') {
    const { line, col } = lines.linePos(error.pos[0]);
    return { line, column: col, reason: error.message.split('\n')[0]! };
  }
  if (!featureFlags) return undefined;
  const problem = checkFeatureFlags(format === 'json' ? value : doc.toJS())[0];
  if (!problem) return undefined;
  const node = error ? null : nodeAt(doc.contents, problem.path);
  const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
  return { line, column: col, reason: `${pathText(problem.path)}: ${problem.reason}` };
}
