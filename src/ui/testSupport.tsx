// Helpers for src/ui unit tests (happy-dom): ledger builders, an in-memory message-transport client answered by
// real request validation, and a minimal React render/wait harness. Imported by *.test.ts(x) in src/ui only.
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { PollEvent, PollOutcome } from '../core/ledger.js';
import { createMessageClient, toEnvelope, type InspectorClient } from '../protocol/client.js';
import {
  ProtocolError,
  type InspectorEvent,
  type Method,
  type Params,
  type Result,
  type SessionSummary,
  type WireMessage,
} from '../protocol/messages.js';
import { validateRequest } from '../protocol/validate.js';
import { connectClientToCache } from './cacheEvents.js';
import { createInspectorQueryClient, InspectorClientProvider } from './queries.js';
import { UiStateProvider } from './UiStateProvider.js';
import type { StateStore } from './uiState.js';

export const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);

export function summary(over: Partial<SessionSummary> = {}): SessionSummary {
  return {
    id: 's1',
    origin: 'inspector',
    applicationIdentifier: 'shop',
    environmentIdentifier: 'prod',
    configurationProfileIdentifier: 'flags',
    backend: 'emulator',
    startedAt: T0,
    state: 'polling',
    pollCount: 0,
    ...over,
  };
}

export function pollEvent(
  seq: number,
  outcome: PollOutcome,
  over: Partial<PollEvent> = {},
): PollEvent {
  const sentAt = T0 + seq * 30_000;
  return {
    seq,
    sessionId: 's1',
    kind: seq === 0 ? 'start' : 'poll',
    trigger: seq === 0 ? 'start' : 'schedule',
    sentAt,
    answeredAt: sentAt + 50,
    latencyMs: 50,
    attempts: 1,
    ...(seq > 0 ? { tokenIn: `t${seq - 1}` } : {}),
    tokenOut: `t${seq}`,
    intervalSeconds: 30,
    outcome,
    ...over,
  };
}

export const content = (
  versionLabel: string,
  contentHash = versionLabel.padEnd(64, '0'),
): PollOutcome => ({
  type: 'content',
  versionLabel,
  contentType: 'application/json',
  size: 10,
  contentHash,
});

export type Handlers = { [M in Method]?: (params: Params<M>) => Result<M> | Promise<Result<M>> };

/**
 * A real message-transport client whose far end validates each request exactly as the Node side does and
 * answers from `handlers`; `emit` pushes an event the way the service would.
 */
export function createInMemoryClient(handlers: Handlers) {
  let deliver: ((message: WireMessage) => void) | undefined;
  const requests: { method: string; params: unknown }[] = [];
  const answer = async (id: number, method: string, raw: unknown): Promise<WireMessage> => {
    try {
      const { method: m, params } = validateRequest(method, raw);
      requests.push({ method: m, params });
      const handler = handlers[m] as ((p: unknown) => unknown) | undefined;
      if (!handler) throw new ProtocolError('unknownMethod', `No test handler for ${m}.`);
      return { kind: 'response', id, ok: true, result: await handler(params) };
    } catch (e) {
      return { kind: 'response', id, ok: false, error: toEnvelope(e) };
    }
  };
  const client: InspectorClient = createMessageClient(
    (message) => {
      if (message.kind === 'request')
        void answer(message.id, message.method, message.params).then((r) => deliver?.(r));
    },
    (receive) => {
      deliver = receive;
      return () => {
        deliver = undefined;
      };
    },
  );
  return { client, requests, emit: (event: InspectorEvent) => deliver?.({ kind: 'event', event }) };
}

/** An in-memory StateStore, standing in for localStorage / vscode state where persistence is not under test. */
export function memoryStore(initial?: unknown): StateStore & { saved: unknown } {
  const store = {
    saved: initial,
    load: () => store.saved,
    save: (state: unknown) => {
      store.saved = state;
    },
  };
  return store;
}

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  container: HTMLElement;
  queryClient: QueryClient;
  unmount(): void;
}

/** Renders `ui` inside the same providers main.tsx sets up. */
export async function renderWithProviders(
  ui: ReactNode,
  client: InspectorClient,
  store: StateStore,
): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  const queryClient = createInspectorQueryClient();
  const disconnect = connectClientToCache(client, queryClient);
  const root = createRoot(container);
  await act(async () => {
    root.render(
      <InspectorClientProvider client={client}>
        <QueryClientProvider client={queryClient}>
          <UiStateProvider store={store}>{ui}</UiStateProvider>
        </QueryClientProvider>
      </InspectorClientProvider>,
    );
  });
  return {
    container,
    queryClient,
    unmount: () => {
      act(() => root.unmount());
      disconnect();
      queryClient.clear();
      container.remove();
    },
  };
}

/** Retries `check` (letting React and pending requests run) until it stops throwing, or fails after 2 s. */
export async function waitFor<T>(check: () => T, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await act(async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
      });
    }
  }
}

/** The control a <label> with exactly this text points at, as a test by accessible label would find it. */
export function byLabel(container: HTMLElement, text: string): HTMLInputElement {
  const label = [...container.querySelectorAll('label')].find((l) => l.textContent === text);
  const control = label?.htmlFor ? container.querySelector(`#${CSS.escape(label.htmlFor)}`) : null;
  if (!(control instanceof HTMLInputElement)) throw new Error(`No input labelled "${text}".`);
  return control;
}

export function byRole(container: HTMLElement, role: string, name: string): HTMLElement {
  const all = [
    ...container.querySelectorAll<HTMLElement>(role === 'button' ? 'button' : `[role="${role}"]`),
  ];
  const found = all.find((el) => (el.getAttribute('aria-label') ?? el.textContent) === name);
  if (!found) throw new Error(`No ${role} named "${name}".`);
  return found;
}

/** Types into a React-controlled input: React tracks the value setter, so the native one must be used. */
export async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function click(element: HTMLElement): Promise<void> {
  await act(async () => {
    element.click();
  });
}
