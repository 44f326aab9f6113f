// The header's "Switch…" control for AWS and endpoint backends: pick a shared-file profile and a region, and
// switchBackend makes them current for new sessions (running ones keep theirs). The emulator has none.
import { useId, useState } from 'react';
import type { BackendInfo } from '../../../protocol/messages.js';
import { useAwsProfiles, useSwitchBackend } from '../../backendQueries.js';
import { describeError } from '../../queries.js';
import { profileLabel, regionChoices, ssoProblem } from './backendSwitchModel.js';

/** The select's value for "no profile": the SDK's default credential chain. */
const DEFAULT_CHAIN = '';

export function BackendSwitcher({ backend }: { backend: BackendInfo }) {
  const [open, setOpen] = useState(false);
  if (backend.kind === 'emulator') return null;
  return (
    <span className="backend-switch">
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        Switch…
      </button>
      {open && <SwitchForm backend={backend} onDone={() => setOpen(false)} />}
    </span>
  );
}

function SwitchForm({ backend, onDone }: { backend: BackendInfo; onDone: () => void }) {
  const id = useId();
  const profiles = useAwsProfiles(true);
  const switchBackend = useSwitchBackend();
  const [profile, setProfile] = useState(backend.profile ?? DEFAULT_CHAIN);
  const [region, setRegion] = useState('');
  const list = profiles.data?.profiles ?? [];
  const chosen = list.find((p) => p.name === profile);
  const problem = chosen && ssoProblem(chosen);
  const apply = () =>
    switchBackend.mutate(
      // An empty region leaves it to the profile (its own `region`, or the environment's).
      { profile, ...(region.trim() ? { region: region.trim() } : {}) },
      { onSuccess: onDone },
    );
  return (
    <form
      className="backend-switch-form"
      aria-label="Switch profile or region"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <label htmlFor={`${id}-profile`}>Profile</label>
      <select
        id={`${id}-profile`}
        value={profile}
        disabled={profiles.isPending}
        onChange={(e) => setProfile(e.target.value)}
      >
        <option value={DEFAULT_CHAIN}>(default credential chain)</option>
        {list.map((p) => (
          <option key={p.name} value={p.name}>
            {profileLabel(p)}
          </option>
        ))}
        {/* A profile the files no longer list stays selectable as what is in use now. */}
        {backend.profile && !list.some((p) => p.name === backend.profile) && (
          <option value={backend.profile}>{backend.profile}</option>
        )}
      </select>
      <label htmlFor={`${id}-region`}>Region</label>
      <input
        id={`${id}-region`}
        list={`${id}-regions`}
        value={region}
        placeholder={chosen?.region ?? backend.region}
        onChange={(e) => setRegion(e.target.value)}
      />
      <datalist id={`${id}-regions`}>
        {regionChoices(list).map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <button type="submit" disabled={switchBackend.isPending}>
        {switchBackend.isPending ? 'Switching…' : 'Apply'}
      </button>
      <p className="muted">
        New sessions use it; running sessions keep the profile they started with.
      </p>
      {profiles.isError && (
        <p role="alert">Could not read the AWS profiles: {describeError(profiles.error)}</p>
      )}
      {profiles.data && list.length === 0 && (
        <p className="muted">
          No profiles in {profiles.data.configFile} or {profiles.data.credentialsFile}.
        </p>
      )}
      {problem && <p role="alert">{`${profile}: ${problem}.`}</p>}
      {switchBackend.isError && (
        <p role="alert">Could not switch: {describeError(switchBackend.error)}</p>
      )}
    </form>
  );
}
