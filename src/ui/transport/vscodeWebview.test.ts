import { afterEach, describe, expect, it } from 'vitest';
import { toEnvelope } from '../../protocol/client.js';
import { ProtocolError, type WireMessage } from '../../protocol/messages.js';
import { validateRequest } from '../../protocol/validate.js';
import { summary } from '../testSupport.js';
import { createVsCodeWebviewHost, type VsCodeApi } from './vscodeWebview.js';

/**
 * Plays the extension host: answers each posted request through the real validator and sends frames back
 * as window 'message' events, exactly as webview.postMessage delivers them.
 */
function fakeExtensionHost() {
  let state: unknown;
  const posted: unknown[] = [];
  const deliver = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data }));
  const api: VsCodeApi = {
    getState: () => state,
    setState: (s) => {
      state = s;
    },
    postMessage: (message) => {
      posted.push(message);
      const frame = message as Extract<WireMessage, { kind: 'request' }>;
      setTimeout(() => {
        try {
          const { method } = validateRequest(frame.method, frame.params);
          if (method !== 'listSessions')
            throw new ProtocolError('notFound', 'No such session "nope".');
          deliver({ kind: 'response', id: frame.id, ok: true, result: [summary()] });
        } catch (e) {
          deliver({ kind: 'response', id: frame.id, ok: false, error: toEnvelope(e) });
        }
      }, 0);
    },
  };
  return { api, posted, deliver, state: () => state };
}

describe('VS Code webview transport', () => {
  const hosts: { close(): void }[] = [];
  afterEach(() => hosts.splice(0).forEach((h) => h.close()));

  it('sends request frames with postMessage and settles each with its answer or error envelope', async () => {
    const ext = fakeExtensionHost();
    const { client } = createVsCodeWebviewHost(ext.api);
    hosts.push(client);
    await expect(client.request('listSessions', {})).resolves.toEqual([summary()]);
    await expect(client.request('getSession', { sessionId: 'nope' })).rejects.toMatchObject({
      code: 'notFound',
      message: 'No such session "nope".',
    });
    const bad = client.request('getSession', {} as { sessionId: string });
    await expect(bad).rejects.toMatchObject({
      code: 'invalidParams',
      message: '"sessionId" must be a string.',
    });
    expect(ext.posted[0]).toEqual({ kind: 'request', id: 1, method: 'listSessions', params: {} });
  });

  it('delivers pushed events and ignores messages that are not protocol frames', () => {
    const ext = fakeExtensionHost();
    const { client } = createVsCodeWebviewHost(ext.api);
    hosts.push(client);
    const seen: string[] = [];
    client.onEvent((e) => seen.push(e.type));
    ext.deliver({ kind: 'event', event: { type: 'sessionDeleted', sessionId: 's1' } });
    ext.deliver({ type: 'sessionDeleted' });
    ext.deliver('vscode-internal-ping');
    ext.deliver({ kind: 'request', id: 1, method: 'hello', params: {} });
    expect(seen).toEqual(['sessionDeleted']);
  });

  it('stops listening when closed, and keeps UI state in vscode.setState', () => {
    const ext = fakeExtensionHost();
    const { client, stateStore } = createVsCodeWebviewHost(ext.api);
    const seen: string[] = [];
    client.onEvent((e) => seen.push(e.type));
    client.close();
    ext.deliver({ kind: 'event', event: { type: 'sessionDeleted', sessionId: 's1' } });
    expect(seen).toEqual([]);
    stateStore.save({ selectedSessionId: 's1' });
    expect(ext.state()).toEqual({ selectedSessionId: 's1' });
    expect(stateStore.load()).toEqual({ selectedSessionId: 's1' });
  });
});
