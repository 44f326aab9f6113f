// The one seam every transport drives: run one protocol request, and subscribe to pushed events.
// InspectorService (src/service) and the VS Code service host (vscode-extension/src/serviceHost.ts) implement
// it; the browser-mode server (src/server), messageServer.ts and the VS Code bridge and panel take one.
// Imports protocol only.
import type { InspectorEvent } from './messages.js';

export interface RequestHandler {
  /** Validates and runs one protocol request; rejects with ProtocolError for bad input. */
  handle(method: string, params: unknown): Promise<unknown>;
  /** Subscribes to pushed InspectorEvents; returns the unsubscribe function. */
  onEvent(listener: (event: InspectorEvent) => void): () => void;
}
