// The webview half of the panel's file dialogs: what it posts, how each answer settles its own request
// (saved, cancelled, opened, refused), that foreign messages are ignored, and that closing settles the rest.
import { describe, expect, it } from 'vitest';
import { createWebviewFiles } from './webviewFiles.js';

function setup() {
  const posted: Record<string, unknown>[] = [];
  const target = new EventTarget() as unknown as Window;
  const deliver = (data: unknown) => target.dispatchEvent(new MessageEvent('message', { data }));
  const { files, close } = createWebviewFiles(
    (m) => posted.push(m as Record<string, unknown>),
    target,
  );
  return { files, close, posted, deliver };
}

describe('webview file dialogs', () => {
  it('posts a saveFile request and settles it with the path, a cancel, or the refusal', async () => {
    const { files, posted, deliver } = setup();
    const saved = files.saveFile('a.har', '{}', 'application/har+json');
    const cancelled = files.saveFile('a.json', '{}', 'application/json');
    const refused = files.saveFile('b.json', '{}', 'application/json');
    expect(posted).toEqual([
      {
        kind: 'hostRequest',
        id: 1,
        action: 'saveFile',
        fileName: 'a.har',
        mime: 'application/har+json',
        text: '{}',
      },
      expect.objectContaining({ id: 2 }),
      expect.objectContaining({ id: 3 }),
    ]);
    deliver({ kind: 'response', id: 1, ok: true, result: null });
    deliver({ kind: 'hostResponse', id: 3, ok: false, error: 'Could not write /x: EACCES' });
    deliver({ kind: 'hostResponse', id: 2, ok: true, result: { cancelled: true } });
    deliver({ kind: 'hostResponse', id: 1, ok: true, result: { saved: '/tmp/a.har' } });
    await expect(saved).resolves.toEqual({ kind: 'saved', path: '/tmp/a.har' });
    await expect(cancelled).resolves.toEqual({ kind: 'cancelled' });
    await expect(refused).rejects.toThrow('Could not write /x: EACCES');
  });

  it("opens a file with the host's dialog, and closing rejects what is still waiting", async () => {
    const { files, close, posted, deliver } = setup();
    const opened = files.openFile!();
    expect(posted).toEqual([{ kind: 'hostRequest', id: 1, action: 'openFile' }]);
    deliver({ kind: 'hostResponse', id: 1, ok: true, result: { fileName: 'r.json', text: '[]' } });
    await expect(opened).resolves.toEqual({ kind: 'opened', fileName: 'r.json', text: '[]' });
    const waiting = files.openFile!();
    close();
    await expect(waiting).rejects.toThrow('The panel was closed.');
    expect(files.dropNeedsShift).toBe(true);
  });
});
