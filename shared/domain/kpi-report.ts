import { CHANNELS, PRIORITIES } from './enums.ts';
import type { Channel } from './enums.ts';
import type { IncidentKpiFacts, OpenSpan } from './kpi-facts.ts';
import {
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
import { AGE_BUCKET_MINUTES, AGE_BUCKETS, RESOLVE_BUCKET_MINUTES, RESOLVE_BUCKETS } from './kpi-query.ts';
import type { AgeBucket, DrillFigure, KpiSlice } from './kpi-query.ts';
import { Contribution, Tally } from './kpi-tally.ts';
import type { KpiFigures } from './kpi-tally.ts';
import { MINUTE_MS } from './instant.ts';
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

export interface KpiRow {
  /** The agent's or group's id, or `none` for incidents with nobody (no group). */
  readonly key: string;
  readonly figures: KpiFigures;
  readonly previous: KpiFigures;
}

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

/** The first index whose value is above `value` (values ascending). */
function firstAbove(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The first index whose value is at or above `value`. */
function firstAtOrAbove(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

const zeros = (n: number) => new Array<number>(n).fill(0);

class SeriesBuilder {
  readonly #starts: number[];
  readonly #ends: number[];
  readonly created: Record<Channel, number[]>;
  readonly resolved: number[];
  /** Differences: +1 where an incident enters an age at a bucket end, -1 after it leaves. */
  readonly #backlog: number[][];
  readonly sla: Record<SlaClockName, { met: number[]; breached: number[] }>;

  constructor(buckets: readonly Bucket[]) {
    const n = buckets.length;
    this.#starts = buckets.map((b) => b.from);
    this.#ends = buckets.map((b) => b.to);
    this.created = Object.fromEntries(CHANNELS.map((c) => [c, zeros(n)])) as Record<Channel, number[]>;
    this.resolved = zeros(n);
    this.#backlog = AGE_BUCKETS.map(() => zeros(n + 1));
    this.sla = Object.fromEntries(SLA_CLOCKS.map((c) => [c, { met: zeros(n), breached: zeros(n) }])) as Record<
      SlaClockName,
      { met: number[]; breached: number[] }
    >;
  }

  /** The bucket holding `at`, which the caller knows to be within the period. */
  bucketOf(at: number): number {
    return firstAbove(this.#starts, at) - 1;
  }

  addSpan(facts: IncidentKpiFacts, span: OpenSpan): void {
    const from = span[0];
    const to = span[1];
    const ends = this.#ends;
    // Open at a bucket end E when from < E <= to.
    const first = firstAbove(ends, from);
    const last = to === null ? ends.length - 1 : firstAbove(ends, to) - 1;
    if (first > last) return;
    for (let age = 0; age < AGE_BUCKETS.length; age++) {
      const lower = facts.reportedAt + AGE_BUCKET_MINUTES[age]! * MINUTE_MS;
      const upper = age + 1 < AGE_BUCKETS.length ? facts.reportedAt + AGE_BUCKET_MINUTES[age + 1]! * MINUTE_MS : null;
      const a = Math.max(first, firstAtOrAbove(ends, lower));
      const b = Math.min(last, upper === null ? ends.length - 1 : firstAtOrAbove(ends, upper) - 1);
      if (a > b) continue;
      this.#backlog[age]![a]! += 1;
      this.#backlog[age]![b + 1]! -= 1;
    }
  }

  backlog(): Record<AgeBucket, number[]> {
    return Object.fromEntries(
      AGE_BUCKETS.map((age, i) => {
        let running = 0;
        return [age, this.#backlog[i]!.slice(0, this.#ends.length).map((d) => (running += d))];
      }),
    ) as Record<AgeBucket, number[]>;
  }
}

/** One row's tallies: for the period and for the one before. */
interface Tallies {
  readonly current: Tally;
  readonly previous: Tally;
}

/** The tallies of several rows added up (each incident is in exactly one of them). */
function summed(parts: Iterable<Tallies>): Tallies {
  const sum = { current: new Tally(), previous: new Tally() };
  for (const part of parts) {
    sum.current.addTally(part.current);
    sum.previous.addTally(part.previous);
  }
  return sum;
}

/** The figures of a row; its tallies are spent afterwards. */
function rowOf(key: string, tallies: Tallies): KpiRow {
  const row = { key, figures: tallies.current.figures(), previous: tallies.previous.figures() };
  tallies.current.release();
  tallies.previous.release();
  return row;
}

/**
 * Tallies per agent and group at once: an incident is added to the one pair (its agent, its group) it belongs
 * to, and the agents', the groups' and the team's tallies are the pairs added up at the end, so each incident
 * is added once rather than once per row it shows in.
 */
class Pairs {
  readonly #byAgent = new Map<string, Map<string, Tallies>>();
  /** The groups in the order they were first met, each with its pairs. */
  readonly #byGroup = new Map<string, Tallies[]>();

  get(agent: string, group: string): Tallies {
    let groups = this.#byAgent.get(agent);
    if (!groups) this.#byAgent.set(agent, (groups = new Map()));
    let pair = groups.get(group);
    if (!pair) {
      groups.set(group, (pair = { current: new Tally(), previous: new Tally() }));
      let pairs = this.#byGroup.get(group);
      if (!pairs) this.#byGroup.set(group, (pairs = []));
      pairs.push(pair);
    }
    return pair;
  }

  /** The team's, the agents' and the groups' rows; the pairs are spent afterwards. */
  rows(): { team: KpiRow; byAgent: KpiRow[]; byGroup: KpiRow[] } {
    const pairs = [...this.#byGroup.values()].flat();
    const team = rowOf('team', summed(pairs));
    const byAgent = [...this.#byAgent].map(([key, groups]) => rowOf(key, summed(groups.values())));
    const byGroup = [...this.#byGroup].map(([key, list]) => rowOf(key, summed(list)));
    for (const pair of pairs) {
      pair.current.release();
      pair.previous.release();
    }
    return { team, byAgent, byGroup };
  }
}

function shareRows(counts: Counts, total: number): ShareRow[] {
  return [...counts]
    .map(([key, [count]]) => ({ key, count, share: total ? count / total : null }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
}

const PRIORITY_KEYS = ['0', ...PRIORITIES.map(String)];
/** Counts per key, each in a one-slot array: a count goes up with one lookup rather than a lookup and a set. */
type Counts = Map<string, [number]>;
function bump(counts: Counts, key: string): void {
  const count = counts.get(key);
  if (count) count[0] += 1;
  else counts.set(key, [1]);
}

export function computeKpis(facts: Iterable<IncidentKpiFacts>, plan: KpiPlan): KpiComputation {
  const { current, previous, now, duration } = plan;
  const pairs = new Pairs();
  const series = new SeriesBuilder(plan.buckets);
  const distribution = zeros(RESOLVE_BUCKETS.length);
  const shares: Record<'channel' | 'category' | 'service' | 'priority', Counts> = {
    channel: new Map(),
    category: new Map(),
    service: new Map(),
    priority: new Map(),
  };
  const here = new Contribution();
  const before = new Contribution();

  for (const f of facts) {
    if (!matchesFilters(f, plan.filters)) continue;
    const inCurrent = here.read(f, current, now, duration);
    const inPrevious = before.read(f, previous, now, duration);
    if (!inCurrent && !inPrevious) continue;
    const pair = pairs.get(f.assigneeId ?? 'none', f.groupId ?? 'none');
    if (inPrevious) pair.previous.add(before);
    if (!inCurrent) continue;
    pair.current.add(here);

    if (here.created) {
      series.created[f.channel][series.bucketOf(f.reportedAt)]! += 1;
      bump(shares.channel, f.channel);
      bump(shares.category, f.categoryId ?? 'none');
      bump(shares.service, f.serviceId ?? 'none');
      bump(shares.priority, PRIORITY_KEYS[f.priority]!);
    }
    if (here.resolved) {
      series.resolved[series.bucketOf(f.resolvedAt!)]! += 1;
      // The time to resolve measured once: here.resolveMs is resolveBucketOf's duration.
      distribution[bucketOf(RESOLVE_BUCKET_MINUTES, here.resolveMs)]! += 1;
    }
    for (let c = 0; c < SLA_CLOCKS.length; c++) {
      const clock = SLA_CLOCKS[c]!;
      const verdict = here.clocks[clock];
      if (verdict) series.sla[clock][verdict][series.bucketOf(f.sla[clock]!.at)]! += 1;
    }
    for (let s = 0; s < f.openSpans.length; s++) series.addSpan(f, f.openSpans[s]!);
  }

  const { team, byAgent, byGroup } = pairs.rows();
  const created = team.figures.created;
  return {
    figures: team.figures,
    previousFigures: team.previous,
    series: { created: series.created, resolved: series.resolved, backlog: series.backlog(), sla: series.sla },
    resolveDistribution: distribution,
    shares: {
      channel: shareRows(shares.channel, created),
      category: shareRows(shares.category, created),
      service: shareRows(shares.service, created),
      priority: shareRows(shares.priority, created).sort(
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
export function drillIncidents(facts: Iterable<IncidentKpiFacts>, plan: KpiPlan, target: DrillTarget): string[] {
  const span = drillWindow(plan, target);
  const member = MEMBERS[target.figure];
  const slice = sliceFilters(target.slice);
  const instant = backlogInstant(target.figure, span);
  const ageBucket = target.slice?.ageBucket === undefined ? null : AGE_BUCKETS.indexOf(target.slice.ageBucket);
  const resolveBucket =
    target.slice?.resolveBucket === undefined ? null : RESOLVE_BUCKETS.indexOf(target.slice.resolveBucket);
  const ids: string[] = [];
  for (const f of facts) {
    if (!matchesFilters(f, plan.filters) || !matchesFilters(f, slice)) continue;
    if (!member(f, span, target.slice?.clock, plan.now)) continue;
    if (ageBucket !== null && (instant === null || ageBucketAt(f, instant) !== ageBucket)) continue;
    if (resolveBucket !== null && resolveBucketOf(f, plan.duration) !== resolveBucket) continue;
    ids.push(f.id);
  }
  return ids;
}
