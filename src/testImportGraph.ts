// The repository's import graph for headers.test.ts: every source file, what each imports (TypeScript's
// preProcessFile, relative specifiers resolved to files), and the folder rule read from ARCHITECTURE.md's
// "may import" column. Test-only (a test<Name> file); used by testHeaderClaims.ts and headers.test.ts only.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCANNED = ['src', 'vscode-extension/src', 'e2e', 'bench', 'scripts'];
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;

function walk(dir: string, out: string[]): string[] {
  if (!existsSync(join(ROOT, dir))) return out;
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(path, out);
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

export const ALL = SCANNED.flatMap((dir) => walk(dir, []));
/** Test-only code, as ESLint defines it: a test, a file under test/ (or e2e/, bench/), or a test<Name> helper. */
export const isTest = (file: string) =>
  /\.test\.tsx?$|\.spec\.ts$/.test(file) ||
  /(^|\/)(test|e2e|bench)\//.test(file) ||
  /(^|\/)test[A-Z][^/]*$/.test(file);

// --- areas: the folders of ARCHITECTURE.md's table -------------------------------------------------------

const AREAS = [
  'src/core',
  'src/protocol',
  'src/ui',
  'src/service',
  'src/server',
  'src/emulator',
  'src/cli',
  'vscode-extension',
  'e2e',
  'bench',
] as const;
export type Area = (typeof AREAS)[number];

export function areaOf(file: string): Area | undefined {
  return AREAS.find((area) => file === area || file.startsWith(`${area}/`));
}

/** Who may import whom, read from ARCHITECTURE.md's "may import" column (so the table is the one truth). */
export function folderRule(): Map<Area, Set<Area>> {
  const text = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  const rule = new Map<Area, Set<Area>>();
  const nodeSide: Area[] = [
    'src/core',
    'src/protocol',
    'src/service',
    'src/server',
    'src/emulator',
    'src/cli',
  ];
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5) continue;
    const folders = [...cells[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1] as Area);
    if (!folders.every((f) => AREAS.includes(f)) || folders.length === 0) continue;
    const may = cells[3]!;
    const allowed = new Set<Area>(folders);
    if (/\banything\b/.test(may)) AREAS.forEach((a) => allowed.add(a));
    if (/everything Node-side/.test(may)) nodeSide.forEach((a) => allowed.add(a));
    for (const word of ['core', 'protocol', 'service', 'server', 'emulator', 'cli', 'ui'] as const)
      if (new RegExp(`(^|[\\s,(])${word}\\b`).test(may)) allowed.add(`src/${word}`);
    for (const folder of folders) rule.set(folder, allowed);
  }
  return rule;
}

// --- the import graph -------------------------------------------------------------------------------------

export function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = posix.normalize(posix.join(posix.dirname(from), specifier.replace(/\?.*$/, '')));
  const stem = base.replace(/\.(js|mjs|jsx)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, `${stem}/index.ts`, `${stem}/index.tsx`];
  return candidates.find((c) => SOURCE.test(c) && existsSync(join(ROOT, c)));
}

/** importer → the repository files it imports (static, re-exports and dynamic imports). */
const importsOf = new Map<string, Set<string>>();
/** importer → every specifier it imports, as written (packages and node: builtins too). */
export const specifiersOf = new Map<string, string[]>();
for (const file of ALL) {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  specifiersOf.set(
    file,
    info.importedFiles.map((ref) => ref.fileName),
  );
  const targets = new Set<string>();
  for (const ref of info.importedFiles) {
    const target = resolveImport(file, ref.fileName);
    if (target) targets.add(target);
  }
  importsOf.set(file, targets);
}
export const importersOf = (file: string) => ALL.filter((other) => importsOf.get(other)!.has(file));
