// The lazy boundary around CodeEditor: Monaco loads in its own chunk, with a plain status while it does and
// an alert if the chunk cannot load. This file must never import src/ui/monaco or monaco-editor directly.
import { lazy, Suspense } from 'react';
import { ChunkErrorBoundary } from '../views/ChunkErrorBoundary.js';
import type { CodeEditorProps } from './CodeEditor.js';

const CodeEditor = lazy(() => import('./CodeEditor.js'));

export function VersionEditor(props: CodeEditorProps) {
  return (
    <ChunkErrorBoundary what="editor">
      <Suspense
        fallback={
          <p role="status" className="view-loading diff-editor-host">
            Loading editor…
          </p>
        }
      >
        <CodeEditor {...props} />
      </Suspense>
    </ChunkErrorBoundary>
  );
}
