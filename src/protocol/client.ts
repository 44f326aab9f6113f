// The transport-neutral client the UI talks to, and a request/response peer for message transports
// (postMessage in VS Code, or an in-memory pair in tests). HTTP/SSE implements InspectorClient directly.
import {
  ProtocolError,
  type ErrorEnvelope,
  type InspectorEvent,
  type Method,
  type Params,
  type Result,
  type WireMessage,
} from './messages.js';

export type ConnectionState = 'connecting' | 'open' | 'reconnected' | 'closed';

export interface InspectorClient {
  request<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
  /** Pushed facts; returns an unsubscribe function. */
  onEvent(listener: (event: InspectorEvent) => void): () => void;
  /** 'reconnected' means events may have been missed: refetch snapshots. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Client side of a message transport: correlates responses by id, and settles every request —
 * with its result, its error envelope, or a timeout (hexeditor's silent hang, avoided).
 */
export function createMessageClient(
  post: (message: WireMessage) => void,
  subscribe: (receive: (message: WireMessage) => void) => () => void,
  timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
): InspectorClient {
  let nextId = 1;
  const pending = new Map<
    number,
    {
      resolve: (v: unknown) => void;
      reject: (e: Error) => void;
      timer: ReturnType<typeof setTimeout>;
    }
  >();
  const eventListeners = new Set<(event: InspectorEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const unsubscribe = subscribe((message) => {
    if (message.kind === 'event') {
      for (const listener of eventListeners) listener(message.event);
    } else if (message.kind === 'response') {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      clearTimeout(waiter.timer);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(errorFromEnvelope(message.error));
    }
  });
  return {
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new ProtocolError('timeout', `${method} got no answer within ${timeoutMs} ms.`));
        }, timeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        post({ kind: 'request', id, method, params });
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener('open');
      return () => connectionListeners.delete(listener);
    },
    close() {
      unsubscribe();
      for (const [, waiter] of pending) {
        clearTimeout(waiter.timer);
        waiter.reject(new ProtocolError('unavailable', 'The connection was closed.'));
      }
      pending.clear();
    },
  };
}

export function errorFromEnvelope(error: ErrorEnvelope): ProtocolError {
  return new ProtocolError(error.code, error.message, error.awsErrorName, error.sessionId);
}

/** Maps anything thrown on the Node side to the envelope that crosses the wire. */
export function toEnvelope(e: unknown): ErrorEnvelope {
  if (e instanceof ProtocolError) return e.toEnvelope();
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
