// The identifiers part of a recording's file name, safe on every file system. Imported by the UI's Export
// (shell/ImportExport.tsx) and `watch --recording` (cli/watchCollect.ts), so both name a session's file alike.
// Pure core.

export interface RecordedIdentifiers {
  applicationIdentifier: string;
  environmentIdentifier: string;
  configurationProfileIdentifier: string;
}

/** `app-env-profile`, each part with runs of characters outside `[A-Za-z0-9._-]` replaced by `_`. */
export function recordingSlug(s: RecordedIdentifiers): string {
  return [s.applicationIdentifier, s.environmentIdentifier, s.configurationProfileIdentifier]
    .map((part) => part.replace(/[^A-Za-z0-9._-]+/g, '_'))
    .join('-');
}
