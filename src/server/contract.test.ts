// The contract over HTTP/SSE: the browser transport (real fetch + a real SSE stream) against the real
// server wrapping the real service on the real emulator.
import { createHttpSseClient } from '../ui/transport/httpSse.js';
import { protocolContract } from '../service/test/contract.js';
import { startInspectorServer } from './server.js';
import { NodeEventSource } from './testEventSource.js';

protocolContract('HTTP/SSE', async (service) => {
  const server = await startInspectorServer({ handler: service, port: 0 });
  // Node's fetch has no cookie jar: send the token the browser's cookie would carry.
  const fetchWithToken: typeof fetch = (input, init) =>
    fetch(input, {
      ...init,
      headers: {
        ...(init?.headers as Record<string, string>),
        Authorization: `Bearer ${server.token}`,
      },
    });
  const client = createHttpSseClient(server.url, {
    fetch: fetchWithToken,
    EventSource: NodeEventSource.withToken(server.token),
  });
  // Wait for the event stream so no pushed event is missed by the first test step.
  await new Promise<void>((resolve) => {
    const off = client.onConnection((state) => {
      if (state === 'open') {
        off();
        resolve();
      }
    });
  });
  return {
    client,
    close: async () => {
      client.close();
      await server.close();
    },
  };
});
