// The status bar item: live sessions and their worst flag (statusSummary.ts), refreshed shortly after service
// events and once a minute (a held token ages without any event). Clicking it opens the panel. Imports vscode.
import * as vscode from 'vscode';
import type { SessionSnapshot } from '../../src/protocol/messages.js';
import type { ServiceHost } from './serviceHost.js';
import { isLive, summarizeStatus } from './statusSummary.js';

const REFRESH_DELAY_MS = 300;
const PERIODIC_REFRESH_MS = 60_000;

export class InspectorStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'appconfigInspector.status',
    vscode.StatusBarAlignment.Left,
    50,
  );
  private readonly unsubscribes: (() => void)[] = [];
  private readonly interval: ReturnType<typeof setInterval>;
  private pending?: ReturnType<typeof setTimeout>;
  private disposed = false;

  constructor(
    private readonly host: ServiceHost,
    openCommand: string,
  ) {
    this.item.name = 'AppConfig Inspector';
    this.item.command = openCommand;
    this.item.text = '$(pulse) AppConfig';
    this.item.show();
    // Polls can arrive several a second; one refresh per burst is enough.
    this.unsubscribes.push(
      host.onEvent(() => this.schedule()),
      host.onStateChange(() => this.schedule()),
    );
    this.interval = setInterval(() => this.schedule(), PERIODIC_REFRESH_MS);
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.interval);
    clearTimeout(this.pending);
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    this.item.dispose();
  }

  private schedule(): void {
    if (this.pending !== undefined || this.disposed) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    const status = this.host.status();
    if (!status.settings) {
      this.show(
        '$(pulse) AppConfig $(circle-slash)',
        `AppConfig Inspector is not running${status.failure ? `: ${status.failure}` : '.'}\nSee the "AppConfig Inspector" output channel.`,
      );
      return;
    }
    try {
      const sessions = await this.host.request('listSessions', {});
      const live = sessions.filter((s) => isLive(s.state));
      const paused = sessions.filter((s) => s.state === 'paused' && !s.readOnly).length;
      // A session may be deleted between the two calls; it simply drops out of the count.
      const snapshots = (
        await Promise.allSettled(
          live.map((s) => this.host.request('getSession', { sessionId: s.id })),
        )
      )
        .filter((r): r is PromiseFulfilledResult<SessionSnapshot> => r.status === 'fulfilled')
        .map((r) => r.value);
      const summary = summarizeStatus(snapshots, paused, Date.now());
      const background =
        summary.worst === 'error'
          ? 'statusBarItem.errorBackground'
          : summary.worst === 'warning'
            ? 'statusBarItem.warningBackground'
            : undefined;
      this.show(summary.text, summary.tooltip, background);
    } catch {
      // The service is restarting; the state change that follows schedules another refresh.
    }
  }

  private show(text: string, tooltip: string, background?: string): void {
    if (this.disposed) return;
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background ? new vscode.ThemeColor(background) : undefined;
  }
}
