// The contract over a message transport: an in-memory postMessage pair (structured clone on every hop,
// as postMessage does) between createMessageClient and attachMessageServer — what the webview uses.
import { createMessageClient } from '../protocol/client.js';
import { attachMessageServer } from '../protocol/messageServer.js';
import type { WireMessage } from '../protocol/messages.js';
import { protocolContract } from './test/contract.js';

protocolContract('postMessage', async (service) => {
  const toServer = new Set<(frame: unknown) => void>();
  const toClient = new Set<(frame: WireMessage) => void>();
  const deliver = <T>(targets: Set<(m: T) => void>, message: T) =>
    queueMicrotask(() => targets.forEach((t) => t(structuredClone(message))));
  const detach = attachMessageServer(
    service,
    (m) => deliver(toClient, m),
    (receive) => {
      toServer.add(receive);
      return () => toServer.delete(receive);
    },
  );
  const client = createMessageClient(
    (m) => deliver(toServer, m),
    (receive) => {
      toClient.add(receive);
      return () => toClient.delete(receive);
    },
  );
  return {
    client,
    close: async () => {
      client.close();
      detach();
    },
  };
});
