import { ImportButton } from './ImportExport.js';

/** What the main area shows with no session open: how to get one. */
export function EmptyState({ missing }: { missing?: boolean }) {
  return (
    <section className="empty-state" aria-label="No session selected">
      <h2>{missing ? 'That session no longer exists' : 'No session selected'}</h2>
      <p>
        Start a session with the form on the left, pick one from the list, or open a recording
        exported earlier. Every poll will appear here: tokens sent and received, intervals asked and
        waited, versions and flags.
      </p>
      <ImportButton />
    </section>
  );
}
