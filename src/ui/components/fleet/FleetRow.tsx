// One fleet as one entry of the session list (not one row per member): what it polls, its size and state,
// and who holds which version now. An option of SessionList's listbox; selecting it opens the fleet view.
import { ListOption } from '../shell/ListOption.js';
import type { FleetSummary } from '../../../protocol/messages.js';
import { splitText } from './fleetModel.js';

interface FleetRowProps {
  fleet: FleetSummary;
  selected: boolean;
  tabbable: boolean;
  onSelect: () => void;
}

export function FleetRow({ fleet, selected, tabbable, onSelect }: FleetRowProps) {
  // From the summary listFleets and fleetChanged keep fresh: a list entry never fetches all the members.
  const split = splitText(fleet.held, fleet.size);
  return (
    <ListOption
      selected={selected}
      tabbable={tabbable}
      onSelect={onSelect}
      className="session-row fleet-row"
      data={{ 'data-fleet-id': fleet.id }}
    >
      <span className="session-name">
        {fleet.applicationIdentifier} / {fleet.environmentIdentifier} /{' '}
        {fleet.configurationProfileIdentifier}
      </span>
      <span className="session-meta">
        <span className="badge">fleet of {fleet.size}</span>
        <span className={`state state-${fleet.state}`}>{fleet.state}</span>
        <time
          dateTime={new Date(fleet.startedAt).toISOString()}
          title={new Date(fleet.startedAt).toLocaleString()}
        >
          {new Date(fleet.startedAt).toLocaleTimeString()}
        </time>
        {split && <span title="Members per version now">{split}</span>}
      </span>
    </ListOption>
  );
}
