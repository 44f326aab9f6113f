// Contents on disk survive crashes: each file appears whole or not at all, and a damaged metadata file loses
// only the content type, never the bytes. Real files in a temporary data directory.
import { existsSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentRepo } from './contentRepo.js';
import { contentHash } from './hashing.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'aci-contents-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const bytes = new TextEncoder().encode('{"logLevel":"debug"}');

describe('ContentRepo', () => {
  it('stores bytes once by hash, leaves no temporary files, and reads them back in a new process', () => {
    const hash = new ContentRepo(dataDir).put(bytes, 'application/json');
    expect(hash).toBe(contentHash(bytes));
    expect(readdirSync(join(dataDir, 'contents')).sort()).toEqual([hash, `${hash}.json`]);
    const blob = new ContentRepo(dataDir).get(hash);
    expect(Buffer.from(blob.base64, 'base64').toString()).toBe('{"logLevel":"debug"}');
    expect(blob.contentType).toBe('application/json');
  });

  it('does not trust a half-written file from a crash, and writes the content whole next time', () => {
    const hash = contentHash(bytes);
    // What a crash between open and the last write leaves behind: only the temporary file.
    const repo = new ContentRepo(dataDir);
    writeFileSync(join(dataDir, 'contents', `${hash}.4242.tmp`), bytes.subarray(0, 5));
    expect(repo.has(hash)).toBe(false);
    repo.put(bytes, 'application/json');
    expect(Buffer.from(new ContentRepo(dataDir).get(hash).base64, 'base64')).toEqual(
      Buffer.from(bytes),
    );
  });

  it('keeps the bytes readable when the metadata file is missing or damaged', () => {
    const hash = new ContentRepo(dataDir).put(bytes, 'application/json');
    unlinkSync(join(dataDir, 'contents', `${hash}.json`));
    const blob = new ContentRepo(dataDir).get(hash);
    expect(blob.size).toBe(bytes.length);
    expect(blob.contentType).toBeUndefined();
    writeFileSync(join(dataDir, 'contents', `${hash}.json`), '{not json');
    expect(new ContentRepo(dataDir).get(hash).size).toBe(bytes.length);
    expect(existsSync(join(dataDir, 'contents', hash))).toBe(true);
  });
});
