// At which poll a session received a deployment's version, and at which it got the old one back after that
// deployment was rolled back or reverted. Imported by the UI (its session deployments hook, and the timeline
// to mark those rows and lane points); pure core.
import { rolledBackAt, versionName, type DeploymentInput } from './deploymentMarkers.js';
import type { PollEvent } from './ledger.js';

export interface Receipt {
  seq: number;
  deploymentNumber: number;
  /** new: the deployment's version arrived; back: the version from before it came back after a rollback. */
  kind: 'new' | 'back';
  /** For a row's chip, beside the row's Version column: "received here", "back here"; `label` names both. */
  short: string;
  label: string;
}

type ContentEvent = PollEvent & { outcome: Extract<PollEvent['outcome'], { type: 'content' }> };

/** Content answers in answer order; a deliberate replay shows what AWS would send, not what the app holds. */
function arrivals(events: readonly PollEvent[]): ContentEvent[] {
  return events
    .filter((e): e is ContentEvent => e.outcome.type === 'content' && e.trigger !== 'replay')
    .sort((a, b) => a.answeredAt - b.answeredAt);
}

/**
 * One receipt per deployment at most, plus one "back" after its rollback. A deployment's window runs from
 * its start to the next deployment's start. Its version is recognised by its label (the Version-Label the
 * data plane sends); an unlabelled one by the first change of content inside the window, since only a
 * deployment changes what an environment serves.
 */
export function deploymentReceipts(
  events: readonly PollEvent[],
  deployments: readonly DeploymentInput[],
): Receipt[] {
  const list = arrivals(events);
  const ordered = deployments
    .filter((d) => d.startedAt !== undefined)
    .sort((a, b) => a.startedAt! - b.startedAt!);
  const out: Receipt[] = [];
  ordered.forEach((d, i) => {
    const from = d.startedAt!;
    const to = ordered[i + 1]?.startedAt ?? Infinity;
    const inWindow = list.filter((e) => e.answeredAt >= from && e.answeredAt < to);
    const heldBefore = [...list].reverse().find((e) => e.answeredAt < from)?.outcome.contentHash;
    const got = inWindow.find((e) =>
      d.versionLabel
        ? e.outcome.versionLabel === d.versionLabel
        : e.outcome.contentHash !== heldBefore,
    );
    if (!got) return;
    const name = got.outcome.versionLabel ?? versionName(d);
    out.push({
      seq: got.seq,
      deploymentNumber: d.deploymentNumber,
      kind: 'new',
      short: 'received here',
      label: `Received ${name} here (deployment #${d.deploymentNumber})`,
    });
    const rollback = rolledBackAt(d);
    if (rollback === undefined) return;
    const gotHash = got.outcome.contentHash;
    const back = inWindow.find(
      (e) =>
        e.answeredAt >= rollback &&
        e.answeredAt > got.answeredAt &&
        e.outcome.contentHash !== gotHash,
    );
    if (!back) return;
    const old = back.outcome.versionLabel ?? 'the previous version';
    out.push({
      seq: back.seq,
      deploymentNumber: d.deploymentNumber,
      kind: 'back',
      short: 'back here',
      label: `Got ${old} back here (deployment #${d.deploymentNumber} ${d.state === 'REVERTED' ? 'reverted' : 'rolled back'})`,
    });
  });
  return out;
}
