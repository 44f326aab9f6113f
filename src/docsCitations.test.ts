// The repository holds its own references: every comment that cites a document names one in this tree, by
// path and section (`docs/protocol.md §1.6`, `docs/toolchain.md pitfall 14`, `ARCHITECTURE.md, "Heading"`),
// and the section exists there as a heading. Also refused: the older forms that point outside the tree (a
// section of "the spec" or "the protocol" with no file, a pitfall number without its document, the API
// shorthands, the shared folder, "house style", a section sign with no document).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = relative(ROOT, fileURLToPath(import.meta.url));

/** Folders whose files may cite documents; generated and installed trees inside them are skipped. */
const SCANNED_DIRS = ['src', 'bench', 'e2e', 'scripts', 'vscode-extension', '.ci', 'bin'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'media', 'test-results', '.cache']);
const SCANNED_FILE = /\.(ts|tsx|js|mjs|cjs|css|html|sh|json|md)$|^run$/;
const ROOT_FILE = /\.(ts|js|mjs|json|md)$/;

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(path, out);
    } else if (SCANNED_FILE.test(entry.name)) out.push(path);
  }
}

function scannedFiles(): string[] {
  const files: string[] = [];
  for (const dir of SCANNED_DIRS) if (existsSync(join(ROOT, dir))) walk(dir, files);
  for (const entry of readdirSync(ROOT, { withFileTypes: true })) {
    if (entry.isFile() && ROOT_FILE.test(entry.name) && entry.name !== 'package-lock.json')
      files.push(entry.name);
  }
  return files.map((f) => f.split(sep).join('/')).filter((f) => f !== SELF);
}

interface Citation {
  /** Repository-relative path of the cited document. */
  document: string;
  /** Section numbers (`1.6`, `3.3`), pitfall numbers, or heading texts the citation names. */
  sections: string[];
  kind: 'section' | 'pitfall' | 'heading' | 'document';
}

interface Problem {
  file: string;
  line: number;
  problem: string;
  text: string;
}

// `docs/x.md §1.3, §2, §3.3–3.4` / `docs/x.md §1–2` / `docs/x.md pitfall 14` / `docs/x.md pitfalls 8 and 14`.
const DOC_PATH = /\bdocs\/[\w./-]+\.md\b/g;
const SECTION_LIST =
  /^,?\s*(§\s*\d+(?:\.\d+)*(?:\s*[–-]\s*\d+(?:\.\d+)*)?(?:\s*(?:,|and|or)\s*§\s*\d+(?:\.\d+)*(?:\s*[–-]\s*\d+(?:\.\d+)*)?)*)/;
const PITFALL_LIST = /^,?\s+pitfalls?\s+(\d+(?:\s*(?:,|and|or)\s*\d+)*)/i;
// `ARCHITECTURE.md, "One protocol, two transports"`.
const ROOT_DOC_HEADING = /\b(ARCHITECTURE\.md|README\.md),\s*"([^"]+)"/g;
// A standard cited by number keeps its own sections: `RFC 9110 §7.6.1`.
const RFC_SECTION = /\bRFC\s+\d+\s+§\s*\d+(?:\.\d+)*/g;

/** Old or outside citation forms, checked after every valid citation has been taken out of the line. */
const OUTSIDE_FORMS: readonly [RegExp, string][] = [
  [
    /\b(?:spec|protocol)\s+§/i,
    'cites "spec §"/"protocol §": name docs/protocol.md and its section',
  ],
  [
    /appconfig-protocol/i,
    'cites appconfig-protocol.md, which is not in the repository: use docs/protocol.md',
  ],
  [/\.\.\/shared\b/, 'points at ../shared, outside the repository'],
  [
    /\bAPI-(?:GLC|SCS)\b/,
    'cites API-GLC/API-SCS: use the AWS API reference URL or docs/protocol.md §1.2/§1.3',
  ],
  [
    /\bhouse[- ]style\b/i,
    'cites the house style, which is not in the repository: cite ARCHITECTURE.md or drop it',
  ],
  [/\bpitfalls?\s+\d/i, 'cites a pitfall without its document: docs/toolchain.md pitfall N'],
  [
    /(?<![\w/])(?:toolchain|protocol|anomaly-rules)\.md\b/,
    'names a document without its path: docs/<name>.md',
  ],
  [/§/, 'a § with no document: name it, e.g. docs/protocol.md §2'],
];

