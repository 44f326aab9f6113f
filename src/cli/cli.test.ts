// The command as a user runs it: `appconfig-inspector emulator` prints its URL, serves, and stops cleanly on
// SIGTERM; every command main.ts registers is listed in --help, and its own --help documents exactly the
// flags of its parse table (both read from the source, not copied here); bad flags exit 2 with a precise
// message.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const BIN = 'bin/appconfig-inspector.js';
const CLI = 'src/cli';

/** Top-level object literals of a source file, by variable name. */
function objectLiterals(file: string): Map<string, ts.ObjectLiteralExpression> {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const found = new Map<string, ts.ObjectLiteralExpression>();
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      let init = declaration.initializer;
      while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)))
        init = init.expression;
      if (ts.isIdentifier(declaration.name) && init && ts.isObjectLiteralExpression(init))
        found.set(declaration.name.text, init);
    }
  }
  return found;
}

const cliSources = readdirSync(CLI).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const allLiterals = new Map(cliSources.flatMap((f) => [...objectLiterals(`${CLI}/${f}`)]));

/** Property names of an object literal, following `...name` spreads of other src/cli literals. */
function keysOf(literal: ts.ObjectLiteralExpression): string[] {
  return literal.properties.flatMap((p) => {
    if (ts.isSpreadAssignment(p) && ts.isIdentifier(p.expression)) {
      const spread = allLiterals.get(p.expression.text);
      if (!spread) throw new Error(`spread ...${p.expression.text} is no object literal in ${CLI}`);
      return keysOf(spread);
    }
    const name = p.name;
    if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) return [name.text];
    throw new Error(`unreadable property ${p.getText()}`);
  });
}

const flagsIn = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);

/** The commands main.ts registers: the keys of its `commands` table (the source of truth for dispatch). */
function registeredCommands(): string[] {
  const table = objectLiterals(`${CLI}/main.ts`).get('commands');
  if (!table) throw new Error(`${CLI}/main.ts has no \`commands\` object literal`);
  return keysOf(table);
}

/** The flags a command takes: its `flags` table, in src/cli/<name>*.ts (e.g. serveCommand.ts, watchArgs.ts). */
function flagTable(name: string): string[] {
  const tables = cliSources
    .filter((f) => f.startsWith(name))
    .map((f) => objectLiterals(`${CLI}/${f}`).get('flags'))
    .filter((t) => t !== undefined);
  if (tables.length !== 1)
    throw new Error(`expected one \`flags\` table in ${CLI}/${name}*.ts, found ${tables.length}`);
  return keysOf(tables[0]!);
}

describe('appconfig-inspector CLI', () => {
  it('runs the emulator until SIGTERM and exits 0', async () => {
    const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--no-seed'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match) resolve(match[1]!);
      });
    });
    expect(await (await fetch(`${url}/__emulator/health`)).json()).toEqual({ status: 'ok' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('lists every registered command in --help, and each command documents exactly the flags it takes', () => {
    const top = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(top.status).toBe(0);
    const commands = registeredCommands();
    expect(commands).toEqual(expect.arrayContaining(['serve', 'emulator']));
    for (const name of commands) {
      expect(top.stdout, `top-level --help lists ${name}`).toMatch(
        new RegExp(`^  ${name}\\s`, 'm'),
      );
      const taken = flagTable(name);
      const help = spawnSync(process.execPath, [BIN, name, '--help'], { encoding: 'utf8' });
      expect(help.status, `${name} --help exits 0`).toBe(0);
      // Mentioned anywhere (serve lists the emulator's flags in a sentence); listed = a line that starts with it.
      const mentioned = new Set(flagsIn(help.stdout, /(?<![\w-])--([a-z][a-z0-9-]*)/g));
      const listed = flagsIn(help.stdout, /^ *(?:-\w, )?--([a-z][a-z0-9-]*)/gm);
      expect(
        listed.filter((flag) => !taken.includes(flag)),
        `${name} --help lists flags it refuses`,
      ).toEqual([]);
      expect(
        taken.filter((flag) => !mentioned.has(flag)),
        `${name} takes flags its --help leaves out`,
      ).toEqual([]);
    }
  });

  it('refuses bad flags with a precise message and exit code 2', () => {
    const bad = spawnSync(process.execPath, [BIN, 'emulator', '--token-ttl-seconds', 'soon'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--token-ttl-seconds must be a whole number, got "soon"');
    const unknown = spawnSync(process.execPath, [BIN, 'serve', '--nope'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--nope'/);
  });
});
