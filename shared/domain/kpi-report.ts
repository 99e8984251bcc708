import { PRIORITIES } from './enums.ts';
import type { Channel } from './enums.ts';
import { KpiColumns } from './kpi-columns.ts';
import type { KpiCodes } from './kpi-columns.ts';
import type { IncidentKpiFacts } from './kpi-facts.ts';
import {
  calendarDuration,
  ageBucketAt,
  bucketOf,
  clockVerdict,
  isOpenAt,
  isOpenDuring,
  isWithin,
  isEscalatedReport,
  isReopenedResolution,
  isResolvedAtFirstContact,
  matchesFilters,
  resolveBucketOf,
  sliceFilters,
} from './kpi-membership.ts';
import type { DurationMeasure, KpiWindow, ResolvedKpiFilters } from './kpi-membership.ts';
import type { Bucket, ResolvedPeriod } from './kpi-period.ts';
import { AGE_BUCKETS, RESOLVE_BUCKET_MINUTES, RESOLVE_BUCKETS } from './kpi-query.ts';
import type { AgeBucket, DrillFigure, KpiSlice } from './kpi-query.ts';
import { readSlot, slotFilter, slotMatches } from './kpi-slot.ts';
import { Pairs } from './kpi-pairs.ts';
import type { KpiRow } from './kpi-pairs.ts';
import { SeriesBuilder, zeros } from './kpi-series.ts';
import { Contribution } from './kpi-tally.ts';
import type { KpiFigures } from './kpi-tally.ts';
import { SLA_CLOCKS } from './sla-input.ts';
import type { SlaClockName } from './sla-input.ts';

/**
 * The dashboard's figures for a period and filters, in one pass over the incidents' KPI facts: the team's
 * figures for the period and the one before, per agent and per group, the charts over time, the shares and
 * the time-to-resolve distribution. Every workstation, the CLI and the tests compute them with this function.
 */
export interface KpiPlan {
  readonly current: ResolvedPeriod;
  readonly previous: ResolvedPeriod;
  /** The period cut into days, weeks or months (periodBuckets). */
  readonly buckets: readonly Bucket[];
  /** A running SLA clock whose breach instant has passed by now counts as breached. */
  readonly now: number;
  readonly filters: ResolvedKpiFilters;
  readonly duration: DurationMeasure;
}

export type { KpiRow } from './kpi-pairs.ts';

export interface ShareRow {
  readonly key: string;
  readonly count: number;
  /** Of the incidents reported in the period; null when none were. */
  readonly share: number | null;
}

export interface KpiSeries {
  /** Incidents reported in each bucket, by channel. */
  readonly created: Readonly<Record<Channel, readonly number[]>>;
  readonly resolved: readonly number[];
  /** Open at the end of each bucket, by age. */
  readonly backlog: Readonly<Record<AgeBucket, readonly number[]>>;
  readonly sla: Readonly<
    Record<SlaClockName, { readonly met: readonly number[]; readonly breached: readonly number[] }>
  >;
}

export interface KpiComputation {
  readonly figures: KpiFigures;
  readonly previousFigures: KpiFigures;
  readonly series: KpiSeries;
  /** Incidents resolved in the period, by time to resolve (RESOLVE_BUCKETS). */
  readonly resolveDistribution: readonly number[];
  readonly shares: {
    readonly channel: readonly ShareRow[];
    readonly category: readonly ShareRow[];
    readonly service: readonly ShareRow[];
    readonly priority: readonly ShareRow[];
  };
  readonly byAgent: readonly KpiRow[];
  readonly byGroup: readonly KpiRow[];
}

