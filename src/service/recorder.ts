// Durable recordings: one append-only JSON-lines file per session under <dataDir>/sessions. Every ledger
// event is appended (synchronously) before the UI is told, so a crash loses nothing the UI has shown.
// Files are owner-only (privateFs); a read-only recorder (serve --read-only) restores and never writes.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PollEvent, SessionInfo, SessionState } from '../core/ledger.js';
import { ProtocolError } from '../protocol/messages.js';
import { appendPrivateFile, ensurePrivateDir, writePrivateFile } from './privateFs.js';

export type RecordLine =
  | { t: 'session'; session: SessionInfo }
  | { t: 'event'; event: PollEvent }
  | { t: 'state'; state: SessionState }
  /** Full tokens are kept so a restored session can resume its chain (they expire within 24 h anyway). */
  | { t: 'token'; fingerprint: string; token: string; issuedAt: number };

export interface RestoredSession {
  session: SessionInfo;
  events: PollEvent[];
  tokens: { fingerprint: string; token: string; issuedAt: number }[];
}

export class Recorder {
  private readonly dir: string;

  constructor(
    dataDir: string,
    private readonly options: { readOnly?: boolean } = {},
  ) {
    this.dir = join(dataDir, 'sessions');
    if (options.readOnly) return;
    ensurePrivateDir(dataDir, false);
    // Older versions created it with the umask's mode; it is ours, so tighten it.
    ensurePrivateDir(this.dir, true);
  }

  private writable(): void {
    if (this.options.readOnly)
      throw new ProtocolError(
        'conflict',
        `This inspector is read-only (serve --read-only): nothing is written to ${this.dir}.`,
      );
  }

  private file(sessionId: string): string {
    return join(this.dir, `${sessionId}.jsonl`);
  }

  create(session: SessionInfo): void {
    this.writable();
    writePrivateFile(this.file(session.id), JSON.stringify({ t: 'session', session }) + '\n');
  }

  append(sessionId: string, line: RecordLine): void {
    this.writable();
    appendPrivateFile(this.file(sessionId), JSON.stringify(line) + '\n');
  }

  delete(sessionId: string): void {
    this.writable();
    rmSync(this.file(sessionId), { force: true });
  }

  /** Reads every recording; a damaged line (e.g. a torn last write) is skipped, never fatal. */
  restoreAll(): { restored: RestoredSession[]; problems: string[] } {
    const restored: RestoredSession[] = [];
    const problems: string[] = [];
    if (!existsSync(this.dir)) return { restored, problems };
    for (const name of readdirSync(this.dir).filter((n) => n.endsWith('.jsonl'))) {
      const current = this.readFile(name, problems);
      if (current) restored.push(current);
    }
    return { restored, problems };
  }

  /** One session's whole recording (every event, also those no longer held in memory). */
  read(sessionId: string): RestoredSession | undefined {
    const name = `${sessionId}.jsonl`;
    return existsSync(join(this.dir, name)) ? this.readFile(name, []) : undefined;
  }

  private readFile(name: string, problems: string[]): RestoredSession | undefined {
    let current: RestoredSession | undefined;
    const lines = readFileSync(join(this.dir, name), 'utf8').split('\n');
    lines.forEach((text, index) => {
      if (!text.trim()) return;
      let line: RecordLine;
      try {
        line = JSON.parse(text) as RecordLine;
      } catch {
        problems.push(`${name}:${index + 1}: unreadable line skipped`);
        return;
      }
      if (line.t === 'session') current = { session: line.session, events: [], tokens: [] };
      else if (!current)
        problems.push(`${name}:${index + 1}: record before the session header skipped`);
      else if (line.t === 'event') current.events.push(line.event);
      else if (line.t === 'state') current.session = { ...current.session, state: line.state };
      else if (line.t === 'token')
        current.tokens.push({
          fingerprint: line.fingerprint,
          token: line.token,
          issuedAt: line.issuedAt,
        });
    });
    return current;
  }
}
