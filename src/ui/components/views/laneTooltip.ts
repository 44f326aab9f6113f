// The lines of the hover card on a lane mark: exact sent/answered times, the interval asked and the wait,
// due time, outcome, token link and flags, plus how many polls a coalesced mark stands for. Pure; imported by
// TimelineLanes.tsx and tests. Reuses the grid's row model so a poll reads the same in rows and lanes.
import type { Anomaly } from '../../../core/anomalyTypes.js';
import type { PollEvent } from '../../../core/ledger.js';
import { tokenBadge } from '../../../core/tokenIdentity.js';
import { formatClock, formatDuration } from './format.js';
import type { LinkKind, ScheduleFacts } from './lanesModel.js';
import type { MarkGroup } from './laneScale.js';
import { buildRow } from './timelineRows.js';

const LINK_TEXT: Partial<Record<LinkKind, string>> = {
  reuse: 'token already sent before (reused)',
  retry: 'SDK retry of the same call',
  stale: 'a newer token had been issued (stale token)',
  unknown: 'token issued outside this ledger',
};

/**
 * `events` are the polls drawn and `group` indexes them; the poll itself is read at `ledgerIndex` of the
 * whole ledger, so asked/waited compare with the real previous call even when a filter hides it.
 */
export function laneTooltipLines(
  events: readonly PollEvent[],
  group: MarkGroup,
  ledger: readonly PollEvent[],
  ledgerIndex: number,
  flagsBySeq: ReadonlyMap<number, readonly Anomaly[]>,
  link: LinkKind | undefined,
  schedule: ScheduleFacts | undefined,
): string[] {
  const row = buildRow(ledger, ledgerIndex, flagsBySeq);
  if (!row) return [];
  const { event } = row;
  const version = row.versionLabel ? ` ${row.versionLabel}` : '';
  const lines = [`#${event.seq} ${event.kind} · ${row.outcomeLabel}${version}`];
  lines.push(
    `sent ${formatClock(event.sentAt)} · answered ${formatClock(event.answeredAt)} (${formatDuration(event.answeredAt - event.sentAt)})`,
  );
  if (row.askedSeconds !== undefined || row.waitedMs !== undefined) {
    const asked = row.askedSeconds !== undefined ? `${row.askedSeconds} s` : 'unknown';
    const waited = row.waitedMs !== undefined ? formatDuration(row.waitedMs) : 'unknown';
    lines.push(`asked to wait ${asked} · waited ${waited}${row.early ? ' (early)' : ''}`);
  }
  if (schedule?.dueAt !== undefined) {
    const gap = formatDuration(Math.abs(schedule.sentAt - schedule.dueAt));
    lines.push(
      `due ${formatClock(schedule.dueAt)} · sent ${gap} ${schedule.early ? 'early' : 'late'}`,
    );
  }
  const tokenIn = event.tokenIn !== undefined ? tokenBadge(event.tokenIn).short : 'none';
  const tokenOut = event.tokenOut !== undefined ? tokenBadge(event.tokenOut).short : 'none';
  const linkText = link ? LINK_TEXT[link] : undefined;
  lines.push(`token ${tokenIn} → ${tokenOut}${linkText ? ` · ${linkText}` : ''}`);
  for (const flag of row.flags) lines.push(`⚑ ${flag.title}`);
  if (group.last > group.first) {
    const first = events[group.first]?.seq ?? 0;
    const last = events[group.last]?.seq ?? 0;
    lines.push(
      `${group.last - group.first + 1} polls (#${first}–#${last}) share this pixel: zoom in to tell them apart`,
    );
  }
  return lines;
}
