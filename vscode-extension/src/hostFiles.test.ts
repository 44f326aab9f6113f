// The panel's file requests through the real Bridge: a malformed or foreign save is refused with a precise
// error and writes nothing, a recording and a HAR document are written owner-only where the dialog says, a
// cancel is an answer and not an error, Import hands back the file's text, and an answer for a page that
// was since replaced is dropped. The dialogs stand in for the user's choice; files are real, in a temp dir.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bridge, type WebviewChannel } from './bridge.js';
import { HOST_RESPONSE, parseHostRequest, type FileDialogs } from './hostFiles.js';

const recording = JSON.stringify({ format: 'appconfig-inspector-recording', version: 1 });
const har = JSON.stringify({ log: { version: '1.2', entries: [] } });
const save = (fields: Record<string, unknown>) => ({
  kind: 'hostRequest',
  id: 1,
  action: 'saveFile',
  fileName: 'a.json',
  mime: 'application/json',
  text: recording,
  ...fields,
});

describe('parseHostRequest', () => {
  it.each([
    [
      save({ mime: 'text/html' }),
      '"mime" must be application/json or application/har+json (got "text/html")',
    ],
    [
      save({ fileName: '../a.json' }),
      '"fileName" must be a plain file name (letters, digits, . _ -) ending in .json (got "../a.json")',
    ],
    [
      save({ mime: 'application/har+json', text: har }),
      '"fileName" must be a plain file name (letters, digits, . _ -) ending in .har (got "a.json")',
    ],
    [save({ text: 42 }), '"text" must be a string'],
    [save({ text: '{' }), expect.stringMatching(/^"text" is not JSON: /)],
    [
      save({ text: har }),
      '"text" is not a recording (its "format" must be "appconfig-inspector-recording")',
    ],
    [
      save({ fileName: 'a.har', mime: 'application/har+json', text: recording }),
      '"text" is not a HAR 1.2 document (it needs log.version "1.2" and log.entries)',
    ],
    [save({ path: '/etc/passwd' }), 'saveFile has an unknown field "path"'],
    [
      { kind: 'hostRequest', id: 1, action: 'rm' },
      '"action" must be saveFile or openFile (got "rm")',
    ],
    [
      { kind: 'hostRequest', id: 1, action: 'openFile', path: '/' },
      'openFile has an unknown field "path"',
    ],
  ])('refuses %j', (frame, reason) => {
    expect(parseHostRequest(frame)).toEqual({ invalid: reason, id: 1 });
  });

  it('accepts a recording and a HAR document, and has no id to answer a frame without one', () => {
    expect(parseHostRequest(save({}))).toMatchObject({ action: 'saveFile', fileName: 'a.json' });
    expect(
      parseHostRequest(save({ fileName: 'a.har', mime: 'application/har+json', text: har })),
    ).toMatchObject({ action: 'saveFile', mime: 'application/har+json' });
    expect(parseHostRequest({ kind: 'hostRequest', action: 'openFile' })).toEqual({
      invalid: 'hostRequest frame without a numeric id',
    });
  });
});

