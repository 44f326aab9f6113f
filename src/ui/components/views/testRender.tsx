// Test support for the views' DOM tests: renders into happy-dom with React's act(), optionally behind a
// QueryClient and a real InspectorClient (createMessageClient) whose peer answers from a literal table.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createMessageClient } from '../../../protocol/client.js';
import type { Method, Params, Result, WireMessage } from '../../../protocol/messages.js';
import { ProtocolError } from '../../../protocol/messages.js';
import { InspectorClientProvider } from '../../queries.js';
import { UiStateProvider } from '../../UiStateProvider.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Rendered {
  container: HTMLElement;
  rerender: (ui: ReactNode) => Promise<void>;
  unmount: () => Promise<void>;
}

export async function render(ui: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  let root: Root | undefined;
  // Views that keep a preference (usePreference) need the UI state context; this one forgets on unmount.
  let saved: unknown;
  const store = { load: () => saved, save: (state: unknown) => void (saved = state) };
  const withState = (node: ReactNode) => <UiStateProvider store={store}>{node}</UiStateProvider>;
  await act(async () => {
    root = createRoot(container);
    root.render(withState(ui));
  });
  return {
    container,
    rerender: (next) => act(async () => root?.render(withState(next))),
    unmount: async () => {
      await act(async () => root?.unmount());
      container.remove();
    },
  };
}

type Handlers = { [M in Method]?: (params: Params<M>) => Result<M> };

/** Wraps `ui` in the providers the data-reading views need; the peer answers requests from `handlers`. */
export function withServer(ui: ReactNode, handlers: Handlers): ReactNode {
  let receive: ((message: WireMessage) => void) | undefined;
  const client = createMessageClient(
    (message) => {
      if (message.kind !== 'request') return;
      const handler = handlers[message.method] as ((params: unknown) => unknown) | undefined;
      // Answer asynchronously, as a real transport would.
      queueMicrotask(() => {
        if (!handler) {
          receive?.({
            kind: 'response',
            id: message.id,
            ok: false,
            error: { code: 'unknownMethod', message: message.method },
          });
          return;
        }
        try {
          receive?.({
            kind: 'response',
            id: message.id,
            ok: true,
            result: handler(message.params),
          });
        } catch (e) {
          const error =
            e instanceof ProtocolError
              ? e.toEnvelope()
              : { code: 'internal' as const, message: String(e) };
          receive?.({ kind: 'response', id: message.id, ok: false, error });
        }
      });
    },
    (r) => {
      receive = r;
      return () => (receive = undefined);
    },
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return (
    <QueryClientProvider client={queryClient}>
      <InspectorClientProvider client={client}>{ui}</InspectorClientProvider>
    </QueryClientProvider>
  );
}

/** Lets pending promises and the re-renders they cause settle. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++)
    await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

/** Settles until `ready()` holds: lazy imports (the decoder chunk) take longer than a few ticks on first load. */
export async function waitFor(ready: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await settle(1);
  }
}

export function bytesToBase64(bytes: Uint8Array): string {
  // In slices: spreading megabytes into one call overflows the argument limit.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function click(el: Element | null | undefined): Promise<void> {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    (el as HTMLElement).click();
  });
}
