// What a file's opening comment claims, for headers.test.ts: the boundary files, the claims a header makes
// about who imports the file and what it imports, names resolved to files, and each claim checked against
// the import graph. Test-only (a test<Name> file); imported by headers.test.ts only.
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import {
  ROOT,
  ALL,
  isTest,
  type Area,
  areaOf,
  resolveImport,
  specifiersOf,
  importersOf,
} from './testImportGraph.js';

// --- headers ------------------------------------------------------------------------------------------------

export const BOUNDARY = ALL.filter((file) => {
  if (/\.test\.tsx?$/.test(file) || file.includes('/test/')) return false;
  if (file.startsWith('src/ui/')) return true;
  const dir = posix.dirname(file);
  return (
    ['src/core', 'src/protocol', 'src/server', 'src/service', 'src/emulator', 'src/cli'].includes(
      dir,
    ) || dir === 'vscode-extension/src'
  );
});

/** The opening comment's text, lines joined, or undefined when the file does not open with one. */
function headerOf(file: string): string | undefined {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const header: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('//') || line.startsWith('///')) break;
    header.push(line.replace(/^\/\/ ?/, ''));
  }
  return header.length ? header.join(' ') : undefined;
}

/** Phrases that name importers; "must not be imported by" is a warning, not a claim, and is skipped. */
const CLAIM =
  /\b(imported|re-exported|used|called|built|installed|rendered|run)((?: (?:in-process|for real|only))?) (by|across|throughout) /gi;

const withoutAsides = (text: string) => text.replace(/\s*\([^()]*\)/g, '').trim();

/** Splits "a, b (c, d) and e / the f" at the separators outside parentheses. */
function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(') depth++;
    if (c === ')') depth--;
    const rest = text.slice(i);
    const separator = depth === 0 && /^(,\s*|\s+and\s+|\s+or\s+|\/(?=the ))/.exec(rest);
    if (separator) {
      items.push(current);
      current = '';
      i += separator[0].length - 1;
    } else current += c;
  }
  return [...items, current].filter((item) => item.trim() !== '');
}

/** Words after which a list of importers has turned into prose ("Timeline.tsx, which owns the filter"). */
const PROSE =
  /\s*\b(which|so|both|read|beside|below|before|for|with|to|that|when|because|where|while|as)\b.*$/;

interface Claim {
  phrase: string;
  names: string[];
  only: boolean;
}

/** Splits the list after "… by": up to the end of the sentence, a `;`, or the `)` closing an enclosing aside. */
export function claimsOf(header: string): Claim[] {
  const claims: Claim[] = [];
  for (const match of header.matchAll(CLAIM)) {
    const before = header.slice(Math.max(0, match.index - 8), match.index);
    if (/not (be )?$/i.test(before)) continue;
    let depth = 0;
    let end = match.index + match[0].length;
    let list = '';
    for (; end < header.length; end++) {
      const c = header[end]!;
      const next = header[end + 1] ?? ' ';
      if (c === '(') depth++;
      else if (c === ')' && depth-- === 0) break;
      else if (depth === 0 && (c === ';' || c === ':' || c === '—' || (c === '.' && next === ' ')))
        break;
      list += c;
    }
    list = list.replace(/\.$/, '');
    // A later claim in the same sentence starts its own list ("imported by X and run for real by Y").
    const nextClaim = [...list.matchAll(CLAIM)][0];
    if (nextClaim) list = list.slice(0, nextClaim.index).replace(/\s+and\s*$/, '');
    const text = list.trim();
    const only = /\bonly\b/.test(match[2]!) || /\bonly\b/.test(withoutAsides(text));
    const names: string[] = [];
    for (const raw of splitList(text)) {
      const item = raw
        .replace(/\bonly\b/g, ' ')
        .replace(/^\s*(and\s+)?(by\s+)?/, '')
        .replace(/\s+/g, ' ')
        .trim();
      const prose = PROSE.exec(withoutAsides(item));
      const kept = prose ? withoutAsides(item).slice(0, prose.index).trim() : item;
      // "the shell (SessionWorkspace.tsx)" names the file in its parentheses; "(to emit flags)" is an aside.
      const aside = /\(([^()]*)\)\s*$/.exec(prose ? '' : kept);
      const files = aside?.[1]!.split(/,\s*/);
      if (files?.every((t) => /^[\w*./-]+$/.test(t) && /[A-Z./]/.test(t) && resolvable(t)))
        names.push(...files);
      else if (withoutAsides(kept)) names.push(withoutAsides(kept));
      if (prose) break;
    }
    claims.push({ phrase: header.slice(match.index, end).trim(), names, only });
  }
  return claims;
}

