import { CLOCK_BREACHED, CLOCK_MET } from './kpi-columns.ts';
import type { KpiColumns, MeasuredDurations } from './kpi-columns.ts';
import type { KpiWindow, ResolvedKpiFilters } from './kpi-membership.ts';
import { VERDICT_BREACHED, VERDICT_MET } from './kpi-tally.ts';
import type { Contribution } from './kpi-tally.ts';
import { SLA_CLOCKS } from './sla-input.ts';

/**
 * What one incident adds to a period, read off the columns: the same rules as Contribution.read and the
 * predicates of kpi-membership.ts (which the drill-down lists with), written against flat arrays for the
 * report's one pass. An absent instant is NaN there, and NaN is never within a period.
 */

/**
 * Fills `into` with what the incident at `slot` adds to `period`; answers false when it adds nothing. Durations
 * are plain elapsed time unless `measured` holds them on another measure (business time).
 */
export function readSlot(
  into: Contribution,
  c: KpiColumns,
  slot: number,
  period: KpiWindow,
  now: number,
  measured: MeasuredDurations | null,
): boolean {
  const from = period.from;
  const to = period.to;
  const reported = c.reportedAt[slot]!;
  if (reported >= to || c.activeUntil[slot]! < from) return false;
  const acknowledged = c.acknowledgedAt[slot]!;
  const responded = c.firstResponseAt[slot]!;
  const resolved = c.resolvedAt[slot]!;
  const closed = c.closedAt[slot]!;
  const created = reported >= from && reported < to;
  const isResolved = resolved >= from && resolved < to;
  into.created = created;
  into.resolved = isResolved;
  into.closed = closed >= from && closed < to;
  readSpans(into, c, slot, period);
  into.ackMs =
    acknowledged >= from && acknowledged < to
      ? measured
        ? measured.ack[slot]!
        : Math.max(0, acknowledged - reported)
      : Number.NaN;
  into.responseMs =
    responded >= from && responded < to
      ? measured
        ? measured.response[slot]!
        : Math.max(0, responded - reported)
      : Number.NaN;
  into.resolveMs = isResolved ? (measured ? measured.resolve[slot]! : Math.max(0, resolved - reported)) : Number.NaN;
  into.firstContact = isResolved && c.firstContact[slot] === 1;
  into.reopened = isResolved && c.reopens[slot]! > 0;
  into.escalated = created && c.escalations[slot]! > 0;
  for (let k = 0; k < SLA_CLOCKS.length; k++) {
    const outcome = c.clockOutcome[slot * 3 + k]!;
    const at = c.clockAt[slot * 3 + k]!;
    into.verdicts[k] =
      outcome === 0 || !(at >= from && at < to)
        ? 0
        : outcome === CLOCK_MET
          ? VERDICT_MET
          : outcome === CLOCK_BREACHED || at <= now
            ? VERDICT_BREACHED
            : 0;
  }
  return true;
}

/** Handled (open at some moment of the period), open at its start and open at its end, in one walk of the spans. */
function readSpans(into: Contribution, c: KpiColumns, slot: number, period: KpiWindow): void {
  const spans = c.spans;
  let handled = false;
  let atStart = false;
  let atEnd = false;
  for (let s = c.spanAt[slot]!, end = s + c.spanCount[slot]! * 2; s < end; s += 2) {
    const open = spans[s]!;
    const close = spans[s + 1]!;
    const stillOpen = Number.isNaN(close);
    // isOpenDuring skips a span that closed as it opened; isOpenAt does not.
    if (!handled && (stillOpen || close > open) && open < period.to && (stillOpen || close >= period.from)) {
      handled = true;
    }
    if (open < period.from && (stillOpen || period.from <= close)) atStart = true;
    if (open < period.to && (stillOpen || period.to <= close)) atEnd = true;
  }
  into.handled = handled;
  into.atStart = atStart;
  into.atEnd = atEnd;
}

/** The filters as tables of accepted codes per field (null: that field is not filtered). */
export interface SlotFilter {
  readonly group: Uint8Array | null;
  readonly agent: Uint8Array | null;
  readonly channel: Uint8Array | null;
  readonly category: Uint8Array | null;
  readonly service: Uint8Array | null;
  readonly priority: Uint8Array | null;
}

export function slotFilter(c: KpiColumns, filters: ResolvedKpiFilters): SlotFilter {
  return {
    group: c.groups.accepting(filters.groupIds),
    agent: c.agents.accepting(filters.agentIds),
    channel: c.channels.accepting(filters.channels),
    category: c.categories.accepting(filters.categoryIds),
    service: c.services.accepting(filters.serviceIds),
    priority: c.priorities.accepting(filters.priorities),
  };
}

/** matchesFilters, on the codes at a slot. */
export function slotMatches(f: SlotFilter, c: KpiColumns, slot: number): boolean {
  return (
    (f.group === null || f.group[c.group[slot]!] === 1) &&
    (f.agent === null || f.agent[c.agent[slot]!] === 1) &&
    (f.channel === null || f.channel[c.channel[slot]!] === 1) &&
    (f.category === null || f.category[c.category[slot]!] === 1) &&
    (f.service === null || f.service[c.service[slot]!] === 1) &&
    (f.priority === null || f.priority[c.priority[slot]!] === 1)
  );
}
