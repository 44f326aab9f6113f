// Picks the transport once at boot: inside a VS Code webview (acquireVsCodeApi exists) frames go over
// postMessage; in a browser the local server is reached over HTTP + SSE. Imported only by main.tsx.
// The only module besides the two transports that knows which host the UI runs in.
import type { InspectorClient } from '../../protocol/client.js';
import { localStorageStore, type StateStore } from '../uiState.js';
import { createHttpSseClient } from './httpSse.js';
import { createVsCodeWebviewHost } from './vscodeWebview.js';

export interface Host {
  kind: 'vscode' | 'browser';
  client: InspectorClient;
  stateStore: StateStore;
}

export function connectHost(): Host {
  // acquireVsCodeApi may be called only once per page, so it is called here and nowhere else.
  if (typeof window.acquireVsCodeApi === 'function') {
    return { kind: 'vscode', ...createVsCodeWebviewHost(window.acquireVsCodeApi()) };
  }
  return { kind: 'browser', client: createHttpSseClient(), stateStore: localStorageStore() };
}
