// The Monaco diff editor itself. Loaded only through React.lazy from DiffPanel, so Monaco lands in its own
// chunk outside the initial bundle. Imports src/ui/monaco/setup.ts; nothing else may import this file eagerly.
import { useEffect, useRef } from 'react';
import { monaco } from '../../monaco/setup.js';
import { followPageTheme, pageTheme } from './monacoTheme.js';

export interface DiffEditorProps {
  original: string;
  modified: string;
  /** Monaco language id: json, yaml or plaintext. */
  language: string;
  sideBySide: boolean;
  originalLabel: string;
  modifiedLabel: string;
}

interface EditorParts {
  editor: monaco.editor.IStandaloneDiffEditor;
  original: monaco.editor.ITextModel;
  modified: monaco.editor.ITextModel;
}

const LARGE_DOCUMENTS = 1024 * 1024;

export default function DiffEditor({
  original,
  modified,
  language,
  sideBySide,
  originalLabel,
  modifiedLabel,
}: DiffEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const partsRef = useRef<EditorParts | null>(null);

  // One editor and two models per mount; later prop changes update them in place instead of rebuilding.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const editor = monaco.editor.createDiffEditor(host, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      // Otherwise Monaco silently falls back to inline on narrow panels and the toggle seems broken.
      useInlineViewWhenSpaceIsLimited: false,
      scrollBeyondLastLine: false,
      minimap: { enabled: false },
      renderOverviewRuler: true,
      theme: pageTheme(),
    });
    const parts: EditorParts = {
      editor,
      original: monaco.editor.createModel('', 'plaintext'),
      modified: monaco.editor.createModel('', 'plaintext'),
    };
    editor.setModel({ original: parts.original, modified: parts.modified });
    partsRef.current = parts;

    // The page theme can change under us: VS Code swaps body classes, the OS flips dark mode.
    const stopFollowing = followPageTheme((theme) => monaco.editor.setTheme(theme));

    return () => {
      stopFollowing();
      partsRef.current = null;
      // Editor first: disposing a model still attached to a diff editor throws.
      editor.dispose();
      parts.original.dispose();
      parts.modified.dispose();
    };
  }, []);

  useEffect(() => {
    const parts = partsRef.current;
    if (!parts) return;
    for (const [model, text] of [
      [parts.original, original],
      [parts.modified, modified],
    ] as const) {
      // Past ~512 kB the JSON/YAML worker (validation, folding) dominates diff-ready time (bench/ui) and
      // adds nothing to reading a diff: fall back to plain text, as Monaco's own large-file mode would.
      const wanted = original.length + modified.length > LARGE_DOCUMENTS ? 'plaintext' : language;
      if (model.getLanguageId() !== wanted) monaco.editor.setModelLanguage(model, wanted);
      if (model.getValue() !== text) model.setValue(text);
    }
  }, [original, modified, language]);

  useEffect(() => {
    const editor = partsRef.current?.editor;
    if (!editor) return;
    editor.updateOptions({ renderSideBySide: sideBySide });
    // Aria labels are construction options of the diff editor, but plain options of its two inner editors.
    editor.getOriginalEditor().updateOptions({ ariaLabel: `Original version ${originalLabel}` });
    editor.getModifiedEditor().updateOptions({ ariaLabel: `Modified version ${modifiedLabel}` });
  }, [sideBySide, originalLabel, modifiedLabel]);

  return <div ref={hostRef} className="diff-editor-host" data-testid="diff-editor" />;
}
