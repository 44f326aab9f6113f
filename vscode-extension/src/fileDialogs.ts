// VS Code's save and open dialogs for the panel's Export, Export HAR and Import (hostFiles.ts does the rest).
// Starts in the folder last used, else the first workspace folder, else the home folder. Imported by panel.ts.
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { FileDialogs } from './hostFiles.js';

/** Shared by every panel of this window: the user's last choice is the best guess for the next one. */
let lastFolder: string | undefined;

function startFolder(): string {
  return lastFolder ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? homedir();
}

/** Only the extension host's own disk: the file is written with node:fs so it can be made owner-only. */
function localPath(uri: vscode.Uri | undefined): string | undefined {
  if (!uri) return undefined;
  if (uri.scheme !== 'file')
    throw new Error(`Only files on this machine can be used (got a ${uri.scheme}: location).`);
  lastFolder = dirname(uri.fsPath);
  return uri.fsPath;
}

export const vscodeFileDialogs: FileDialogs = {
  async pickSavePath(fileName, kind) {
    return localPath(
      await vscode.window.showSaveDialog({
        title: kind.title,
        saveLabel: 'Save',
        defaultUri: vscode.Uri.file(join(startFolder(), fileName)),
        filters: { [kind.filter]: [kind.extension] },
      }),
    );
  },
  async pickOpenPath() {
    const picked = await vscode.window.showOpenDialog({
      title: 'Import a recording',
      openLabel: 'Import',
      canSelectMany: false,
      canSelectFolders: false,
      defaultUri: vscode.Uri.file(startFolder()),
      filters: { JSON: ['json'] },
    });
    return localPath(picked?.[0]);
  },
};
