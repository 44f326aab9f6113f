// The Raw tab: one poll's HTTP answer as the SDK saw it — status line, headers, body (text or hex dump) or
// the error with its details. Rendered by the shell for the selected poll; reads useRawResponse only.
// RawHeaders and RawPayload are also the response half of the poll detail pane (PollDetail.tsx).
import { lazy, Suspense, use, useMemo, useState } from 'react';
import type { RawResponse } from '../../../protocol/messages.js';
import { describeError, useRawResponse } from '../../queries.js';
import { base64ToBytes } from './bytes.js';
import { ChunkErrorBoundary } from './ChunkErrorBoundary.js';
import { decodeModule } from './decodeLoader.js';
import { formatBytes, formatStatusLine } from './format.js';
import { bodyNotices, DISPLAY_CHARS, headerNotices } from './rawNotices.js';
import './views.css';

// The detail pane reads a text body in Monaco (read-only, themed like the diff); loaded on first use only.
const CodeEditor = lazy(() => import('../deployments/CodeEditor.js'));
const MONACO_LANGUAGE = { json: 'json', yaml: 'yaml', text: 'plaintext' } as const;

export interface RawViewProps {
  sessionId: string;
  seq: number;
}

export function RawView({ sessionId, seq }: RawViewProps) {
  const raw = useRawResponse(sessionId, seq);
  if (raw.isPending) {
    return (
      <p role="status" className="view-loading">
        Loading poll #{seq}…
      </p>
    );
  }
  if (raw.isError) {
    return (
      <p role="alert" className="view-error">
        Could not load poll #{seq}: {describeError(raw.error)}
      </p>
    );
  }
  return <RawResponseView response={raw.data} />;
}

function Notices({ notices, what }: { notices: string[]; what: string }) {
  if (notices.length === 0) return null;
  return (
    <ul className="raw-notices" aria-label={`Problems with the ${what}`}>
      {notices.map((notice) => (
        <li key={notice} className="view-warning">
          {notice}
        </li>
      ))}
    </ul>
  );
}

function RawResponseView({ response }: { response: RawResponse }) {
  return (
    <section className="raw-view" aria-label={`Raw response of poll #${response.seq}`}>
      <h3 className="raw-status">
        <span className="muted">#{response.seq}</span> {formatStatusLine(response.httpStatus)}
      </h3>
      <RawHeaders response={response} />
      <RawPayload response={response} />
    </section>
  );
}

/** Every response header in a table, then what a poll's answer lacks. */
export function RawHeaders({ response }: { response: RawResponse }) {
  const headers = Object.entries(response.headers);
  return (
    <>
      <h4>Headers</h4>
      {headers.length === 0 ? (
        <p className="muted">No headers recorded.</p>
      ) : (
        <table className="raw-headers">
          <thead>
            <tr>
              <th scope="col">Header</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {headers.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td className="mono">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Notices notices={headerNotices(response)} what="headers" />
    </>
  );
}

/**
 * The decoded body (text or hex dump, with its size and type), or the error with its details. `monaco`: a text
 * body is shown in a read-only Monaco viewer (the detail pane) instead of plain text (the Raw tab).
 */
export function RawPayload({
  response,
  monaco = false,
}: {
  response: RawResponse;
  monaco?: boolean;
}) {
  return response.error ? (
    <RawError error={response.error} />
  ) : (
    <ChunkErrorBoundary what="decoder">
      <Suspense fallback={<p className="view-loading">Decoding body…</p>}>
        <RawBody response={response} monaco={monaco} />
      </Suspense>
    </ChunkErrorBoundary>
  );
}

function RawBody({ response, monaco }: { response: RawResponse; monaco: boolean }) {
  const { decodeConfiguration } = use(decodeModule());
  const [showAll, setShowAll] = useState(false);
  const body = response.body;
  const decoded = useMemo(
    () => (body ? decodeConfiguration(base64ToBytes(body.base64), body.contentType) : undefined),
    [decodeConfiguration, body],
  );
  if (!body || !decoded) {
    // AWS sends an empty 200 when the client already holds the latest version; it is not "no configuration".
    const unchanged = response.httpStatus === 200 || response.httpStatus === 204;
    return (
      <>
        <h4>Body</h4>
        <p className="muted">
          {unchanged
            ? 'Empty body: the configuration is unchanged since the previous poll.'
            : 'No body recorded.'}
        </p>
      </>
    );
  }
  const cut = !showAll && decoded.text.length > DISPLAY_CHARS;
  return (
    <>
      <h4>
        Body{' '}
        <span className="muted">
          ({decoded.kind === 'binary' ? 'binary, ' : ''}
          {formatBytes(body.size)}
          {body.contentType ? `, ${body.contentType}` : ''})
        </span>
      </h4>
      <Notices notices={bodyNotices(response, decoded, cut)} what="body" />
      {cut && (
        <button type="button" onClick={() => setShowAll(true)}>
          Show all {formatBytes(body.size)}
        </button>
      )}
      {monaco && decoded.kind !== 'binary' && !cut ? (
        <ChunkErrorBoundary what="Monaco viewer">
          <Suspense fallback={<p className="view-loading">Loading the viewer…</p>}>
            <div className="raw-body-viewer" role="group" aria-label="Response body">
              <CodeEditor
                value={decoded.text}
                language={MONACO_LANGUAGE[decoded.kind]}
                ariaLabel="Response body (read-only)"
                readOnly
              />
            </div>
          </Suspense>
        </ChunkErrorBoundary>
      ) : (
        <pre className="raw-body" aria-label="Response body" tabIndex={0}>
          {cut ? decoded.text.slice(0, DISPLAY_CHARS) : decoded.text}
        </pre>
      )}
    </>
  );
}

function RawError({ error }: { error: NonNullable<RawResponse['error']> }) {
  return (
    <div className="raw-error" role="group" aria-label="Error">
      <h4>Error</h4>
      <p>
        <strong>{error.errorName}</strong>: {error.message}
      </p>
      {error.details !== undefined && (
        <pre className="raw-body" aria-label="Error details">
          {JSON.stringify(error.details, null, 2)}
        </pre>
      )}
    </div>
  );
}
