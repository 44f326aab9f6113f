// Monaco, tree-shaken to what the version diff and the version editor need: the editor core, the diff editor,
// JSON (with its worker) and YAML colouring. Imported only by components/views/DiffEditor.tsx and
// components/deployments/CodeEditor.tsx, both loaded lazily, so none of this is in the initial bundle.
// Must not be imported by unit tests (loading it takes ~10 s).
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/diffEditor/register';
// Without document symbols the diff editor logs "depends on UNKNOWN service IOutlineModelService".
import 'monaco-editor/features/documentSymbols/register';
import 'monaco-editor/languages/features/json/register';
import 'monaco-editor/languages/definitions/yaml/register';
// Inlined (blob:) workers: a VS Code webview refuses `new Worker(<vscode-resource URL>)` as cross-origin and
// Monaco then silently runs without workers (docs/toolchain.md pitfall 14). The CSP must allow `worker-src blob:`.
import EditorWorker from 'monaco-editor/editor/editor.worker?worker&inline';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker&inline';
import { MONACO_THEMES } from '../components/views/monacoTheme.js';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

// Defined before any editor is created, so pageTheme() may name them (components/views/monacoTheme.ts).
for (const [name, data] of Object.entries(MONACO_THEMES)) monaco.editor.defineTheme(name, data);

export { monaco };
