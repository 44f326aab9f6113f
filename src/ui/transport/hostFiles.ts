// What the UI can do with files where it runs: save an export and (in VS Code) open a recording. In a browser
// tab a Blob link downloads the file and <input type=file> opens one; a VS Code webview can do neither, so
// webviewFiles.ts asks the extension host, which shows VS Code's dialogs. Picked with the transport in
// index.ts; the components reach it through hostFiles() there.

/** The two kinds of content the UI saves: a recording (Export) and a HAR 1.2 file (Export HAR). */
export type SaveMime = 'application/json' | 'application/har+json';

export type SaveOutcome =
  /** Written by the host to this path, which the user chose. */
  | { kind: 'saved'; path: string }
  /** Handed to the browser's downloads, which say where it went. */
  | { kind: 'downloaded' }
  | { kind: 'cancelled' };

export type OpenOutcome =
  { kind: 'opened'; fileName: string; text: string } | { kind: 'cancelled' };

export interface HostFiles {
  saveFile(fileName: string, text: string, mime: SaveMime): Promise<SaveOutcome>;
  /** The host's open dialog; undefined where the page's own file input works (a browser tab). */
  openFile?: () => Promise<OpenOutcome>;
  /** VS Code's workbench takes a dropped file unless Shift is held; a browser tab needs nothing. */
  dropNeedsShift: boolean;
}

export const browserFiles: HostFiles = {
  saveFile(fileName, text, mime) {
    const url = URL.createObjectURL(new Blob([text], { type: mime }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    // Revoked on the next tick: the click has to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 0);
    return Promise.resolve({ kind: 'downloaded' });
  },
  dropNeedsShift: false,
};
