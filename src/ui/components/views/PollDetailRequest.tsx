// The request half of the poll detail pane (imported by PollDetail.tsx): method and path, the token the
// poll sent (full while the service holds it, always its fingerprint), the start's JSON body, the SDK's
// attempts and invocation id.
import type { PollEvent } from '../../../core/ledger.js';
import type { RawRequest } from '../../../protocol/messages.js';
import { TokenChip } from './Chips.js';

/** Indented for reading; shown as sent if it is somehow not JSON. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function PollDetailRequest({ event, request }: { event: PollEvent; request: RawRequest }) {
  const token = request.tokenIn;
  return (
    <section className="poll-detail-part" aria-labelledby={`poll-request-${event.seq}`}>
      <h4 id={`poll-request-${event.seq}`}>Request</h4>
      {/* One line, cut with an ellipsis: the path repeats the ~1 kB token shown whole below. */}
      <p className="mono poll-detail-path" title={`${request.method} ${request.path}`}>
        <strong>{request.method}</strong> {request.path}
      </p>
      <dl className="poll-detail-facts">
        <dt>Why sent</dt>
        <dd>{event.trigger}</dd>
        {event.kind === 'poll' && (
          <>
            <dt>Token in</dt>
            <dd>
              {token ? (
                <>
                  <TokenChip fingerprint={token.fingerprint} label="Token in" />{' '}
                  <span className="mono">{token.fingerprint}</span>
                  {token.full ? (
                    <code
                      className="poll-detail-token"
                      // A named group: a bare <code> may not carry a label; focusable so it scrolls by keyboard.
                      role="group"
                      aria-label="Full token in"
                      tabIndex={0}
                    >
                      {token.full}
                    </code>
                  ) : (
                    <span className="muted">
                      {' '}
                      — full token no longer held (the inspector keeps only the newest ones)
                    </span>
                  )}
                </>
              ) : (
                <span className="muted">none recorded</span>
              )}
            </dd>
          </>
        )}
        <dt>Attempts</dt>
        <dd>
          {request.attempts}
          {request.attempts > 1 && (
            <span className="muted"> (the SDK retried with the same token and invocation id)</span>
          )}
        </dd>
        <dt>Invocation id</dt>
        <dd className="mono">
          {request.invocationId ?? <span className="muted">not recorded</span>}
        </dd>
      </dl>
      {request.body !== undefined && (
        <>
          <h5>Body</h5>
          <pre className="raw-body" role="group" aria-label="Request body" tabIndex={0}>
            {prettyJson(request.body)}
          </pre>
        </>
      )}
    </section>
  );
}
