// Transport for the VS Code webview: protocol frames over acquireVsCodeApi().postMessage and window 'message'
// events, UI state through vscode.getState/setState, and file dialogs through the extension (webviewFiles.ts).
// Imported only by transport/index.ts.
// Must not import 'vscode' (that is the extension host's module) or make any network call.
import { createMessageClient, type InspectorClient } from '../../protocol/client.js';
import type { WireMessage } from '../../protocol/messages.js';
import { webviewStateStore, type StateStore, type WebviewStateApi } from '../uiState.js';
import type { HostFiles } from './hostFiles.js';
import { createWebviewFiles } from './webviewFiles.js';

/** The part of the object acquireVsCodeApi() returns that the UI uses. */
export interface VsCodeApi extends WebviewStateApi {
  postMessage(message: unknown): void;
}

declare global {
  interface Window {
    /** Injected by VS Code into webviews only; may be called once per page. */
    acquireVsCodeApi?: () => VsCodeApi;
  }
}

/** Only answers and events travel towards the webview; anything else on the channel is not ours. */
function isInboundFrame(data: unknown): data is WireMessage {
  if (typeof data !== 'object' || data === null) return false;
  const kind = (data as { kind?: unknown }).kind;
  return kind === 'response' || kind === 'event';
}

export function createVsCodeWebviewHost(
  api: VsCodeApi,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): { client: InspectorClient; stateStore: StateStore; files: HostFiles } {
  const client = createMessageClient(
    (message) => api.postMessage(message),
    (receive) => {
      const onMessage = (e: MessageEvent) => {
        if (isInboundFrame(e.data)) receive(e.data);
      };
      target.addEventListener('message', onMessage);
      return () => target.removeEventListener('message', onMessage);
    },
  );
  const files = createWebviewFiles((message) => api.postMessage(message), target);
  const close = client.close.bind(client);
  client.close = () => {
    files.close();
    close();
  };
  return { client, stateStore: webviewStateStore(api), files: files.files };
}