/** The citations one line makes, and what is left of the line once they are taken out. */
function citationsIn(line: string): { citations: Citation[]; rest: string } {
  const citations: Citation[] = [];
  let rest = line.replace(RFC_SECTION, ' ');
  rest = rest.replace(ROOT_DOC_HEADING, (_m, document: string, heading: string) => {
    citations.push({ document, sections: [heading], kind: 'heading' });
    return ' ';
  });
  let out = '';
  let last = 0;
  for (const match of rest.matchAll(DOC_PATH)) {
    const start = match.index;
    const document = match[0];
    const after = rest.slice(start + document.length);
    let consumed = 0;
    const sections = SECTION_LIST.exec(after);
    const pitfalls = sections ? null : PITFALL_LIST.exec(after);
    if (sections) {
      consumed = sections[0].length;
      const parts = sections[1]!.split('§').slice(1);
      const numbers = parts.flatMap((p) =>
        p
          .replace(/\s*(?:,|and|or)\s*$/, '')
          .split(/[–-]/)
          .map((n) => n.trim()),
      );
      citations.push({ document, sections: numbers, kind: 'section' });
    } else if (pitfalls) {
      consumed = pitfalls[0].length;
      citations.push({ document, sections: pitfalls[1]!.split(/\D+/), kind: 'pitfall' });
    } else {
      citations.push({ document, sections: [], kind: 'document' });
    }
    out += rest.slice(last, start) + ' ';
    last = start + document.length + consumed;
  }
  out += rest.slice(last);
  return { citations, rest: out };
}

