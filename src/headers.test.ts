// Headers tell the truth: every boundary file (directly under src/core, protocol, server, service, emulator,
// cli, anywhere under src/ui, directly under vscode-extension/src; tests excepted) opens with a comment, and
// when that comment names who imports the file ("Imported by X and Y", "Used by Z only", "imported across the
// service") each name resolves to files that really import it, "only" leaves no other production importer,
// and no named importer is one ARCHITECTURE.md's folder table forbids; a header that says the file "imports
// nothing", "node: only", "only core" or "node: and its own folder only" is held to it. ESLint checks imports
// folder by folder; this checks what headers claim, which nothing else reads.
import { describe, expect, it } from 'vitest';
import { BOUNDARY, claimsOf, filesNamed, problemsOf } from './testHeaderClaims.js';
import { folderRule } from './testImportGraph.js';

describe('file headers', () => {
  const rule = folderRule();

  it('reads the folder rule from ARCHITECTURE.md', () => {
    expect(rule.get('src/core')).toEqual(new Set(['src/core']));
    expect(rule.get('src/emulator')).toEqual(new Set(['src/emulator']));
    expect(rule.get('src/ui')).toEqual(new Set(['src/ui', 'src/core', 'src/protocol']));
    expect(rule.get('src/cli')?.has('src/emulator')).toBe(true);
  });

  it('finds the boundary files and the claims their headers make, and resolves their names to files', () => {
    expect(BOUNDARY).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/ui/App.tsx']));
    expect(BOUNDARY.some((f) => f.includes('.test.'))).toBe(false);
    expect(
      claimsOf('Pure (imported by PollDetail.tsx). Used by a.ts, b.ts and the router only.'),
    ).toEqual([
      { phrase: 'imported by PollDetail.tsx', names: ['PollDetail.tsx'], only: false },
      {
        phrase: 'Used by a.ts, b.ts and the router only',
        names: ['a.ts', 'b.ts', 'the router'],
        only: true,
      },
    ]);
    expect(claimsOf('Must not be imported by unit tests.')).toEqual([]);
    const subject = 'src/emulator/access.ts';
    expect(filesNamed("the emulator's index", subject)).toEqual(['src/emulator/index.ts']);
    expect(filesNamed('the data plane', subject)).toEqual(
      expect.arrayContaining(['src/emulator/dataPlane.ts', 'src/emulator/dataPlanePoll.ts']),
    );
    expect(filesNamed('the CLI', subject)?.every((f) => f.startsWith('src/cli/'))).toBe(true);
    expect(filesNamed('no such thing', subject)).toBeUndefined();
  });

  it('every boundary file opens with a header whose import claims hold: named importers import it, "only" leaves no other, the folder rule allows them, and what it says it imports is what it imports', () => {
    expect(BOUNDARY.flatMap((file) => problemsOf(file, rule))).toEqual([]);
  });
});
