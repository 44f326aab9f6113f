// A single Monaco editor for writing (or reading) a hosted version, with the authoring problem marked at its
// line. Loaded only through React.lazy (VersionEditor.tsx; views/RawView.tsx for the poll detail pane's
// read-only body), like views/DiffEditor.tsx, so Monaco stays out of
// the initial bundle; nothing may import this file eagerly.
import { useEffect, useRef } from 'react';
import type { DocumentProblem } from '../../../core/authoredDocument.js';
import { monaco } from '../../monaco/setup.js';
import { followPageTheme, pageTheme } from '../views/monacoTheme.js';

export interface CodeEditorProps {
  value: string;
  /** Monaco language id: json, yaml or plaintext. */
  language: string;
  ariaLabel: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  problem?: DocumentProblem;
}

export default function CodeEditor({
  value,
  language,
  ariaLabel,
  onChange,
  readOnly = false,
  problem,
}: CodeEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    // Created empty: the effects below apply the text, language and options, and keep them current.
    const model = monaco.editor.createModel('', 'plaintext');
    const editor = monaco.editor.create(host, {
      model,
      automaticLayout: true,
      scrollBeyondLastLine: false,
      minimap: { enabled: false },
      theme: pageTheme(),
    });
    editorRef.current = editor;
    const sub = model.onDidChangeContent(() => onChangeRef.current?.(model.getValue()));
    const stopFollowing = followPageTheme((theme) => monaco.editor.setTheme(theme));
    return () => {
      stopFollowing();
      sub.dispose();
      editorRef.current = null;
      editor.dispose();
      model.dispose();
    };
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
    if (model.getValue() !== value) model.setValue(value);
  }, [value, language]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly, ariaLabel });
  }, [readOnly, ariaLabel]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const markers = problem
      ? [
          {
            severity: monaco.MarkerSeverity.Error,
            message: problem.reason,
            startLineNumber: problem.line,
            startColumn: problem.column ?? 1,
            endLineNumber: problem.line,
            endColumn: model.getLineMaxColumn(Math.min(problem.line, model.getLineCount())),
          },
        ]
      : [];
    monaco.editor.setModelMarkers(model, 'authored', markers);
  }, [problem, value]);

  return <div ref={hostRef} className="diff-editor-host" data-testid="code-editor" />;
}
