// A small strict XML 1.0 well-formedness check that also returns the element tree, so the JUnit tests can
// both reject malformed output and assert its structure without adding an XML dependency. Covers what the
// renderer can produce: a declaration, elements, quoted attributes, text, the five entities and character
// references; no DTD, comments, CDATA or processing instructions. Imported by src/core/watch*.test.ts only.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities resolved. */
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

function decode(raw: string, at: number): string {
  return raw.replace(/&([^;]*);|&/g, (_all, body: string | undefined) => {
    if (body === undefined) throw new Error(`bare & at ${at}`);
    if (body in ENTITIES) return ENTITIES[body]!;
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(body);
    if (!m) throw new Error(`unknown entity &${body}; at ${at}`);
    const cp = m[1] ? parseInt(m[1], 16) : Number(m[2]);
    const ch = String.fromCodePoint(cp);
    if (!XML_CHAR.test(ch))
      throw new Error(`character reference to a forbidden character at ${at}`);
    return ch;
  });
}

/** Parses `xml` or throws naming the first problem and its offset. */
export function parseXml(xml: string): XmlElement {
  if (!XML_CHAR.test(xml)) throw new Error('document holds a character XML 1.0 forbids');
  let i = 0;
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(xml);
  if (decl) i = decl[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end === -1 ? xml.length : end);
      if (raw.includes('>')) throw new Error(`raw > in text at ${i}`);
      const top = stack.at(-1);
      if (!top) {
        if (raw.trim()) throw new Error(`text outside the root element at ${i}`);
      } else top.text += decode(raw, i);
      i += raw.length;
      continue;
    }
    if (xml[i + 1] === '/') {
      const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(xml.slice(i));
      const top = stack.pop();
      if (!m || !top || m[1] !== top.name) throw new Error(`mismatched end tag at ${i}`);
      i += m[0].length;
      continue;
    }
    const name = NAME.exec(xml.slice(i + 1))?.[0];
    if (!name) throw new Error(`bad tag at ${i}`);
    if (root && stack.length === 0) throw new Error(`second root element at ${i}`);
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    i += 1 + name.length;
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))![0];
      i += ws.length;
      if (xml.startsWith('/>', i) || xml[i] === '>') break;
      if (!ws) throw new Error(`attribute without preceding space at ${i}`);
      const a = /^([A-Za-z_][\w.-]*)="([^"<]*)"/.exec(xml.slice(i));
      if (!a) throw new Error(`bad attribute at ${i}`);
      if (a[1]! in el.attrs) throw new Error(`duplicate attribute ${a[1]} at ${i}`);
      el.attrs[a[1]!] = decode(a[2]!, i);
      i += a[0].length;
    }
    stack.at(-1)?.children.push(el);
    root ??= el;
    if (xml.startsWith('/>', i)) i += 2;
    else {
      i += 1;
      stack.push(el);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.at(-1)!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
