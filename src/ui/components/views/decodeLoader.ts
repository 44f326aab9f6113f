// Loads core/decode.ts on first use. It pulls in the yaml parser (~100 kB minified), which only the diff and
// raw views need, so it stays out of the initial bundle. Imported by DiffPanel.tsx and RawView.tsx, read
// with React's use() under a Suspense boundary.
import type * as Decode from '../../../core/decode.js';

let pending: Promise<typeof Decode> | undefined;

/** One promise for the whole app: use() needs the same promise on every render to settle. */
export function decodeModule(): Promise<typeof Decode> {
  pending ??= import('../../../core/decode.js');
  return pending;
}
