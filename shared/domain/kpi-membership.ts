import type { IncidentKpiFacts, KpiClockResult } from './kpi-facts.ts';
import { AGE_BUCKET_MINUTES, RESOLVE_BUCKET_MINUTES } from './kpi-query.ts';
import type { KpiSlice } from './kpi-query.ts';
import { MINUTE_MS } from './instant.ts';
import type { Channel, Priority } from './enums.ts';

/**
 * Which incidents each figure counts, one predicate per figure. The report counts with these and the
 * drill-down lists with these, so the queue a figure opens holds exactly as many incidents as the figure says.
 */
export interface KpiWindow {
  readonly from: number;
  readonly to: number;
}

/** How long from one instant to another: plain elapsed time, or business time on a calendar. */
export type DurationMeasure = (from: number, to: number) => number;
export const calendarDuration: DurationMeasure = (from, to) => Math.max(0, to - from);

/** Filters with `me` already read as the signed-in agent; each list, when present, must hold the incident's value. */
export interface ResolvedKpiFilters {
  readonly groupIds?: readonly string[] | undefined;
  readonly agentIds?: readonly string[] | undefined;
  readonly channels?: readonly Channel[] | undefined;
  readonly categoryIds?: readonly string[] | undefined;
  readonly serviceIds?: readonly string[] | undefined;
  readonly priorities?: readonly Priority[] | undefined;
}

const holds = <T>(list: readonly T[] | undefined, value: T) => !list?.length || list.includes(value);
const holdsRef = (list: readonly string[] | undefined, value: string | null) =>
  !list?.length || list.includes(value ?? 'none');

export function matchesFilters(facts: IncidentKpiFacts, filters: ResolvedKpiFilters): boolean {
  return (
    holdsRef(filters.groupIds, facts.groupId) &&
    holdsRef(filters.agentIds, facts.assigneeId) &&
    holds(filters.channels, facts.channel) &&
    holdsRef(filters.categoryIds, facts.categoryId) &&
    holdsRef(filters.serviceIds, facts.serviceId) &&
    holds(filters.priorities, facts.priority)
  );
}

/** The slice of a drill-down (a bar, a row, a segment) as more filters; age and resolve buckets are checked apart. */
export function sliceFilters(slice: KpiSlice | undefined): ResolvedKpiFilters {
  if (!slice) return {};
  return {
    ...(slice.agentId ? { agentIds: [slice.agentId] } : {}),
    ...(slice.groupId ? { groupIds: [slice.groupId] } : {}),
    ...(slice.channel ? { channels: [slice.channel] } : {}),
    ...(slice.categoryId ? { categoryIds: [slice.categoryId] } : {}),
    ...(slice.serviceId ? { serviceIds: [slice.serviceId] } : {}),
    ...(slice.priority ? { priorities: [slice.priority] } : {}),
  };
}

export const isWithin = (at: number | null, period: KpiWindow): boolean =>
  at !== null && at >= period.from && at < period.to;

/**
 * In the backlog at an instant: reported before it and not resolved, closed or cancelled before it. An
 * incident resolved at that very instant still counts, so the backlog at a period's end is the backlog at its
 * start, plus what opened in it, less what ended in it.
 */
export function isOpenAt(facts: IncidentKpiFacts, at: number): boolean {
  const spans = facts.openSpans;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    if (span[0] < at && (span[1] === null || at <= span[1])) return true;
  }
  return false;
}

/** Open at some moment of the period. */
export function isOpenDuring(facts: IncidentKpiFacts, period: KpiWindow): boolean {
  const spans = facts.openSpans;
  for (let i = 0; i < spans.length; i++) {
    const from = spans[i]![0];
    const to = spans[i]![1];
    if (to !== null && to <= from) continue;
    if (from < period.to && (to === null || to >= period.from)) return true;
  }
  return false;
}

/** The bucket (an index into `lowerBounds`, in minutes) a span of `ms` falls in. */
export function bucketOf(lowerBounds: readonly number[], ms: number): number {
  const minutes = ms / MINUTE_MS;
  let index = 0;
  while (index + 1 < lowerBounds.length && minutes >= lowerBounds[index + 1]!) index += 1;
  return index;
}

export const ageBucketAt = (facts: IncidentKpiFacts, at: number): number =>
  bucketOf(AGE_BUCKET_MINUTES, at - facts.reportedAt);

export function resolveBucketOf(facts: IncidentKpiFacts, duration: DurationMeasure): number | null {
  return facts.resolvedAt === null
    ? null
    : bucketOf(RESOLVE_BUCKET_MINUTES, duration(facts.reportedAt, facts.resolvedAt));
}

/** A clock's verdict within the period: met, breached (a running clock once its breach has passed), or none. */
export function clockVerdict(
  result: KpiClockResult | undefined,
  period: KpiWindow,
  now: number,
): 'met' | 'breached' | null {
  if (!result || !isWithin(result.at, period)) return null;
  if (result.outcome === 'met') return 'met';
  if (result.outcome === 'breached' || result.at <= now) return 'breached';
  return null;
}

/** Resolved in the period without a hand-over, a follow-up from the reporter or a reopen. */
export const isResolvedAtFirstContact = (facts: IncidentKpiFacts, period: KpiWindow) =>
  facts.firstContact && isWithin(facts.resolvedAt, period);

export const isReopenedResolution = (facts: IncidentKpiFacts, period: KpiWindow) =>
  facts.reopens > 0 && isWithin(facts.resolvedAt, period);

export const isEscalatedReport = (facts: IncidentKpiFacts, period: KpiWindow) =>
  facts.escalations > 0 && isWithin(facts.reportedAt, period);
