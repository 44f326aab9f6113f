// The page layout: header, then (once the handshake agrees) the session column and the open session.
// Composition only: state lives in queries.ts (server) and UiStateProvider (UI); behaviour in components.
import { DropToOpen } from './components/shell/DropToOpen.js';
import { HandshakeGate } from './components/shell/HandshakeGate.js';
import { Header } from './components/shell/Header.js';
import { SessionForm } from './components/shell/SessionForm.js';
import { SessionList } from './components/shell/SessionList.js';
import { SessionWorkspace } from './components/shell/SessionWorkspace.js';
import { useRevealRequests } from './useRevealRequests.js';

export function App() {
  return (
    <div className="app">
      <Header />
      <HandshakeGate>
        <div className="layout">
          <aside className="sidebar" aria-label="Sessions">
            <SessionForm />
            <SessionList />
          </aside>
          <main className="main">
            <SessionWorkspace />
          </main>
          <RevealRequests />
          <DropToOpen />
        </div>
      </HandshakeGate>
    </div>
  );
}

/** Mounted after the handshake, so its hello answer is the agreed one. */
function RevealRequests() {
  useRevealRequests();
  return null;
}
