// The webview half of the panel's file dialogs: a hostRequest frame to the extension (bridge.ts routes it to
// vscode-extension/src/hostFiles.ts, which checks it again) and its one hostResponse. No timeout: the answer
// waits on the user in a dialog. Created by vscodeWebview.ts with the page's acquireVsCodeApi() object.
import type { HostFiles, OpenOutcome, SaveOutcome } from './hostFiles.js';

type Result = { saved: string } | { cancelled: true } | { fileName: string; text: string };
type Response = { kind: 'hostResponse'; id: number } & (
  { ok: true; result: Result } | { ok: false; error: string }
);

function isResponse(data: unknown): data is Response {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as { kind?: unknown; id?: unknown };
  return d.kind === 'hostResponse' && typeof d.id === 'number';
}

export function createWebviewFiles(
  post: (message: unknown) => void,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
): { files: HostFiles; close(): void } {
  let nextId = 1;
  const pending = new Map<number, { resolve(r: Result): void; reject(e: Error): void }>();
  const onMessage = (e: MessageEvent) => {
    if (!isResponse(e.data)) return;
    const waiter = pending.get(e.data.id);
    if (!waiter) return;
    pending.delete(e.data.id);
    if (e.data.ok) waiter.resolve(e.data.result);
    else waiter.reject(new Error(e.data.error));
  };
  target.addEventListener('message', onMessage);
  const ask = (request: Record<string, unknown>) =>
    new Promise<Result>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      post({ kind: 'hostRequest', id, ...request });
    });

  const files: HostFiles = {
    async saveFile(fileName, text, mime): Promise<SaveOutcome> {
      const result = await ask({ action: 'saveFile', fileName, mime, text });
      return 'saved' in result ? { kind: 'saved', path: result.saved } : { kind: 'cancelled' };
    },
    async openFile(): Promise<OpenOutcome> {
      const result = await ask({ action: 'openFile' });
      return 'text' in result
        ? { kind: 'opened', fileName: result.fileName, text: result.text }
        : { kind: 'cancelled' };
    },
    dropNeedsShift: true,
  };
  return {
    files,
    close() {
      target.removeEventListener('message', onMessage);
      for (const waiter of pending.values()) waiter.reject(new Error('The panel was closed.'));
      pending.clear();
    },
  };
}
