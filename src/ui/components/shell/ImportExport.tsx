// The session's Export (JSON recording), Export HAR and Import buttons, and the recording's file name.
// Imported by SessionControls.tsx (a session's toolbar) and EmptyState.tsx (Import only).
import { useRef, useState, type ChangeEvent } from 'react';
import type { SessionSummary } from '../../../protocol/messages.js';
import { describeError, useExportHar, useExportSession } from '../../queries.js';
import { useOpenRecording } from './useOpenRecording.js';
import './share.css';

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
function downloadJson(fileName: string, value: unknown, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type }));
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
  const [redactTokens, setRedactTokens] = useState(true);
  return (
    <span className="har-export">
      <button
        type="button"
        disabled={exporter.isPending}
        title="Download this session's calls as a HAR 1.2 file (opens in a browser's Network panel)"
        onClick={() =>
          exporter.mutate(
            { sessionId: session.id, redactTokens },
            {
              onSuccess: (har) =>
                downloadJson(
                  recordingFileName(session, Date.now()).replace(/\.json$/, '.har'),
                  har,
                  'application/har+json',
                ),
            },
          )
        }
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
    </span>
  );
}

/** Opens a recording file and shows it as a read-only session. */
export function ImportButton() {
  const recording = useOpenRecording();
  const input = useRef<HTMLInputElement>(null);

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
        title="Open a JSON recording as a read-only session (or drop the file on the page)"
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
        onChange={onFile}
      />
      {recording.error && (
        <span role="alert" className="inline-error">
          {recording.error}
        </span>
      )}
    </>
  );
}
