// The fleet's members, compactly: failing and lagging ones first (fleetModel.membersToShow), a page at a
// time so 1,000 members cost a few dozen rows, each with an Open button that shows it as a normal session.
import { useMemo, useState } from 'react';
import type { FleetMember, FleetVersion } from '../../../protocol/messages.js';
import { versionName } from './fleetChartModel.js';
import { labelsOf, membersToShow } from './fleetModel.js';

interface FleetMemberListProps {
  members: readonly FleetMember[];
  versions: readonly FleetVersion[];
  /** The deployment's version label, so members without it sort as lagging. */
  targetLabel?: string;
  onOpen: (sessionId: string) => void;
}

const PAGE = 25;

export function FleetMemberList({ members, versions, targetLabel, onOpen }: FleetMemberListProps) {
  const [shown, setShown] = useState(PAGE);
  const ordered = useMemo(
    () => membersToShow(members, versions, targetLabel),
    [members, versions, targetLabel],
  );
  const labels = useMemo(() => labelsOf(versions), [versions]);
  // Members are numbered in start order, whatever order the list shows them in.
  const numberOf = useMemo(
    () => new Map(members.map((m, i) => [m.sessionId, i + 1] as const)),
    [members],
  );
  const rows = ordered.slice(0, shown);

  return (
    <section className="fleet-members" aria-labelledby="fleet-members-heading">
      <h3 id="fleet-members-heading">Members</h3>
      <p className="muted">Failing and lagging members first.</p>
      <table className="fleet-member-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">State</th>
            <th scope="col">Holds</th>
            <th scope="col">Polls</th>
            <th scope="col">Last poll</th>
            <th scope="col">
              <span className="fleet-sr">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => {
            const n = numberOf.get(m.sessionId) ?? 0;
            return (
              <tr key={m.sessionId} data-session-id={m.sessionId}>
                <td>{n}</td>
                <td>
                  <span className={`state state-${m.state}`}>{m.state}</span>
                  {m.lastError && (
                    <span className="inline-error" title={m.lastError}>
                      {m.lastError}
                    </span>
                  )}
                </td>
                <td>
                  {m.contentHash === undefined
                    ? 'none yet'
                    : (m.currentVersionLabel ?? versionName(labels, m.contentHash))}
                </td>
                <td>{m.pollCount}</td>
                <td>
                  {m.lastPollAt === undefined ? '—' : new Date(m.lastPollAt).toLocaleTimeString()}
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onOpen(m.sessionId)}>
                    Open member {n}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {ordered.length > shown && (
        <button type="button" onClick={() => setShown((s) => s + PAGE * 4)}>
          Show more ({ordered.length - shown} not shown)
        </button>
      )}
    </section>
  );
}
