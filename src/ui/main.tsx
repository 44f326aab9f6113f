// Boot: pick the host's transport once, fold its pushed events into one QueryClient, and render the app with
// the client and the host's UI-state store in context. The Vite entry for both browser and webview builds.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './App.js';
import { connectClientToCache } from './cacheEvents.js';
import { createInspectorQueryClient, InspectorClientProvider } from './queries.js';
import { connectHost } from './transport/index.js';
import { UiStateProvider } from './UiStateProvider.js';
import './styles.css';

const host = connectHost();
const queryClient = createInspectorQueryClient();
// Subscribed before the first render so no event pushed during the initial fetches is dropped.
connectClientToCache(host.client, queryClient);
document.documentElement.dataset['host'] = host.kind;

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">.');
createRoot(root).render(
  <StrictMode>
    <InspectorClientProvider client={host.client}>
      <QueryClientProvider client={queryClient}>
        <UiStateProvider store={host.stateStore}>
          <App />
        </UiStateProvider>
      </QueryClientProvider>
    </InspectorClientProvider>
  </StrictMode>,
);
