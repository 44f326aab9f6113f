// The bridge between a webview's frames and the real service on the real emulator: shape checks, one answer
// per request, events forwarded, stale answers dropped after a page reset, nothing posted after dispose.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMessageClient } from '../../src/protocol/client.js';
import { PROTOCOL_VERSION, type WireMessage } from '../../src/protocol/messages.js';
import { InspectorService } from '../../src/service/inspectorService.js';
import { Bridge, type WebviewChannel } from './bridge.js';
import { launchEmulator, type LaunchedEmulator } from './emulatorLauncher.js';

const demo = {
  applicationIdentifier: 'demo-app',
  environmentIdentifier: 'dev',
  configurationProfileIdentifier: 'app-config',
};

let emulator: LaunchedEmulator;
let dataDir: string;
let service: InspectorService;

beforeAll(async () => {
  emulator = await launchEmulator({ port: 0 });
  dataDir = mkdtempSync(join(tmpdir(), 'aci-bridge-'));
  service = new InspectorService({
    backend: { kind: 'emulator', endpoint: emulator.url },
    dataDir,
  });
});

afterAll(async () => {
  service.close();
  await emulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A webview stand-in: frames are structured-cloned and delivered asynchronously, as postMessage does. */
class FakeWebview implements WebviewChannel {
  readonly posted: WireMessage[] = [];
  readonly listeners = new Set<(data: unknown) => void>();
  postResult: unknown = undefined;

  post(message: WireMessage): unknown {
    this.posted.push(structuredClone(message));
    return this.postResult;
  }
  onMessage(listener: (data: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  send(data: unknown): void {
    const copy = structuredClone(data);
    queueMicrotask(() => this.deliverNow(copy));
  }
  /** Synchronous delivery, for tests that must act between a request's receipt and its answer. */
  deliverNow(data: unknown): void {
    this.listeners.forEach((l) => l(structuredClone(data)));
  }
  responses(id?: number) {
    return this.posted.filter(
      (m): m is Extract<WireMessage, { kind: 'response' }> =>
        m.kind === 'response' && (id === undefined || m.id === id),
    );
  }
  async waitForResponse(id: number) {
    await expect.poll(() => this.responses(id).length, { timeout: 10_000 }).toBeGreaterThan(0);
    return this.responses(id)[0]!;
  }
}

let webview: FakeWebview;
let warnings: string[];
let bridge: Bridge;
beforeEach(() => {
  webview = new FakeWebview();
  warnings = [];
  bridge = new Bridge(webview, service, { warn: (m) => warnings.push(m) });
  return () => bridge.dispose();
});

describe('inbound frames', () => {
  it('answers a valid request once with its result', async () => {
    webview.send({
      kind: 'request',
      id: 1,
      method: 'hello',
      params: { protocolVersion: PROTOCOL_VERSION },
    });
    const answer = await webview.waitForResponse(1);
    expect(answer).toMatchObject({
      ok: true,
      result: {
        protocolVersion: PROTOCOL_VERSION,
        backend: { kind: 'emulator', endpoint: emulator.url },
      },
    });
    // A second answer to 1 would be posted before the answer to a request sent after it.
    webview.send({ kind: 'request', id: 2, method: 'listSessions', params: {} });
    await webview.waitForResponse(2);
    expect(webview.responses(1)).toHaveLength(1);
  });

  it('answers an unknown method and bad params with precise error envelopes', async () => {
    webview.send({ kind: 'request', id: 2, method: 'dropTables', params: {} });
    webview.send({
      kind: 'request',
      id: 3,
      method: 'startSession',
      params: { ...demo, applicationIdentifier: '' },
    });
    webview.send({
      kind: 'request',
      id: 4,
      method: 'getSession',
      params: { sessionId: 's-1', extra: true },
    });
    expect(await webview.waitForResponse(2)).toEqual({
      kind: 'response',
      id: 2,
      ok: false,
      error: { code: 'unknownMethod', message: 'Unknown method "dropTables".' },
    });
    expect(await webview.waitForResponse(3)).toMatchObject({
      ok: false,
      error: {
        code: 'invalidParams',
        message: '"applicationIdentifier" must be 1–128 characters long (got 0).',
      },
    });
    expect(await webview.waitForResponse(4)).toMatchObject({
      ok: false,
      error: { code: 'invalidParams', message: expect.stringContaining('unknown field "extra"') },
    });
  });

  it('answers a malformed frame that carries an id, and drops (but logs) one that cannot be answered', async () => {
    webview.send({ kind: 'request', id: 5, method: 42 });
    webview.send({ kind: 'response', id: 6, ok: true, result: 1 });
    webview.send('hello');
    webview.send({ kind: 'request', method: 'hello', params: {} });
    expect(await webview.waitForResponse(5)).toMatchObject({
      ok: false,
      error: { code: 'invalidParams' },
    });
    expect(await webview.waitForResponse(6)).toMatchObject({
      ok: false,
      error: { code: 'invalidParams', message: expect.stringContaining('"response"') },
    });
    await expect.poll(() => warnings.length).toBe(4);
    expect(warnings.join('\n')).toMatch(/not an object/);
    expect(warnings.join('\n')).toMatch(/without a numeric id/);
    expect(webview.responses()).toHaveLength(2);
  });
});

describe('the webview client through the bridge', () => {
  it('starts a session and receives its events as event frames', async () => {
    const client = createMessageClient(
      (m) => webview.send(m),
      (receive) => {
        const original = webview.post.bind(webview);
        webview.post = (m) => {
          const result = original(m);
          queueMicrotask(() => receive(structuredClone(m)));
          return result;
        };
        return () => (webview.post = original);
      },
    );
    const received = new Promise<string>((resolve) => {
      client.onEvent((e) => {
        if (e.type === 'configurationReceived') resolve(e.sessionId);
      });
    });
    const summary = await client.request('startSession', demo);
    expect(summary).toMatchObject({ applicationIdentifier: 'demo-app', state: 'polling' });
    expect(await received).toBe(summary.id);
    expect(
      webview.posted
        .filter((m) => m.kind === 'event')
        .map((m) => (m.kind === 'event' ? m.event.type : '')),
    ).toContain('sessionStarted');
    await client.request('stopSession', { sessionId: summary.id });
    client.close();
  });
});

describe('page resets and disposal', () => {
  it('drops an answer that was meant for the page before a reset, and answers the new page', async () => {
    // The service answers asynchronously, so a reset right after receipt lands before the answer.
    webview.deliverNow({ kind: 'request', id: 1, method: 'listSessions', params: {} });
    bridge.reset();
    webview.send({
      kind: 'request',
      id: 1,
      method: 'hello',
      params: { protocolVersion: PROTOCOL_VERSION },
    });
    const answer = await webview.waitForResponse(1);
    // The dropped listSessions started first, so it would have been posted before a later one's answer.
    webview.send({ kind: 'request', id: 2, method: 'listSessions', params: {} });
    await webview.waitForResponse(2);
    expect(webview.responses(1)).toHaveLength(1);
    expect(answer).toMatchObject({ ok: true, result: { protocolVersion: PROTOCOL_VERSION } });
    expect(webview.listeners.size).toBe(1);
  });

  it('stops listening and posting when disposed', async () => {
    bridge.dispose();
    expect(webview.listeners.size).toBe(0);
    const session = await service.request('startSession', demo);
    await service.request('stopSession', { sessionId: session.id });
    expect(webview.posted).toEqual([]);
  });

  it('logs instead of throwing when the webview refuses a message', async () => {
    webview.postResult = Promise.reject(new Error('Webview is disposed'));
    (webview.postResult as Promise<unknown>).catch(() => undefined);
    webview.send({ kind: 'request', id: 9, method: 'listSessions', params: {} });
    await expect.poll(() => warnings.some((w) => w.includes('Webview is disposed'))).toBe(true);
  });
});
