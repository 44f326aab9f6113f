// Holds the rest of the app back until the hello handshake agrees on PROTOCOL_VERSION, showing a banner on
// a mismatch. Rendered by App.tsx.
import type { ReactNode } from 'react';
import { PROTOCOL_VERSION, ProtocolError } from '../../../protocol/messages.js';
import { describeError, useHello } from '../../queries.js';

/**
 * Renders the app only once the hello handshake agrees on PROTOCOL_VERSION: a UI and a service from different
 * installs would misread each other's messages, so a mismatch stops here with a banner instead.
 */
export function HandshakeGate({ children }: { children: ReactNode }) {
  const hello = useHello();
  if (hello.isPending)
    return (
      <p className="boot-status" role="status">
        Connecting to the inspector…
      </p>
    );
  if (hello.isError) {
    if (hello.error instanceof ProtocolError && hello.error.code === 'protocolMismatch') {
      return <MismatchBanner detail={hello.error.message} />;
    }
    return (
      <div className="banner banner-error" role="alert">
        <strong>Cannot reach the inspector.</strong> {describeError(hello.error)}{' '}
        <button type="button" onClick={() => void hello.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  if (hello.data.protocolVersion !== PROTOCOL_VERSION) {
    return (
      <MismatchBanner
        detail={`The inspector speaks protocol version ${hello.data.protocolVersion}.`}
      />
    );
  }
  return children;
}

function MismatchBanner({ detail }: { detail: string }) {
  return (
    <div className="banner banner-error" role="alert">
      <strong>Protocol version mismatch.</strong> This page speaks protocol version{' '}
      {PROTOCOL_VERSION}. {detail} Reload the page (or reopen the panel) so the UI and the inspector
      come from the same install.
    </div>
  );
}
