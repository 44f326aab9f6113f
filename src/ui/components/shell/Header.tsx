// The page header: title, connection state, the backend badge and the theme toggle. Rendered by App.tsx.
import { useConnectionState, useHello } from '../../queries.js';
import { BackendBadge } from './BackendBadge.js';
import { ThemeToggle } from './ThemeToggle.js';

export function Header() {
  const backend = useHello().data?.backend;
  const connection = useConnectionState();
  return (
    <header className="app-header">
      <h1>AppConfig Inspector</h1>
      {backend && <BackendBadge backend={backend} />}
      {connection === 'closed' && (
        <span className="connection-lost" role="status">
          Disconnected, reconnecting…
        </span>
      )}
      <ThemeToggle />
    </header>
  );
}
