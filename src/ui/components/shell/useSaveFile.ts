// Saves an export where the host allows (a download in a browser tab, VS Code's save dialog in the panel)
// and keeps what the user should be told: where it went, or why it did not. A cancelled dialog says
// nothing. Imported by ImportExport.tsx (Export and Export HAR).
import { useState } from 'react';
import { describeError } from '../../queries.js';
import { hostFiles, type SaveMime } from '../../transport/index.js';

export interface SaveFile {
  save(fileName: string, text: string, mime: SaveMime): Promise<void>;
  pending: boolean;
  savedTo?: string;
  error?: string;
  reset(): void;
}

export function useSaveFile(): SaveFile {
  const [pending, setPending] = useState(false);
  const [savedTo, setSavedTo] = useState<string>();
  const [error, setError] = useState<string>();
  const reset = () => {
    setSavedTo(undefined);
    setError(undefined);
  };
  const save = async (fileName: string, text: string, mime: SaveMime) => {
    reset();
    setPending(true);
    try {
      const outcome = await hostFiles().saveFile(fileName, text, mime);
      if (outcome.kind === 'saved') setSavedTo(outcome.path);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setPending(false);
    }
  };
  return { save, pending, savedTo, error, reset };
}
