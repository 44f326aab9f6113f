// What the main area shows with no session open: how to get one. On the embedded emulator, whose seed holds a
// demo application, the first thing offered is the demo itself, one click from a running session.
// Rendered by SessionWorkspace.tsx.
import { describeError, useHello, useResources } from '../../queries.js';
import { hostFiles } from '../../transport/index.js';
import { ImportButton } from './ImportExport.js';
import { useStartAndOpen } from './useStartAndOpen.js';
import './picker.css';

/** The emulator's seeded demo (src/emulator/seeds/demo.json). */
const DEMO_APP = 'demo-app';
const DEMO_ENV = 'dev';
const DEMO_PROFILES = [
  { name: 'app-config', button: 'Start the demo session' },
  { name: 'feature-flags', button: 'Start the feature-flags demo' },
] as const;

export function EmptyState({ missing }: { missing?: boolean }) {
  return (
    <section className="empty-state" aria-label="No session selected">
      <h2>{missing ? 'That session no longer exists' : 'No session selected'}</h2>
      <DemoOffer />
      <p>
        Start a session with the form on the left, pick one from the list, or open a recording
        exported earlier (
        {hostFiles().dropNeedsShift
          ? 'or hold Shift and drop its file here'
          : 'or drop its file on the page'}
        ). Every poll will appear here: tokens sent and received, intervals asked and waited,
        versions and flags.
      </p>
      <ImportButton />
    </section>
  );
}

/** Only on the embedded emulator, and only for the parts of the demo it still holds. */
function DemoOffer() {
  const backend = useHello().data?.backend;
  const onEmulator = backend?.kind === 'emulator' && backend.canListResources;
  const apps = useResources(onEmulator ? { kind: 'applications' } : undefined).data;
  const demo = apps?.find((a) => a.name === DEMO_APP);
  const envs = useResources(
    demo ? { kind: 'environments', applicationId: demo.id } : undefined,
  ).data;
  const profiles = useResources(
    demo ? { kind: 'configurationProfiles', applicationId: demo.id } : undefined,
  ).data;
  const { start, startAndOpen } = useStartAndOpen();

  if (!envs?.some((e) => e.name === DEMO_ENV)) return null;
  const offered = DEMO_PROFILES.filter((p) => profiles?.some((listed) => listed.name === p.name));
  if (offered.length === 0) return null;
  return (
    <div className="demo-offer" role="group" aria-label="Demo">
      <p>
        The embedded emulator holds a demo application: {DEMO_APP} / {DEMO_ENV}.
      </p>
      {offered.map((p, i) => (
        <button
          key={p.name}
          type="button"
          className={i === 0 ? 'primary' : undefined}
          disabled={start.isPending}
          title={`Start a session on ${DEMO_APP} / ${DEMO_ENV} / ${p.name} and open it`}
          onClick={() =>
            startAndOpen({
              applicationIdentifier: DEMO_APP,
              environmentIdentifier: DEMO_ENV,
              configurationProfileIdentifier: p.name,
            })
          }
        >
          {start.isPending && start.variables?.configurationProfileIdentifier === p.name
            ? 'Starting…'
            : p.button}
        </button>
      ))}
      {start.isError && (
        <p className="form-error" role="alert">
          Could not start the demo: {describeError(start.error)}
        </p>
      )}
    </div>
  );
}
