// Picks the transport once at boot: inside a VS Code webview (acquireVsCodeApi exists) frames go over
// postMessage; in a browser the local server is reached over HTTP + SSE. Imported by main.tsx and
// components/shell (connectHost; the share controls' hostFiles).
// The only module besides the two transports that knows which host the UI runs in; components ask it for
// the host's file capability (hostFiles()) and nothing else.
import type { InspectorClient } from '../../protocol/client.js';
import { localStorageStore, type StateStore } from '../uiState.js';
import { browserFiles, type HostFiles } from './hostFiles.js';
import { createHttpSseClient } from './httpSse.js';
import { createVsCodeWebviewHost } from './vscodeWebview.js';

export interface Host {
  kind: 'vscode' | 'browser';
  client: InspectorClient;
  stateStore: StateStore;
  files: HostFiles;
}

export type { HostFiles, OpenOutcome, SaveMime, SaveOutcome } from './hostFiles.js';

/** Until connectHost runs (unit tests render components without booting), the browser's way. */
let currentFiles: HostFiles = browserFiles;

/** Saving an export and opening a recording, as the host the UI runs in allows. */
export function hostFiles(): HostFiles {
  return currentFiles;
}

export function connectHost(): Host {
  // acquireVsCodeApi may be called only once per page, so it is called here and nowhere else.
  if (typeof window.acquireVsCodeApi === 'function') {
    const host = createVsCodeWebviewHost(window.acquireVsCodeApi());
    currentFiles = host.files;
    return { kind: 'vscode', ...host };
  }
  currentFiles = browserFiles;
  return {
    kind: 'browser',
    client: createHttpSseClient(),
    stateStore: localStorageStore(),
    files: browserFiles,
  };
}
