// Browser-mode transport: InspectorClient over the local server (fetch POST /api/<method> + EventSource
// on /api/events). main.tsx picks it at boot when the UI is not inside a VS Code webview.
// Browser code: imports protocol only; never node:*, vscode, @aws-sdk/* or src/server (it talks HTTP).
// fetch and EventSource are injectable so Node tests can drive it against the real server.
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  errorFromEnvelope,
  type ConnectionState,
  type InspectorClient,
} from '../../protocol/client.js';
import { ProtocolError, type ErrorCode, type InspectorEvent } from '../../protocol/messages.js';

/** The slice of the WHATWG EventSource this client uses; the browser's own class satisfies it. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
}
export type EventSourceConstructor = new (url: string) => EventSourceLike;

export interface HttpSseOptions {
  fetch?: typeof fetch;
  EventSource?: EventSourceConstructor;
  timeoutMs?: number;
  /** Wait before re-creating a stream the browser gave up on (it only auto-retries network drops). */
  reconnectDelayMs?: (attempt: number) => number;
}

/** EventSource.CLOSED; spelled out because Node tests inject a class without the static constants. */
const CLOSED = 2;
const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalidParams',
  'unknownMethod',
  'notFound',
  'conflict',
  'awsError',
  'protocolMismatch',
  'timeout',
  'unavailable',
  'internal',
]);
const defaultDelay = (attempt: number) => Math.min(1000 * 2 ** attempt, 30_000);

/** Turns the server's answer into a result or a ProtocolError; gate refusals (401/403) become 'unavailable'. */
function settle(status: number, text: string): unknown {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ProtocolError(
      'unavailable',
      `The inspector server answered HTTP ${status} without a JSON body.`,
    );
  }
  const envelope = body as {
    result?: unknown;
    error?: { code?: unknown; message?: unknown; awsErrorName?: unknown; sessionId?: unknown };
  };
  if (status === 200 && typeof body === 'object' && body !== null && 'result' in body)
    return envelope.result;
  const error = envelope.error;
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    if (ERROR_CODES.has(error.code)) {
      const awsErrorName = typeof error.awsErrorName === 'string' ? error.awsErrorName : undefined;
      const sessionId = typeof error.sessionId === 'string' ? error.sessionId : undefined;
      const code = error.code as ErrorCode;
      throw errorFromEnvelope({
        code,
        message: error.message,
        ...(awsErrorName ? { awsErrorName } : {}),
        ...(sessionId ? { sessionId } : {}),
      });
    }
    throw new ProtocolError('unavailable', `${error.message} (HTTP ${status} ${error.code})`);
  }
  throw new ProtocolError(
    'unavailable',
    `The inspector server answered HTTP ${status} with an unexpected body.`,
  );
}

function isEvent(value: unknown): value is InspectorEvent {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string'
  );
}

export function createHttpSseClient(baseUrl = '', options: HttpSseOptions = {}): InspectorClient {
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const EventSourceImpl =
    options.EventSource ?? (globalThis as { EventSource?: EventSourceConstructor }).EventSource;
  if (!EventSourceImpl)
    throw new Error('EventSource is not available here: pass options.EventSource.');
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const reconnectDelay = options.reconnectDelayMs ?? defaultDelay;

  const eventListeners = new Set<(event: InspectorEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const inFlight = new Set<AbortController>();
  let state: ConnectionState = 'connecting';
  let everOpened = false;
  let closed = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let source: EventSourceLike | undefined;

  const setState = (next: ConnectionState) => {
    // 'reconnected' is a transition worth repeating (each one means events may be missing); others are not.
    if (next === state && next !== 'reconnected') return;
    state = next;
    for (const listener of [...connectionListeners]) listener(next);
  };

  const connect = () => {
    const es = new EventSourceImpl(`${base}/api/events`);
    source = es;
    es.addEventListener('open', () => {
      attempt = 0;
      setState(everOpened ? 'reconnected' : 'open');
      everOpened = true;
    });
    // The UI trusts the Node side, so events are only checked for shape, not validated.
    es.addEventListener('message', (message) => {
      let event: unknown;
      try {
        event = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (!isEvent(event)) return;
      for (const listener of [...eventListeners]) {
        try {
          listener(event);
        } catch (e) {
          console.error('appconfig-inspector: an event listener threw', e);
        }
      }
    });
    es.addEventListener('error', () => {
      if (closed) return;
      setState('connecting');
      // A CLOSED source was refused outright (e.g. 401 or 503 while restarting): the browser will not retry.
      if (es.readyState === CLOSED && source === es) {
        es.close();
        retryTimer = setTimeout(connect, reconnectDelay(attempt++));
      }
    });
  };
  connect();

  return {
    async request(method, params) {
      if (closed) throw new ProtocolError('unavailable', 'The connection was closed.');
      const controller = new AbortController();
      inFlight.add(controller);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
      try {
        const response = await doFetch(`${base}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(params ?? {}),
          // The HttpOnly session cookie is the browser's credential; it never leaves this origin.
          credentials: 'same-origin',
          signal: controller.signal,
        });
        const text = await response.text();
        return settle(response.status, text) as never;
      } catch (e) {
        if (e instanceof ProtocolError) throw e;
        if (timedOut)
          throw new ProtocolError('timeout', `${method} got no answer within ${timeoutMs} ms.`);
        if (closed) throw new ProtocolError('unavailable', 'The connection was closed.');
        const reason = e instanceof Error ? e.message : String(e);
        throw new ProtocolError('unavailable', `Cannot reach the inspector server: ${reason}`);
      } finally {
        clearTimeout(timer);
        inFlight.delete(controller);
      }
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      // A late subscriber gets the steady state; 'reconnected' was for those listening when it happened.
      listener(state === 'reconnected' ? 'open' : state);
      return () => connectionListeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
      for (const controller of inFlight) controller.abort();
      setState('closed');
      eventListeners.clear();
      connectionListeners.clear();
    },
  };
}