/** A webview stand-in: frames are structured-cloned, as postMessage does. */
class FakeWebview implements WebviewChannel {
  readonly posted: unknown[] = [];
  readonly listeners = new Set<(data: unknown) => void>();
  post(message: unknown): unknown {
    this.posted.push(structuredClone(message));
    return undefined;
  }
  onMessage(listener: (data: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  send(data: unknown): void {
    this.listeners.forEach((l) => l(structuredClone(data)));
  }
  async answer(id: number) {
    const find = () =>
      this.posted.find(
        (m) => (m as { kind?: string }).kind === HOST_RESPONSE && (m as { id: number }).id === id,
      );
    await expect.poll(find, { timeout: 5_000 }).toBeDefined();
    return find();
  }
}

let dir: string;
let webview: FakeWebview;
let warnings: string[];
let chosen: string | undefined;
let requests: string[];
let bridge: Bridge;
/** The service is never asked: file frames must not reach it. */
const service = {
  handle: (method: string) => Promise.reject(new Error(`the service was asked for ${method}`)),
  onEvent: () => () => undefined,
} as unknown as ConstructorParameters<typeof Bridge>[1];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'aci-hostfiles-'));
  webview = new FakeWebview();
  warnings = [];
  chosen = undefined;
  requests = [];
  const dialogs: FileDialogs = {
    pickSavePath: (fileName, kind) => {
      requests.push(`save ${fileName} ${kind.filter} .${kind.extension}`);
      return Promise.resolve(chosen);
    },
    pickOpenPath: () => {
      requests.push('open');
      return Promise.resolve(chosen);
    },
  };
  bridge = new Bridge(webview, service, { warn: (m) => warnings.push(m) }, dialogs);
});
afterEach(() => {
  bridge.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('file requests through the bridge', () => {
  it('writes a recording and a HAR file owner-only where the user chose, and answers with the path', async () => {
    chosen = join(dir, 'picked.json');
    webview.send(save({ fileName: 'appconfig-demo.json' }));
    expect(await webview.answer(1)).toEqual({
      kind: HOST_RESPONSE,
      id: 1,
      ok: true,
      result: { saved: chosen },
    });
    expect(readFileSync(chosen, 'utf8')).toBe(recording);
    expect(statSync(chosen).mode & 0o777).toBe(0o600);

    // An existing, looser file the user overwrites is tightened too.
    chosen = join(dir, 'picked.har');
    writeFileSync(chosen, 'old', { mode: 0o644 });
    webview.send(
      save({ id: 2, fileName: 'appconfig-demo.har', mime: 'application/har+json', text: har }),
    );
    expect(await webview.answer(2)).toMatchObject({ ok: true, result: { saved: chosen } });
    expect(readFileSync(chosen, 'utf8')).toBe(har);
    expect(statSync(chosen).mode & 0o777).toBe(0o600);
    expect(requests).toEqual([
      'save appconfig-demo.json JSON .json',
      'save appconfig-demo.har HAR .har',
    ]);
  });

  it('answers a cancelled dialog with cancelled, and a failed write with its path and reason', async () => {
    webview.send(save({}));
    expect(await webview.answer(1)).toMatchObject({ ok: true, result: { cancelled: true } });
    chosen = join(dir, 'no-such-folder', 'a.json');
    webview.send(save({ id: 2 }));
    expect(await webview.answer(2)).toEqual({
      kind: HOST_RESPONSE,
      id: 2,
      ok: false,
      error: expect.stringMatching(new RegExp(`^Could not write ${chosen}: ENOENT`)) as string,
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a malformed save before any dialog, and only logs a frame it cannot answer', async () => {
    webview.send(save({ mime: 'text/html' }));
    expect(await webview.answer(1)).toEqual({
      kind: HOST_RESPONSE,
      id: 1,
      ok: false,
      error:
        'Malformed file request: "mime" must be application/json or application/har+json (got "text/html").',
    });
    webview.send({ kind: 'hostRequest', action: 'openFile' });
    await expect.poll(() => warnings.length, { timeout: 5_000 }).toBe(2);
    expect(warnings[1]).toBe(
      'webview: ignored file request: hostRequest frame without a numeric id',
    );
    expect(requests).toEqual([]);
    expect(webview.posted).toHaveLength(1);
  });

  it('opens the chosen file and hands back its name and text; an unreadable one gets the reason', async () => {
    chosen = join(dir, 'rec.json');
    writeFileSync(chosen, recording);
    webview.send({ kind: 'hostRequest', id: 7, action: 'openFile' });
    expect(await webview.answer(7)).toMatchObject({
      ok: true,
      result: { fileName: 'rec.json', text: recording },
    });
    chosen = join(dir, 'gone.json');
    webview.send({ kind: 'hostRequest', id: 8, action: 'openFile' });
    expect(await webview.answer(8)).toMatchObject({
      ok: false,
      error: expect.stringMatching(new RegExp(`^Could not read ${chosen}: ENOENT`)) as string,
    });
  });

  it('drops the answer to a dialog that outlived its page', async () => {
    let choose!: (path: string | undefined) => void;
    bridge.dispose();
    bridge = new Bridge(
      webview,
      service,
      { warn: (m) => warnings.push(m) },
      {
        pickSavePath: () => new Promise((resolve) => (choose = resolve)),
        pickOpenPath: () => Promise.resolve(undefined),
      },
    );
    webview.send(save({}));
    bridge.reset();
    webview.send({ kind: 'hostRequest', id: 1, action: 'openFile' });
    const fresh = await webview.answer(1);
    choose(join(dir, 'late.json'));
    await expect
      .poll(() => warnings, { timeout: 5_000 })
      .toContain('webview: dropped the answer to file request 1: its page is gone');
    expect(webview.posted).toEqual([fresh]);
    expect(fresh).toMatchObject({ result: { cancelled: true } });
  });
});
