// The Node side of a message transport (the VS Code webview bridge, or an in-memory pair in tests):
// checks every inbound frame, answers each request exactly once, and forwards pushed events.
// Imported by vscode-extension/src/bridge.ts and the in-memory transport test (messageTransport.test.ts).
import { toEnvelope } from './client.js';
import { ProtocolError, type WireMessage } from './messages.js';
import type { RequestHandler } from './requestHandler.js';

/** Returns the request frame, or a reason it is not one (anything may arrive on a message channel). */
export function parseRequestFrame(
  frame: unknown,
): { id: number; method: string; params: unknown } | { invalid: string; id?: number } {
  if (typeof frame !== 'object' || frame === null) return { invalid: 'frame is not an object' };
  const f = frame as Record<string, unknown>;
  const id = typeof f.id === 'number' && Number.isSafeInteger(f.id) ? f.id : undefined;
  if (f.kind !== 'request')
    return {
      invalid: `unexpected frame kind ${JSON.stringify(f.kind)}`,
      ...(id !== undefined ? { id } : {}),
    };
  if (id === undefined) return { invalid: 'request frame without a numeric id' };
  if (typeof f.method !== 'string') return { invalid: 'request frame without a method name', id };
  return { id, method: f.method, params: f.params };
}

export function attachMessageServer(
  handler: RequestHandler,
  post: (message: WireMessage) => void,
  subscribe: (receive: (frame: unknown) => void) => () => void,
  log: (message: string) => void = () => undefined,
): () => void {
  const offEvents = handler.onEvent((event) => post({ kind: 'event', event }));
  const offFrames = subscribe((frame) => {
    const parsed = parseRequestFrame(frame);
    if ('invalid' in parsed) {
      log(`ignored message: ${parsed.invalid}`);
      if (parsed.id !== undefined) {
        post({
          kind: 'response',
          id: parsed.id,
          ok: false,
          error: new ProtocolError(
            'invalidParams',
            `Malformed request: ${parsed.invalid}.`,
          ).toEnvelope(),
        });
      }
      return;
    }
    handler.handle(parsed.method, parsed.params).then(
      (result) => post({ kind: 'response', id: parsed.id, ok: true, result: result ?? null }),
      (e: unknown) => post({ kind: 'response', id: parsed.id, ok: false, error: toEnvelope(e) }),
    );
  });
  return () => {
    offEvents();
    offFrames();
  };
}
