// The session's Export (JSON recording), Export HAR and Import buttons, and the recording's file name. Files
// go where the host allows (transport/hostFiles.ts): downloads and a file input in a browser tab, VS Code's
// dialogs in the panel. Imported by SessionControls.tsx (a session's toolbar) and EmptyState.tsx (Import only).
import { useRef, useState, type ChangeEvent } from 'react';
import { recordingSlug } from '../../../core/recordingName.js';
import type { SessionSummary } from '../../../protocol/messages.js';
import { describeError, useExportHar, useExportSession } from '../../queries.js';
import { hostFiles } from '../../transport/index.js';
import { useOpenRecording } from './useOpenRecording.js';
import { useSaveFile, type SaveFile } from './useSaveFile.js';
import './share.css';

/** A file name that says what was recorded and when, safe on every file system. */
export function recordingFileName(
  session: Pick<
    SessionSummary,
    'applicationIdentifier' | 'environmentIdentifier' | 'configurationProfileIdentifier'
  >,
  at: number,
): string {
  const slug = recordingSlug(session);
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/[:T]/g, '').replace(/-/g, '');
  return `appconfig-${slug}-${stamp}.json`;
}

/** Where the last export went (VS Code's save dialog names a path; a download says so itself), or why not. */
function SaveNote({ save, failed }: { save: SaveFile; failed: string }) {
  if (save.error)
    return (
      <span role="alert" className="inline-error">
        {failed}: {save.error}
      </span>
    );
  if (save.savedTo)
    return (
      <span role="status" className="save-note">
        Saved to {save.savedTo}
      </span>
    );
  return null;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function ExportButton({ session }: { session: SessionSummary }) {
  const exporter = useExportSession();
  const save = useSaveFile();
  return (
    <>
      <button
        type="button"
        disabled={exporter.isPending || save.pending}
        title={`${hostFiles().openFile ? 'Save' : 'Download'} this session as a JSON recording`}
        onClick={() => {
          save.reset();
          exporter.mutate(
            { sessionId: session.id },
            {
              onSuccess: (recording) =>
                save.save(
                  recordingFileName(session, Date.now()),
                  json(recording),
                  'application/json',
                ),
            },
          );
        }}
      >
        Export
      </button>
      {exporter.isError && (
        <span role="alert" className="inline-error">
          Export failed: {describeError(exporter.error)}
        </span>
      )}
      <SaveNote save={save} failed="Export failed" />
      <ExportHarButton session={session} />
    </>
  );
}

/**
 * The session's calls as a HAR 1.2 file, for any browser's Network panel. Tokens are redacted unless the
 * user unticks the box: a HAR file is made to be shared, and a live token is a credential for 24 hours.
 */
function ExportHarButton({ session }: { session: SessionSummary }) {
  const exporter = useExportHar();
  const save = useSaveFile();
  const [redactTokens, setRedactTokens] = useState(true);
  return (
    <span className="har-export">
      <button
        type="button"
        disabled={exporter.isPending || save.pending}
        title={`${hostFiles().openFile ? 'Save' : 'Download'} this session's calls as a HAR 1.2 file (opens in a browser's Network panel)`}
        onClick={() => {
          save.reset();
          exporter.mutate(
            { sessionId: session.id, redactTokens },
            {
              onSuccess: (har) =>
                save.save(
                  recordingFileName(session, Date.now()).replace(/\.json$/, '.har'),
                  json(har),
                  'application/har+json',
                ),
            },
          );
        }}
      >
        Export HAR
      </button>
      <label>
        <input
          type="checkbox"
          checked={redactTokens}
          onChange={(e) => setRedactTokens(e.target.checked)}
        />
        Redact tokens
      </label>
      {exporter.isError && (
        <span role="alert" className="inline-error">
          HAR export failed: {describeError(exporter.error)}
        </span>
      )}
      <SaveNote save={save} failed="HAR export failed" />
    </span>
  );
}

/** Opens a recording file and shows it as a read-only session. */
export function ImportButton() {
  const recording = useOpenRecording();
  const input = useRef<HTMLInputElement>(null);
  const files = hostFiles();
  const openFile = files.openFile;

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared so choosing the same file again still fires a change.
    e.target.value = '';
    if (file) void recording.open(file);
  };

  return (
    <>
      <button
        type="button"
        disabled={recording.pending}
        title={
          files.dropNeedsShift
            ? 'Open a JSON recording as a read-only session (or hold Shift to drop a recording here)'
            : 'Open a JSON recording as a read-only session (or drop the file on the page)'
        }
        onClick={() => (openFile ? void recording.pick(openFile) : input.current?.click())}
      >
        Import
      </button>
      {/* The host's dialog replaces it where there is one: the page cannot read the host's files. */}
      {!openFile && (
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          aria-label="Recording file to import"
          hidden
          onChange={onFile}
        />
      )}
      {recording.error && (
        <span role="alert" className="inline-error">
          {recording.error}
        </span>
      )}
    </>
  );
}
