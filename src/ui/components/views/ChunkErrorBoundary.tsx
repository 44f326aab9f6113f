// Catches a lazily loaded chunk that fails to load or render (a stale build, a CSP that blocks it), so the
// rest of the inspector keeps working. Imported by DiffPanel.tsx.
import { Component, type ReactNode } from 'react';

interface Props {
  what: string;
  children?: ReactNode;
}

export class ChunkErrorBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <p role="alert" className="view-error">
          Could not load the {this.props.what}: {this.state.error.message}
        </p>
      );
    }
    return this.props.children;
  }
}
