// Opens a recording (as Export writes it) as a read-only session and selects it: the one path the Import
// button, the host's open dialog (the VS Code panel) and dropping a file on the page (DropToOpen.tsx) all
// take, so each refuses a bad file with the same words. Imported by ImportExport.tsx and DropToOpen.tsx.
import { useState } from 'react';
import { describeError, useImportRecording } from '../../queries.js';
import type { OpenOutcome } from '../../transport/index.js';
import { useUiState } from '../../UiStateProvider.js';

export interface OpenRecording {
  open(file: File): Promise<void>;
  /** Asks the host's open dialog for a file, then opens it as open() does; a cancel changes nothing. */
  pick(openFile: () => Promise<OpenOutcome>): Promise<void>;
  pending: boolean;
  /** Why the last file was refused, in words; undefined once a new one is being read. */
  error?: string;
  clearError(): void;
}

export function useOpenRecording(): OpenRecording {
  const { dispatch } = useUiState();
  const importer = useImportRecording();
  const [readError, setReadError] = useState<string>();
  const [picking, setPicking] = useState(false);

  const openText = (fileName: string, text: string) => {
    let recording: unknown;
    try {
      recording = JSON.parse(text);
    } catch (error) {
      setReadError(`${fileName} is not valid JSON: ${describeError(error)}`);
      return;
    }
    importer.mutate(
      { recording },
      { onSuccess: (session) => dispatch({ type: 'sessionSelected', sessionId: session.id }) },
    );
  };

  const clearError = () => {
    setReadError(undefined);
    importer.reset();
  };

  const open = async (file: File) => {
    clearError();
    openText(file.name, await file.text());
  };

  const pick = async (openFile: () => Promise<OpenOutcome>) => {
    clearError();
    setPicking(true);
    try {
      const outcome = await openFile();
      if (outcome.kind === 'opened') openText(outcome.fileName, outcome.text);
    } catch (error) {
      setReadError(`Import failed: ${describeError(error)}`);
    } finally {
      setPicking(false);
    }
  };

  return {
    open,
    pick,
    pending: picking || importer.isPending,
    error:
      readError ??
      (importer.isError ? `Import failed: ${describeError(importer.error)}` : undefined),
    clearError,
  };
}
