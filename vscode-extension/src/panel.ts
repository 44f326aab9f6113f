// The inspector's webview panel: loads the built UI from media/ under a strict CSP with a fresh nonce, wires
// its messages to the service through the bridge, and reloads the page when the service restarts.
// retainContextWhenHidden stays off: the UI keeps its state with vscode.setState and refetches on boot, so a
// hidden panel costs no memory. Imports vscode; the serializer that revives it is registered in extension.ts.
import * as vscode from 'vscode';
import type { RequestHandler } from '../../src/protocol/requestHandler.js';
import { Bridge, type BridgeLog } from './bridge.js';
import { vscodeFileDialogs } from './fileDialogs.js';
import { createNonce, renderWebviewHtml } from './html.js';
import type { ManagedPanel } from './panelLifecycle.js';

export const PANEL_VIEW_TYPE = 'appconfigInspector.panel';
const TITLE = 'AppConfig Inspector';

const mediaRoot = (extensionUri: vscode.Uri) => vscode.Uri.joinPath(extensionUri, 'media');

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [mediaRoot(extensionUri)] };
}

export class InspectorPanel implements ManagedPanel {
  private readonly bridge: Bridge;
  private readonly disposables: vscode.Disposable[] = [];

  static create(extensionUri: vscode.Uri, handler: RequestHandler, log: BridgeLog): InspectorPanel {
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      TITLE,
      vscode.ViewColumn.Active,
      webviewOptions(extensionUri),
    );
    return new InspectorPanel(panel, extensionUri, handler, log);
  }

  /** For the serializer: VS Code restored the tab after a reload; the UI restores its own state. */
  static revive(
    panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    handler: RequestHandler,
    log: BridgeLog,
  ): InspectorPanel {
    panel.webview.options = webviewOptions(extensionUri);
    return new InspectorPanel(panel, extensionUri, handler, log);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    handler: RequestHandler,
    private readonly log: BridgeLog,
  ) {
    const webview = panel.webview;
    this.bridge = new Bridge(
      {
        post: (message) => webview.postMessage(message),
        onMessage: (listener) => {
          const subscription = webview.onDidReceiveMessage(listener);
          return () => subscription.dispose();
        },
      },
      handler,
      log,
      vscodeFileDialogs,
    );
    this.disposables.push(
      // A hidden panel loses its page (no retainContextWhenHidden); answers still in flight belong to it.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.bridge.reset();
      }),
      panel.onDidDispose(() => {
        this.bridge.dispose();
        for (const d of this.disposables.splice(0)) d.dispose();
      }),
    );
    void this.render();
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** A new page: after a service restart the UI must handshake again and refetch everything. */
  reload(): void {
    void this.render();
  }

  dispose(): void {
    this.panel.dispose();
  }

  /** The subscription ends with the panel; it is not kept with the others so closing can't cut it short. */
  onDidDispose(listener: () => void): void {
    this.panel.onDidDispose(listener);
  }

  private async render(): Promise<void> {
    const webview = this.panel.webview;
    const media = mediaRoot(this.extensionUri);
    let html: string;
    try {
      const template = new TextDecoder().decode(
        await vscode.workspace.fs.readFile(vscode.Uri.joinPath(media, 'index.html')),
      );
      html = renderWebviewHtml(template, {
        cspSource: webview.cspSource,
        baseUri: webview.asWebviewUri(media).toString(),
        nonce: createNonce(),
      });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.log.warn(`Could not load the inspector UI from ${media.fsPath}: ${reason}`);
      html = errorPage(
        `The inspector UI is missing from this extension (${reason}). Reinstall the .vsix, or run npm run build:extension.`,
      );
    }
    this.bridge.reset();
    webview.html = html;
  }
}

function errorPage(message: string): string {
  const text = message.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';"></head><body><p>${text}</p></body></html>`;
}
