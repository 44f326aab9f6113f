// postMessage ⇄ service for one webview panel. The frame checks, the exactly-once answers and the event
// forwarding are protocol/messageServer.ts (the code the contract suite runs over postMessage); this adds
// what a webview needs on top: dropping answers meant for a page that has since been replaced, surviving a
// postMessage that rejects because the webview is gone, and disposal with the panel. File requests (save an
// export, open a recording) never reach the service: they go to hostFiles.ts, with the same page checks.
// vscode-free (the panel hands it a post/receive pair and the dialogs); must not import vscode, ui or server.
import { attachMessageServer } from '../../src/protocol/messageServer.js';
import type { RequestHandler } from '../../src/protocol/requestHandler.js';
import type { WireMessage } from '../../src/protocol/messages.js';
import {
  answerHostFrame,
  isHostFrame,
  type FileDialogs,
  type HostFileResponse,
} from './hostFiles.js';

/** The two halves of webview messaging the bridge needs (webview.postMessage / onDidReceiveMessage). */
export interface WebviewChannel {
  /** May return a Thenable, as webview.postMessage does; a rejection is logged, never thrown. */
  post(message: WireMessage | HostFileResponse): unknown;
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
    private readonly handler: RequestHandler,
    private readonly log: BridgeLog,
    /** Without them, file requests are answered with an error. */
    private readonly dialogs?: FileDialogs,
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
      (receive) =>
        this.channel.onMessage((data) => {
          if (isHostFrame(data)) this.answerFile(data, generation);
          else receive(data);
        }),
      (message) => this.log.warn(`webview: ${message}`),
    );
  }

  private answerFile(frame: unknown, generation: number): void {
    void answerHostFrame(frame, this.dialogs, (m) => this.log.warn(`webview: ${m}`)).then(
      (answer) => {
        if (!answer) return;
        // A dialog can outlive its page: the new page numbers from 1 again and must not get this answer.
        if (generation === this.generation) this.post(answer);
        else
          this.log.warn(
            `webview: dropped the answer to file request ${answer.id}: its page is gone`,
          );
      },
    );
  }

  private post(message: WireMessage | HostFileResponse): void {
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
