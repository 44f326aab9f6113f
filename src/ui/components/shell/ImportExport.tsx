import { useRef, useState, type ChangeEvent } from 'react';
import type { Recording, SessionSummary } from '../../../protocol/messages.js';
import { describeError, useExportSession, useImportRecording } from '../../queries.js';
import { useUiState } from '../../UiStateProvider.js';

/** A file name that says what was recorded and when, safe on every file system. */
export function recordingFileName(
  session: Pick<
    SessionSummary,
    'applicationIdentifier' | 'environmentIdentifier' | 'configurationProfileIdentifier'
  >,
  at: number,
): string {
  const slug = [
    session.applicationIdentifier,
    session.environmentIdentifier,
    session.configurationProfileIdentifier,
  ]
    .map((part) => part.replace(/[^A-Za-z0-9._-]+/g, '_'))
    .join('-');
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/[:T]/g, '').replace(/-/g, '');
  return `appconfig-${slug}-${stamp}.json`;
}

/** Saves JSON through a Blob link: works in a browser tab and in a webview, with no server round trip. */
function downloadJson(fileName: string, value: Recording): void {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked on the next tick: the click has to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ExportButton({ session }: { session: SessionSummary }) {
  const exporter = useExportSession();
  return (
    <>
      <button
        type="button"
        disabled={exporter.isPending}
        title="Download this session as a JSON recording"
        onClick={() =>
          exporter.mutate(
            { sessionId: session.id },
            {
              onSuccess: (recording) =>
                downloadJson(recordingFileName(session, Date.now()), recording),
            },
          )
        }
      >
        Export
      </button>
      {exporter.isError && (
        <span role="alert" className="inline-error">
          Export failed: {describeError(exporter.error)}
        </span>
      )}
    </>
  );
}

/** Opens a recording file and shows it as a read-only session. */
export function ImportButton() {
  const { dispatch } = useUiState();
  const importer = useImportRecording();
  const input = useRef<HTMLInputElement>(null);
  const [readError, setReadError] = useState<string>();

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared so choosing the same file again still fires a change.
    e.target.value = '';
    if (!file) return;
    setReadError(undefined);
    importer.reset();
    let recording: unknown;
    try {
      recording = JSON.parse(await file.text());
    } catch (error) {
      setReadError(`${file.name} is not valid JSON: ${describeError(error)}`);
      return;
    }
    importer.mutate(
      { recording },
      { onSuccess: (session) => dispatch({ type: 'sessionSelected', sessionId: session.id }) },
    );
  };

  const error =
    readError ?? (importer.isError ? `Import failed: ${describeError(importer.error)}` : undefined);
  return (
    <>
      <button
        type="button"
        disabled={importer.isPending}
        title="Open a JSON recording as a read-only session"
        onClick={() => input.current?.click()}
      >
        Import
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="Recording file to import"
        hidden
        onChange={(e) => void onFile(e)}
      />
      {error && (
        <span role="alert" className="inline-error">
          {error}
        </span>
      )}
    </>
  );
}
