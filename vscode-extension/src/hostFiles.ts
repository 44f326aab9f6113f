// The webview's file requests, checked and carried out in the extension host: Export / Export HAR save the
// text the UI already holds to a path the user picks (written owner-only), Import reads a recording the user
// picks and hands its text back. A webview cannot download or read host files, and the service must never
// write where a page asks, so this is the only place the panel touches files. The dialogs are injected
// (fileDialogs.ts shows VS Code's), so this module stays vscode-free; bridge.ts routes the frames here.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { writePrivateFile } from '../../src/service/privateFs.js';

/** A webview → host frame; answered by exactly one hostResponse with the same id. */
export const HOST_REQUEST = 'hostRequest';
export const HOST_RESPONSE = 'hostResponse';

/** The only two kinds of content the panel saves: a recording (Export) and a HAR 1.2 file (Export HAR). */
const SAVE_KINDS = {
  'application/json': { extension: 'json', filter: 'JSON', title: 'Export recording' },
  'application/har+json': { extension: 'har', filter: 'HAR', title: 'Export HAR' },
} as const;
export type SaveMime = keyof typeof SAVE_KINDS;

/** Larger than any recording the service keeps (its window is bounded), small enough for one postMessage. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export type HostFileRequest =
  | { id: number; action: 'saveFile'; fileName: string; mime: SaveMime; text: string }
  | { id: number; action: 'openFile' };

export type HostFileResult =
  { saved: string } | { cancelled: true } | { fileName: string; text: string };

export type HostFileResponse =
  | { kind: typeof HOST_RESPONSE; id: number; ok: true; result: HostFileResult }
  | { kind: typeof HOST_RESPONSE; id: number; ok: false; error: string };

/** Where the user picks a path; undefined when they cancel. */
export interface FileDialogs {
  pickSavePath(
    fileName: string,
    kind: { title: string; filter: string; extension: string },
  ): Promise<string | undefined>;
  pickOpenPath(): Promise<string | undefined>;
}

export function isHostFrame(data: unknown): boolean {
  return (
    typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === HOST_REQUEST
  );
}

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/** The request, or why it is not one (with its id when it has one, so the page can be answered). */
export function parseHostRequest(
  frame: unknown,
): HostFileRequest | { invalid: string; id?: number } {
  if (!isHostFrame(frame)) return { invalid: 'not a hostRequest frame' };
  const f = frame as Record<string, unknown>;
  if (typeof f.id !== 'number' || !Number.isSafeInteger(f.id))
    return { invalid: 'hostRequest frame without a numeric id' };
  const id = f.id;
  const invalid = (reason: string) => ({ invalid: reason, id });
  const extra = (allowed: string[]) => Object.keys(f).find((k) => !allowed.includes(k));
  if (f.action === 'openFile') {
    const unknown = extra(['kind', 'id', 'action']);
    return unknown
      ? invalid(`openFile has an unknown field "${unknown}"`)
      : { id, action: 'openFile' };
  }
  if (f.action !== 'saveFile')
    return invalid(`"action" must be saveFile or openFile (got ${JSON.stringify(f.action)})`);
  const unknown = extra(['kind', 'id', 'action', 'fileName', 'mime', 'text']);
  if (unknown) return invalid(`saveFile has an unknown field "${unknown}"`);
  if (typeof f.mime !== 'string' || !Object.hasOwn(SAVE_KINDS, f.mime))
    return invalid(
      `"mime" must be application/json or application/har+json (got ${JSON.stringify(f.mime)})`,
    );
  const mime = f.mime as SaveMime;
  const { extension } = SAVE_KINDS[mime];
  if (
    typeof f.fileName !== 'string' ||
    !FILE_NAME.test(f.fileName) ||
    !f.fileName.endsWith(`.${extension}`)
  )
    return invalid(
      `"fileName" must be a plain file name (letters, digits, . _ -) ending in .${extension} (got ${JSON.stringify(f.fileName)})`,
    );
  if (typeof f.text !== 'string') return invalid('"text" must be a string');
  const contentProblem = checkContent(mime, f.text);
  if (contentProblem) return invalid(contentProblem);
  return { id, action: 'saveFile', fileName: f.fileName, mime, text: f.text };
}

/** Only a recording or a HAR document is written: anything else the page sends is refused, not saved. */
function checkContent(mime: SaveMime, text: string): string | undefined {
  if (Buffer.byteLength(text) > MAX_FILE_BYTES)
    return `"text" is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `"text" is not JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (mime === 'application/json') {
    return o.format === 'appconfig-inspector-recording'
      ? undefined
      : '"text" is not a recording (its "format" must be "appconfig-inspector-recording")';
  }
  const log = o.log as { version?: unknown; entries?: unknown } | undefined;
  return log?.version === '1.2' && Array.isArray(log.entries)
    ? undefined
    : '"text" is not a HAR 1.2 document (it needs log.version "1.2" and log.entries)';
}

/** Carries out a checked request; throws with words for the page when the file cannot be written or read. */
export async function runHostRequest(
  request: HostFileRequest,
  dialogs: FileDialogs,
): Promise<HostFileResult> {
  if (request.action === 'saveFile') {
    const kind = SAVE_KINDS[request.mime];
    const path = await dialogs.pickSavePath(request.fileName, kind);
    if (path === undefined) return { cancelled: true };
    try {
      // Owner-only: a recording holds configuration contents and resumable tokens.
      writePrivateFile(path, request.text);
    } catch (e) {
      throw new Error(`Could not write ${path}: ${reason(e)}`);
    }
    return { saved: path };
  }
  const path = await dialogs.pickOpenPath();
  if (path === undefined) return { cancelled: true };
  try {
    const { size } = await stat(path);
    if (size > MAX_FILE_BYTES)
      throw new Error(`it is ${size} bytes; a recording is at most ${MAX_FILE_BYTES} bytes`);
    return { fileName: basename(path), text: await readFile(path, 'utf8') };
  } catch (e) {
    throw new Error(`Could not read ${path}: ${reason(e)}`);
  }
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Parses, runs and answers one frame; a frame without an id cannot be answered and is only reported. */
export async function answerHostFrame(
  frame: unknown,
  dialogs: FileDialogs | undefined,
  log: (message: string) => void,
): Promise<HostFileResponse | undefined> {
  const request = parseHostRequest(frame);
  if ('invalid' in request) {
    log(`ignored file request: ${request.invalid}`);
    if (request.id === undefined) return undefined;
    return {
      kind: HOST_RESPONSE,
      id: request.id,
      ok: false,
      error: `Malformed file request: ${request.invalid}.`,
    };
  }
  if (!dialogs)
    return {
      kind: HOST_RESPONSE,
      id: request.id,
      ok: false,
      error: 'This host has no file dialogs.',
    };
  try {
    return {
      kind: HOST_RESPONSE,
      id: request.id,
      ok: true,
      result: await runHostRequest(request, dialogs),
    };
  } catch (e) {
    return { kind: HOST_RESPONSE, id: request.id, ok: false, error: reason(e) };
  }
}
