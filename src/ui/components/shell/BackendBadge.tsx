// The header's backend badge: which AppConfig the service talks to (emulator, AWS profile and region, or an
// endpoint), who the inspector signs as there, and the profile/region switcher. Rendered by Header.tsx.
import type { BackendInfo } from '../../../protocol/messages.js';
import { BackendSwitcher } from './BackendSwitcher.js';
import { principalName } from './principalName.js';

const KIND_LABELS: Record<BackendInfo['kind'], string> = {
  emulator: 'Emulator',
  aws: 'AWS',
  endpoint: 'Endpoint',
};

/**
 * Which AppConfig the service talks to, so nobody mistakes the emulator for production (or the reverse), who
 * the inspector signs as there, and for AWS or an endpoint the control that switches profile or region.
 */
export function BackendBadge({ backend }: { backend: BackendInfo }) {
  const details = [backend.endpoint, backend.profile ? `profile ${backend.profile}` : undefined]
    .filter(Boolean)
    .join(', ');
  return (
    <>
      <span
        className={`backend-badge backend-${backend.kind}`}
        title={details || undefined}
        aria-label={`Backend: ${KIND_LABELS[backend.kind]}, region ${backend.region}${backend.profile ? `, profile ${backend.profile}` : ''}`}
      >
        <strong>{KIND_LABELS[backend.kind]}</strong> {backend.region}
        {backend.profile && <span className="muted"> {backend.profile}</span>}
        {backend.kind === 'endpoint' && backend.endpoint && (
          <span className="muted"> {backend.endpoint}</span>
        )}
      </span>
      <Identity backend={backend} />
      <BackendSwitcher backend={backend} />
    </>
  );
}

/** The account and principal STS reported, or why it could not say (nothing while the answer is pending). */
function Identity({ backend }: { backend: BackendInfo }) {
  if (backend.identity) {
    const { account, arn } = backend.identity;
    const name = principalName(arn);
    return (
      <span
        className="backend-identity"
        title={arn}
        aria-label={`Signed in as ${name} in account ${account}`}
      >
        {account} <strong>{name}</strong>
      </span>
    );
  }
  if (backend.identityError)
    return (
      <span className="backend-identity identity-unknown" title={backend.identityError}>
        Identity unknown: {backend.identityError}
      </span>
    );
  return null;
}
