// The extension's entry point: wires the service host (src/service in-process, plus the embedded emulator),
// the single webview panel and its serializer, the commands, the status bar and the output channel.
// Bundled by esbuild.mjs into dist/extension.cjs. Imports vscode and this folder; never src/ui or src/server.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { importRecordingCommand, startSessionCommand } from './commands.js';
import { InspectorPanel, PANEL_VIEW_TYPE } from './panel.js';
import { SinglePanel } from './panelLifecycle.js';
import { ServiceHost } from './serviceHost.js';
import {
  describeSettings,
  resolveSettings,
  settingsDiffer,
  type InspectorSettings,
  type RawSettings,
} from './settings.js';
import { InspectorStatusBar } from './statusBar.js';

const SECTION = 'appconfigInspector';
const OPEN_COMMAND = `${SECTION}.open`;

let host: ServiceHost | undefined;
let channel: vscode.LogOutputChannel | undefined;

/** Deactivation stops the emulator asynchronously, after VS Code may have closed the channel: never throw then. */
function guarded(output: vscode.LogOutputChannel) {
  const safely = (write: (message: string) => void) => (message: string) => {
    try {
      write(message);
    } catch {
      // The channel is closed; the message has nowhere to go.
    }
  };
  return {
    info: safely((m) => output.info(m)),
    warn: safely((m) => output.warn(m)),
    error: safely((m) => output.error(m)),
    show: () => output.show(),
  };
}

export function activate(context: vscode.ExtensionContext): void {
  channel = vscode.window.createOutputChannel('AppConfig Inspector', { log: true });
  const log = guarded(channel);
  const serviceHost = new ServiceHost(log);
  host = serviceHost;
  const panels = new SinglePanel<InspectorPanel>();
  const open = () =>
    panels.show(() => InspectorPanel.create(context.extensionUri, serviceHost, log));
  let applied: InspectorSettings | undefined;
  /** Each fallback folder is announced once per window, not again on every settings restart. */
  const announcedDirs = new Set<string>();
  /** So is each recording proxy URL (a restart on a fixed port keeps it; on port 0 it changes). */
  const announcedProxies = new Set<string>();

  /** The line an app needs, with a Copy action; the output channel has it too. */
  const announceProxy = async (url: string) => {
    if (announcedProxies.has(url)) return;
    announcedProxies.add(url);
    const line = `AWS_ENDPOINT_URL_APPCONFIGDATA=${url}`;
    const choice = await vscode.window.showInformationMessage(
      `AppConfig Inspector: recording proxy on ${url}. Point your app at it to watch its calls: ${line}`,
      'Copy',
    );
    if (choice === 'Copy') await vscode.env.clipboard.writeText(line);
  };

  const warnProxy = async (failure: string) => {
    const choice = await vscode.window.showWarningMessage(
      `AppConfig Inspector: the recording proxy is not running: ${failure}. Everything else runs.`,
      'Open Settings',
    );
    if (choice === 'Open Settings')
      void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.proxyPort`);
  };

  const readSettings = () => {
    const config = vscode.workspace.getConfiguration(SECTION);
    const keys = [
      'backend',
      'region',
      'profile',
      'endpointUrl',
      'dataDirectory',
      'emulatorPort',
      'emulatorTimeScale',
      'proxyPort',
      'connectTimeoutMs',
      'requestTimeoutMs',
    ] as const;
    const raw: RawSettings = Object.fromEntries(keys.map((key) => [key, config.get(key)]));
    return resolveSettings(raw, {
      dataDirectory: context.globalStorageUri.fsPath,
      home: homedir(),
    });
  };

  const showFailure = async (message: string) => {
    const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Log');
    if (choice === 'Open Settings')
      void vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
    if (choice === 'Show Log') log.show();
  };

  /** Starts the service, or restarts it when a settings change resolves to different values. */
  const applySettings = async (change: boolean) => {
    let resolved: ReturnType<typeof readSettings>;
    try {
      resolved = readSettings();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log.error(message);
      applied = undefined;
      await serviceHost.stop();
      panels.current?.reload();
      void showFailure(`AppConfig Inspector is stopped: ${message}`);
      return;
    }
    // Before the no-restart check: a refused value that falls back to what runs (proxyPort 80 while the proxy
    // is off) changes nothing, and must still be refused out loud.
    for (const problem of resolved.problems) log.warn(problem);
    if (resolved.problems.length)
      void vscode.window.showWarningMessage(`AppConfig Inspector: ${resolved.problems.join(' ')}`);
    if (change && applied && !settingsDiffer(applied, resolved.settings)) return;
    applied = resolved.settings;
    try {
      await serviceHost.start(resolved.settings);
      const { dataDirectory, dataDirectoryNotice, proxyUrl, proxyFailure } = serviceHost.status();
      if (dataDirectory && dataDirectoryNotice && !announcedDirs.has(dataDirectory)) {
        announcedDirs.add(dataDirectory);
        void vscode.window.showInformationMessage(`AppConfig Inspector: ${dataDirectoryNotice}`);
      }
      if (change) {
        const runs = proxyFailure ? { ...resolved.settings, proxyPort: null } : resolved.settings;
        void vscode.window.showInformationMessage(
          `AppConfig Inspector restarted with the ${describeSettings(runs)}. Sessions that were polling are paused; resume them in the panel.`,
        );
      }
      if (proxyUrl) void announceProxy(proxyUrl);
      if (proxyFailure) void warnProxy(proxyFailure);
    } catch (e) {
      void showFailure(
        `AppConfig Inspector could not start with the ${describeSettings(resolved.settings)}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    // After a restart the page must handshake again and refetch everything from the new service.
    if (change) panels.current?.reload();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(OPEN_COMMAND, () => {
      open();
    }),
    vscode.commands.registerCommand(`${SECTION}.startSession`, () =>
      startSessionCommand(serviceHost, open, log),
    ),
    vscode.commands.registerCommand(`${SECTION}.importRecording`, () =>
      importRecordingCommand(serviceHost, open, log),
    ),
    // State revival: after a window reload VS Code hands back the panel, and the UI reads its own getState().
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        panels.adopt(InspectorPanel.revive(panel, context.extensionUri, serviceHost, log));
      },
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) void applySettings(true);
    }),
    new InspectorStatusBar(serviceHost, OPEN_COMMAND),
  );
  void applySettings(false);
}

/** Closing the panel stops nothing; only shutting the extension host down stops the service and emulator. */
export async function deactivate(): Promise<void> {
  await host?.stop();
  host = undefined;
  channel?.dispose();
  channel = undefined;
}
