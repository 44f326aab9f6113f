// Opens a recording file (as Export writes it) as a read-only session and selects it: the one path both the
// Import button and dropping a file on the page (DropToOpen.tsx) take, so both refuse a bad file with the same
// words. Imported by ImportExport.tsx and DropToOpen.tsx.
import { useState } from 'react';
import { describeError, useImportRecording } from '../../queries.js';
import { useUiState } from '../../UiStateProvider.js';

export interface OpenRecording {
  open(file: File): Promise<void>;
  pending: boolean;
  /** Why the last file was refused, in words; undefined once a new one is being read. */
  error?: string;
  clearError(): void;
}

export function useOpenRecording(): OpenRecording {
  const { dispatch } = useUiState();
  const importer = useImportRecording();
  const [readError, setReadError] = useState<string>();

  const open = async (file: File) => {
    setReadError(undefined);
    importer.reset();
    let recording: unknown;
    try {
      recording = JSON.parse(await file.text());
    } catch (error) {
      setReadError(`${file.name} is not valid JSON: ${describeError(error)}`);
      return;
    }
    importer.mutate(
      { recording },
      { onSuccess: (session) => dispatch({ type: 'sessionSelected', sessionId: session.id }) },
    );
  };

  return {
    open,
    pending: importer.isPending,
    error:
      readError ??
      (importer.isError ? `Import failed: ${describeError(importer.error)}` : undefined),
    clearError: () => {
      setReadError(undefined);
      importer.reset();
    },
  };
}