const headingCache = new Map<string, string[]>();
function headingsOf(document: string): string[] {
  let headings = headingCache.get(document);
  if (!headings) {
    headings = readFileSync(join(ROOT, document), 'utf8')
      .split('\n')
      .filter((l) => /^#{1,6}\s/.test(l))
      .map((l) => l.replace(/^#{1,6}\s+/, '').trim());
    headingCache.set(document, headings);
  }
  return headings;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What is wrong with one citation, or undefined when the document and every named section exist. */
function checkCitation(citation: Citation): string | undefined {
  if (!existsSync(join(ROOT, citation.document)))
    return `cites ${citation.document}, which does not exist`;
  const headings = headingsOf(citation.document);
  for (const section of citation.sections) {
    const wanted =
      citation.kind === 'section'
        ? new RegExp(`^${escape(section)}\\.?(\\s|$)`)
        : citation.kind === 'pitfall'
          ? new RegExp(`^Pitfall ${escape(section)}\\b`)
          : new RegExp(`^${escape(section)}$`);
    if (!headings.some((h) => wanted.test(h))) {
      const name =
        citation.kind === 'section'
          ? `§${section}`
          : citation.kind === 'pitfall'
            ? `pitfall ${section}`
            : `"${section}"`;
      return `cites ${citation.document} ${name}, which is not a heading there`;
    }
  }
  return undefined;
}

function problemsIn(file: string, text: string): Problem[] {
  const problems: Problem[] = [];
  // The documents themselves refer to their own sections with a bare §; only their links are checked.
  const isDoc = file.startsWith('docs/');
  text.split('\n').forEach((line, i) => {
    const { citations, rest } = citationsIn(line);
    for (const citation of citations) {
      const problem = checkCitation(citation);
      if (problem) problems.push({ file, line: i + 1, problem, text: line.trim() });
    }
    if (isDoc) return;
    const outside = OUTSIDE_FORMS.find(([form]) => form.test(rest));
    if (outside) problems.push({ file, line: i + 1, problem: outside[1], text: line.trim() });
  });
  return problems;
}

/** Relative links between the documents under docs/: `[protocol.md](protocol.md)`. */
function docLinkProblems(): Problem[] {
  const problems: Problem[] = [];
  for (const name of readdirSync(join(ROOT, 'docs')).filter((n) => n.endsWith('.md'))) {
    const file = `docs/${name}`;
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const [, target] of line.matchAll(/\]\(([\w.-]+\.md)(?:#[\w-]+)?\)/g)) {
          if (!existsSync(join(ROOT, 'docs', target!)))
            problems.push({
              file,
              line: i + 1,
              problem: `links to ${target}, missing`,
              text: line,
            });
        }
      });
  }
  return problems;
}

const format = (problems: Problem[]) =>
  problems.map((p) => `${p.file}:${p.line}: ${p.problem}\n    ${p.text}`).join('\n');

describe('the citation scanner', () => {
  it('reads section lists, ranges and pitfalls', () => {
    expect(citationsIn('x (docs/protocol.md §1.3, §2, §3.3–3.4, §8).').citations).toEqual([
      { document: 'docs/protocol.md', sections: ['1.3', '2', '3.3', '3.4', '8'], kind: 'section' },
    ]);
    expect(citationsIn('wire format (docs/protocol.md §1–2).').citations[0]?.sections).toEqual([
      '1',
      '2',
    ]);
    expect(citationsIn('inlined, docs/toolchain.md pitfall 14); x').citations).toEqual([
      { document: 'docs/toolchain.md', sections: ['14'], kind: 'pitfall' },
    ]);
    expect(citationsIn('(ARCHITECTURE.md, "One protocol, two transports")').citations).toEqual([
      { document: 'ARCHITECTURE.md', sections: ['One protocol, two transports'], kind: 'heading' },
    ]);
  });

  it('accepts the real documents and refuses missing sections and files', () => {
    expect(
      problemsIn('a.ts', '// see docs/protocol.md §1.6 and docs/toolchain.md pitfall 13'),
    ).toEqual([]);
    expect(
      problemsIn('a.ts', '// (docs/protocol.md §11.2) (ARCHITECTURE.md, "Where state lives")'),
    ).toEqual([]);
    expect(problemsIn('a.ts', '// docs/protocol.md §99.1').map((p) => p.problem)).toEqual([
      'cites docs/protocol.md §99.1, which is not a heading there',
    ]);
    expect(problemsIn('a.ts', '// docs/toolchain.md pitfall 999').map((p) => p.problem)).toEqual([
      'cites docs/toolchain.md pitfall 999, which is not a heading there',
    ]);
    expect(problemsIn('a.ts', '// docs/nowhere.md §1').map((p) => p.problem)).toEqual([
      'cites docs/nowhere.md, which does not exist',
    ]);
  });

  it('refuses the forms that point outside the repository, and leaves RFC sections alone', () => {
    // Spelled in pieces (\u00a7 is the section sign) so that no search for stray citations finds these.
    for (const line of [
      '// retries (spec \u00a71.7).',
      '// Ion (protocol \u00a74.3).',
      '// (tool' + 'chain pit' + 'fall 12)',
      '// workers (tool' + 'chain.md pit' + 'fall 14)',
      '// default (API-' + 'GLC).',
      '// see ../' + 'shared/docs',
      '// limits (appconfig-' + 'protocol.md \u00a71.5)',
      '// verbs (house' + ' style).',
      '// bodies (\u00a72).',
    ])
      expect(problemsIn('a.ts', line), line).toHaveLength(1);
    expect(problemsIn('a.ts', '// connection fields (RFC 9110 §7.6.1).')).toEqual([]);
  });
});

describe('documents cited in the repository', () => {
  it('exist, with every cited section, and no citation points outside the tree', () => {
    const problems = scannedFiles().flatMap((file) =>
      problemsIn(file, readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(format(problems)).toBe('');
  });

  it('link only to each other files that exist', () => {
    expect(format(docLinkProblems())).toBe('');
  });
});
