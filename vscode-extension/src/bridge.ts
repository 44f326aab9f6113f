// postMessage ⇄ service for one webview panel. The frame checks, the exactly-once answers and the event
// forwarding are protocol/messageServer.ts (the code the contract suite runs over postMessage); this adds
// what a webview needs on top: dropping answers meant for a page that has since been replaced, surviving a
// postMessage that rejects because the webview is gone, and disposal with the panel.
// vscode-free (the panel hands it a post/receive pair); must not import vscode, ui or server.
import { attachMessageServer, type MessageHandler } from '../../src/protocol/messageServer.js';
import type { WireMessage } from '../../src/protocol/messages.js';

/** The two halves of webview messaging the bridge needs (webview.postMessage / onDidReceiveMessage). */
export interface WebviewChannel {
  /** May return a Thenable, as webview.postMessage does; a rejection is logged, never thrown. */
  post(message: WireMessage): unknown;
  /** Returns the unsubscribe function. */
  onMessage(listener: (data: unknown) => void): () => void;
}

export interface BridgeLog {
  warn(message: string): void;
}

export class Bridge {
  private detach?: () => void;
  private generation = 0;
  private disposed = false;

  constructor(
    private readonly channel: WebviewChannel,
    private readonly handler: MessageHandler,
    private readonly log: BridgeLog,
  ) {
    this.attach();
  }

  /**
   * Call when the page behind the channel is reloaded or discarded (a hidden panel loses its page). The new
   * page numbers its requests from 1 again, so a late answer for the old page could settle the wrong request:
   * each page gets its own attachment, and answers from an older one are dropped.
   */
  reset(): void {
    if (!this.disposed) this.attach();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.generation++;
    this.detach?.();
    this.detach = undefined;
  }

  private attach(): void {
    const generation = ++this.generation;
    this.detach?.();
    this.detach = attachMessageServer(
      this.handler,
      (message) => {
        if (generation === this.generation) this.post(message);
      },
      (receive) => this.channel.onMessage(receive),
      (message) => this.log.warn(`webview: ${message}`),
    );
  }

  private post(message: WireMessage): void {
    try {
      const sent = this.channel.post(message);
      if (sent && typeof (sent as PromiseLike<unknown>).then === 'function') {
        (sent as PromiseLike<unknown>).then(undefined, (e: unknown) =>
          this.log.warn(`Could not post to the webview: ${String(e)}`),
        );
      }
    } catch (e) {
      this.log.warn(`Could not post to the webview: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