/** Counts per code of one field, for the incidents reported in the period. */
function shareRows(counts: Int32Array, codes: KpiCodes, total: number): ShareRow[] {
  const rows: ShareRow[] = [];
  for (let code = 0; code < counts.length; code++) {
    const count = counts[code]!;
    if (count) rows.push({ key: codes.keys[code] ?? 'none', count, share: total ? count / total : null });
  }
  return rows.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

/**
 * The report, in one pass over the columns for both periods. Facts given as objects are put in columns first
 * (the CLI's one-shot report, the tests); the core hands over the columns it keeps.
 */
export function computeKpis(facts: Iterable<IncidentKpiFacts> | KpiColumns, plan: KpiPlan): KpiComputation {
  const columns = facts instanceof KpiColumns ? facts : KpiColumns.of(facts);
  const { current, previous, now } = plan;
  const measured = plan.duration === calendarDuration ? null : columns.measured(plan.duration);
  const filter = slotFilter(columns, plan.filters);
  const pairs = new Pairs(columns);
  const series = new SeriesBuilder(plan.buckets);
  const createdByChannel = columns.channels.keys.map((key) => (key === null ? [] : series.created[key as Channel]));
  const distribution = zeros(RESOLVE_BUCKETS.length);
  const counts = {
    channel: new Int32Array(columns.channels.keys.length),
    category: new Int32Array(columns.categories.keys.length),
    service: new Int32Array(columns.services.keys.length),
    priority: new Int32Array(columns.priorities.keys.length),
  };
  // By verdict (VERDICT_MET, VERDICT_BREACHED), then by clock in SLA_CLOCKS order.
  const slaCounts = [[], SLA_CLOCKS.map((c) => series.sla[c].met), SLA_CLOCKS.map((c) => series.sla[c].breached)];
  const here = new Contribution();
  const before = new Contribution();
  const { reportedAt, resolvedAt, clockAt } = columns;

  for (let slot = 0; slot < columns.size; slot++) {
    if (!slotMatches(filter, columns, slot)) continue;
    const inCurrent = readSlot(here, columns, slot, current, now, measured);
    const inPrevious = readSlot(before, columns, slot, previous, now, measured);
    if (!inCurrent && !inPrevious) continue;
    const pair = pairs.get(columns.agent[slot]!, columns.group[slot]!);
    if (inPrevious) pair.previous.add(before);
    if (!inCurrent) continue;
    pair.current.add(here);

    if (here.created) {
      createdByChannel[columns.channel[slot]!]![series.bucketAt(reportedAt, slot)]! += 1;
      counts.channel[columns.channel[slot]!]! += 1;
      counts.category[columns.category[slot]!]! += 1;
      counts.service[columns.service[slot]!]! += 1;
      counts.priority[columns.priority[slot]!]! += 1;
    }
    if (here.resolved) {
      series.resolved[series.bucketAt(resolvedAt, slot)]! += 1;
      // The time to resolve measured once: here.resolveMs is resolveBucketOf's duration.
      distribution[bucketOf(RESOLVE_BUCKET_MINUTES, here.resolveMs)]! += 1;
    }
    for (let c = 0; c < SLA_CLOCKS.length; c++) {
      const verdict = here.verdicts[c];
      if (verdict) slaCounts[verdict]![c]![series.bucketAt(clockAt, slot * 3 + c)]! += 1;
    }
    series.addSpans(columns, slot);
  }

  const { team, byAgent, byGroup } = pairs.rows();
  const created = team.figures.created;
  return {
    figures: team.figures,
    previousFigures: team.previous,
    series: { created: series.created, resolved: series.resolved, backlog: series.backlog(), sla: series.sla },
    resolveDistribution: distribution,
    shares: {
      channel: shareRows(counts.channel, columns.channels, created),
      category: shareRows(counts.category, columns.categories, created),
      service: shareRows(counts.service, columns.services, created),
      priority: shareRows(counts.priority, columns.priorities, created).sort(
        (a, b) => PRIORITIES.indexOf(Number(a.key) as 1) - PRIORITIES.indexOf(Number(b.key) as 1),
      ),
    },
    byAgent,
    byGroup,
  };
}

/** What a drill-down names: a figure, the period or the one before, a bucket of a chart, and a slice. */
export interface DrillTarget {
  readonly figure: DrillFigure;
  readonly previous?: boolean | undefined;
  readonly bucket?: number | undefined;
  readonly slice?: KpiSlice | undefined;
}

type Member = (f: IncidentKpiFacts, span: KpiWindow, clock: SlaClockName | undefined, now: number) => boolean;

const MEMBERS: Record<DrillFigure, Member> = {
  created: (f, w) => isWithin(f.reportedAt, w),
  resolved: (f, w) => isWithin(f.resolvedAt, w),
  closed: (f, w) => isWithin(f.closedAt, w),
  handled: (f, w) => isOpenDuring(f, w),
  backlogAtStart: (f, w) => isOpenAt(f, w.from),
  backlogAtEnd: (f, w) => isOpenAt(f, w.to),
  backlog: (f, w) => isOpenAt(f, w.to),
  acknowledged: (f, w) => isWithin(f.acknowledgedAt, w),
  firstResponded: (f, w) => isWithin(f.firstResponseAt, w),
  resolvedAtFirstContact: isResolvedAtFirstContact,
  reopened: isReopenedResolution,
  escalated: isEscalatedReport,
  slaMet: (f, w, clock, now) => clockVerdict(f.sla[clock!], w, now) === 'met',
  slaBreached: (f, w, clock, now) => clockVerdict(f.sla[clock!], w, now) === 'breached',
};

/** The instant whose age a backlog figure reads. */
function backlogInstant(figure: DrillFigure, span: KpiWindow): number | null {
  if (figure === 'backlogAtStart') return span.from;
  if (figure === 'backlogAtEnd' || figure === 'backlog') return span.to;
  return null;
}

/** The span a drill-down reads: the period, the one before, or one bucket of the period. */
export function drillWindow(plan: KpiPlan, target: DrillTarget): KpiWindow {
  if (target.previous) return plan.previous;
  if (target.bucket === undefined) return plan.current;
  return plan.buckets[target.bucket] ?? { from: plan.current.to, to: plan.current.to };
}

/** The ids of exactly the incidents behind a figure (see computeKpis, which counts with the same rules). */
export function drillIncidents(
  facts: Iterable<IncidentKpiFacts> | KpiColumns,
  plan: KpiPlan,
  target: DrillTarget,
): string[] {
  const span = drillWindow(plan, target);
  const member = MEMBERS[target.figure];
  const slice = sliceFilters(target.slice);
  const instant = backlogInstant(target.figure, span);
  const ageBucket = target.slice?.ageBucket === undefined ? null : AGE_BUCKETS.indexOf(target.slice.ageBucket);
  const resolveBucket =
    target.slice?.resolveBucket === undefined ? null : RESOLVE_BUCKETS.indexOf(target.slice.resolveBucket);
  const ids: string[] = [];
  const candidates =
    facts instanceof KpiColumns
      ? candidatesIn(facts, plan.filters, slice, span)
      : (facts as Iterable<IncidentKpiFacts>);
  for (const f of candidates) {
    if (!matchesFilters(f, plan.filters) || !matchesFilters(f, slice)) continue;
    if (!member(f, span, target.slice?.clock, plan.now)) continue;
    if (ageBucket !== null && (instant === null || ageBucketAt(f, instant) !== ageBucket)) continue;
    if (resolveBucket !== null && resolveBucketOf(f, plan.duration) !== resolveBucket) continue;
    ids.push(f.id);
  }
  return ids;
}

/**
 * The facts a drill-down's predicates need to look at, out of the columns: those the filters keep and that can
 * count for anything in the span (the report's own first test, in readSlot), so a queue page in a drill-down
 * view makes objects of a period's incidents rather than of every incident.
 */
function* candidatesIn(
  columns: KpiColumns,
  filters: ResolvedKpiFilters,
  slice: ResolvedKpiFilters,
  span: KpiWindow,
): Generator<IncidentKpiFacts> {
  const kept = slotFilter(columns, filters);
  const inSlice = slotFilter(columns, slice);
  for (let slot = 0; slot < columns.size; slot++) {
    if (columns.reportedAt[slot]! >= span.to || columns.activeUntil[slot]! < span.from) continue;
    if (slotMatches(kept, columns, slot) && slotMatches(inSlice, columns, slot)) yield columns.factsAt(slot);
  }
}
