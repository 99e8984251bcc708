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

/** The columns that hold an incident's attributes as codes, each with the filter that chooses among them. */
const CODED_FIELDS = [
  { column: 'group', codes: 'groups', filter: 'groupIds' },
  { column: 'agent', codes: 'agents', filter: 'agentIds' },
  { column: 'channel', codes: 'channels', filter: 'channels' },
  { column: 'category', codes: 'categories', filter: 'categoryIds' },
  { column: 'service', codes: 'services', filter: 'serviceIds' },
  { column: 'priority', codes: 'priorities', filter: 'priorities' },
] as const;
type CodedColumn = (typeof CODED_FIELDS)[number]['column'];

/**
 * The filters as tables of accepted codes, one for each field that is filtered (an unfiltered field is left out,
 * so the common case, no filter at all, checks nothing).
 */
export type SlotFilter = readonly { readonly column: CodedColumn; readonly accepted: Uint8Array }[];

export function slotFilter(c: KpiColumns, filters: ResolvedKpiFilters): SlotFilter {
  const filtered: { column: CodedColumn; accepted: Uint8Array }[] = [];
  for (const field of CODED_FIELDS) {
    const accepted = c[field.codes].accepting(filters[field.filter]);
    if (accepted) filtered.push({ column: field.column, accepted });
  }
  return filtered;
}

/** matchesFilters, on the codes at a slot. */
export function slotMatches(f: SlotFilter, c: KpiColumns, slot: number): boolean {
  // The column is looked up at each call, not kept in the filter: a drill-down reads lazily, and the columns'
  // arrays are replaced when they grow.
  for (const { column, accepted } of f) {
    if (accepted[c[column][slot]!] !== 1) return false;
  }
  return true;
}