// --- resolving a name to files ----------------------------------------------------------------------------

/** Names of whole areas ("the service", "service code", "the VS Code host"); a name must be all of one. */
const AREA_WORDS: Array<[RegExp, string]> = [
  [/^(the )?(ui|browser ui|react app)$/i, 'src/ui'],
  [/^(the )?(inspector )?service( code| files)?$/i, 'src/service'],
  [/^(the )?(browser-mode |loopback )?server( files)?$/i, 'src/server'],
  [/^(the )?cli$/i, 'src/cli'],
  [/^(the )?emulator( code| files)?$/i, 'src/emulator'],
  [/^(the )?core( files)?$/i, 'src/core'],
  [/^(the )?protocol$/i, 'src/protocol'],
  [/^(the )?rules$/i, 'src/core/rules'],
  [/^(the )?vs ?code\b.*$/i, 'vscode-extension/src'],
  [/^vscode-extension$/, 'vscode-extension/src'],
  [/^(the )?e2e( helpers| specs)?$/i, 'e2e'],
  [/^(the )?bench(es|marks)?$/i, 'bench'],
];

const camel = (words: string) =>
  words
    .toLowerCase()
    .split(/[\s-]+/)
    .map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');

const globRegex = (glob: string) =>
  new RegExp(`(^|/)${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);

/** A path or file name, with or without extension and globs (serveCommand.ts, core/ledger.ts, dataPlane*.ts), or a folder. */
function tokenFiles(name: string): string[] | undefined {
  if (!/^[\w*./-]+$/.test(name)) return undefined;
  const withExt = /\.(ts|tsx)$/.test(name) ? [name] : [`${name}.ts`, `${name}.tsx`];
  const files = ALL.filter((f) => withExt.some((t) => globRegex(t).test(f)));
  if (files.length) return files;
  const folder = name.replace(/\/$/, '');
  const under = ALL.filter((f) => f.startsWith(`${folder}/`) || f.includes(`/${folder}/`));
  return under.length ? under : undefined;
}

const resolvable = (token: string) => tokenFiles(token) !== undefined;

/** Files (or, for a folder, the files under it) that `name` points at, searched near `subject` first. */
export function filesNamed(name: string, subject: string): string[] | undefined {
  const near = (files: string[]) => {
    const here = files.filter((f) => posix.dirname(f) === posix.dirname(subject));
    const area = files.filter((f) => areaOf(f) === areaOf(subject));
    return here.length ? here : area.length ? area : files;
  };
  const area = areaFor(name);
  if (area) return ALL.filter((f) => f.startsWith(`${area}/`));
  const token = tokenFiles(name.replace(/^the /, '').replace(/ files$/, ''));
  if (token) return near(token);
  // "*.test.ts in src/core", "*.test.tsx in this folder", "tests": test files, optionally of one folder.
  const tests =
    /^(\*\.test\.tsx?( files)?|(its |their |unit |the )?tests)( in (this folder|\S+))?$/i.exec(
      name,
    );
  if (tests) {
    const folder = tests[5] === 'this folder' ? posix.dirname(subject) : tests[5];
    return ALL.filter((f) => isTest(f) && (!folder || f.startsWith(`${folder}/`)));
  }
  // "components under src/ui/components/views": the files under a folder.
  const under = /\bunder (\S+)$/.exec(name);
  if (under) return tokenFiles(under[1]!);
  // "the router", "the data plane", "the emulator's index": camel-cased words as a file or folder name.
  const owned = /^(?:the )?(.+?)'s (.+)$/.exec(name);
  const words = (owned ? owned[2]! : name).replace(/^the /, '');
  const scope = owned ? areaFor(owned[1]!) : undefined;
  const plain = words.replace(/\s+(components|handlers|files|code|helpers|controls)$/, '');
  const candidates = [
    camel(words),
    camel(words).replace(/s$/, ''),
    camel(plain),
    camel(plain).replace(/s$/, ''),
  ];
  for (const candidate of new Set(candidates.map((c) => c.toLowerCase()))) {
    const files = ALL.filter((f) => {
      if (scope && !f.startsWith(`${scope}/`)) return false;
      const parts = f.split('/');
      const base = parts.at(-1)!;
      // "data plane" is dataPlane.ts and dataPlanePoll.ts, not dataplanes.ts: a match ends at a word boundary.
      const boundary = base.charAt(candidate.length);
      const named = base.toLowerCase().startsWith(candidate) && /[A-Z.]/.test(boundary);
      return named || parts.slice(0, -1).some((d) => d.toLowerCase() === candidate);
    });
    if (files.length) return near(files);
  }
  return scope ? ALL.filter((f) => f.startsWith(`${scope}/`)) : undefined;
}

function areaFor(name: string): string | undefined {
  return AREA_WORDS.find(([pattern]) => pattern.test(name.trim()))?.[1];
}

// --- what a header says the file itself imports ----------------------------------------------------------

/**
 * The narrow claims about a file's own imports that ESLint cannot see (it checks folders, not "nothing"):
 * "imports nothing", "imports node: only", "imports only core (files)", "imports node: and its own folder
 * only". Each is checked against the file's import specifiers.
 */
function importClaimProblems(file: string, header: string): string[] {
  const specifiers = specifiersOf.get(file)!;
  const folder = file.split('/').slice(0, 2).join('/');
  const local = (s: string) => resolveImport(file, s)?.startsWith(`${folder}/`) === true;
  const checks: Array<[RegExp, (s: string) => boolean]> = [
    [/\bimports nothing\b(?! from)/i, () => false],
    [/\bimports node:\*? only\b/i, (s) => s.startsWith('node:')],
    [
      /\bimports only core\b/i,
      (s) =>
        resolveImport(file, s)?.startsWith('src/core/') === true ||
        (s === 'yaml' && /yaml/.test(header)),
    ],
    [
      /\bimports node: and (its|the emulator's) own folder only\b/i,
      (s) => s.startsWith('node:') || local(s),
    ],
  ];
  const problems: string[] = [];
  for (const [claim, allowed] of checks) {
    const said = claim.exec(header);
    if (!said) continue;
    const breaking = [...new Set(specifiers.filter((s) => !allowed(s)))];
    if (breaking.length)
      problems.push(`${file}: says "${said[0]}" but imports ${breaking.join(', ')}`);
  }
  return problems;
}

// --- the check ----------------------------------------------------------------------------------------------

export function problemsOf(file: string, rule: Map<Area, Set<Area>>): string[] {
  const header = headerOf(file);
  if (!header) return [`${file}: opens with no comment header`];
  const problems = importClaimProblems(file, header);
  const importers = importersOf(file);
  for (const claim of claimsOf(header)) {
    const named = new Set<string>();
    for (const name of claim.names) {
      const files = filesNamed(name, file);
      if (!files || files.length === 0) {
        problems.push(
          `${file}: "${claim.phrase}" names "${name}", which is no file, folder or area`,
        );
        continue;
      }
      files.forEach((f) => named.add(f));
      if (!files.some((f) => importers.includes(f)))
        problems.push(`${file}: "${claim.phrase}" names "${name}", which does not import it`);
      const subjectArea = areaOf(file);
      for (const area of new Set(files.filter((f) => !isTest(f)).map(areaOf))) {
        if (!area || !subjectArea || area === subjectArea) continue;
        if (!rule.get(area)?.has(subjectArea))
          problems.push(
            `${file}: "${claim.phrase}" names ${area}, which ARCHITECTURE.md does not let import ${subjectArea}`,
          );
      }
    }
    if (claim.only) {
      const others = importers.filter((f) => !isTest(f) && !named.has(f));
      if (others.length)
        problems.push(
          `${file}: "${claim.phrase}" says only, but ${others.join(', ')} import it too`,
        );
    }
  }
  return problems;
}
