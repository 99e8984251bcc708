import { describe, expect, it } from 'vitest';
import { businessMsBetween, compileCalendar } from '#shared/domain/business-time.ts';
import type { Priority, Status } from '#shared/domain/enums.ts';
import { KpiColumns } from '#shared/domain/kpi-columns.ts';
import { incidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import type { IncidentKpiFacts, KpiSlaResults, KpiTimelineEntry } from '#shared/domain/kpi-facts.ts';
import { calendarDuration, matchesFilters } from '#shared/domain/kpi-membership.ts';
import type { DurationMeasure, ResolvedKpiFilters } from '#shared/domain/kpi-membership.ts';
import { computeKpis, drillIncidents } from '#shared/domain/kpi-report.ts';
import type { DrillTarget, KpiComputation, KpiPlan, KpiRow } from '#shared/domain/kpi-report.ts';
import { AGE_BUCKETS, DRILL_FIGURES, RESOLVE_BUCKETS } from '#shared/domain/kpi-query.ts';
import { prng } from '../helpers/prng.ts';
import type { Prng } from '../helpers/prng.ts';
import { AGENT_A, changed, escalation, GROUP_2, HOUR, MONDAY, record } from '../helpers/kpi-histories.ts';
import {
  RANDOM_AGENTS,
  RANDOM_CHANNELS,
  RANDOM_GROUPS,
  RANDOM_NOW,
  randomPlan,
  talliedOneByOne,
} from '../helpers/kpi-random.ts';

/**
 * The core keeps every incident's facts in columns, replaced in place as changes arrive, and keeps each
 * incident's business-time durations from one report to the next. After randomized histories whose versions
 * reach the columns late, out of order and between reports, the figures must equal a full recomputation: the
 * final facts tallied one by one (Contribution.read, the predicates the drill-down lists with), on any measure,
 * including a calendar changed after the durations were kept; and a drill-down must list the same incidents.
 */
const CATEGORIES = ['0190f000-0000-7000-8000-0000000000c1', '0190f000-0000-7000-8000-0000000000c2', null];
const PRIORITIES: Priority[] = [1, 2, 3, 4, 5];
const PATHS: Status[][] = [
  ['new', 'in_progress', 'resolved', 'closed'],
  ['new', 'assigned', 'in_progress', 'resolved', 'in_progress', 'resolved', 'closed'],
  ['new', 'waiting_on_customer', 'in_progress', 'resolved', 'closed', 'in_progress'],
  ['new', 'cancelled'],
];
/** Every version an incident's facts go through as its history grows: each step a status move, maybe a hand-over. */
function versions(rand: Prng, id: string): IncidentKpiFacts[] {
  const reportedAt = MONDAY + rand.int(0, 60 * 24) * HOUR;
  const path = rand.pick(PATHS);
  const channel = rand.pick(RANDOM_CHANNELS);
  const priority = rand.pick(PRIORITIES);
  const acknowledgedAt = rand.next() < 0.7 ? reportedAt + rand.int(0, 600) * 60_000 : null;
  const entries: KpiTimelineEntry[] = [];
  const out: IncidentKpiFacts[] = [];
  let at = reportedAt;
  let assigneeId = rand.pick(RANDOM_AGENTS);
  let groupId = rand.pick(RANDOM_GROUPS);
  for (let step = 0; step < path.length; step++) {
    if (step > 0) {
      at = Math.min(RANDOM_NOW, at + rand.int(1, 72) * HOUR);
      const moves: [string, unknown, unknown][] = [['status', path[step - 1], path[step]]];
      if (rand.next() < 0.3) {
        const next = rand.pick(RANDOM_AGENTS);
        moves.push(['assigneeId', assigneeId, next]);
        assigneeId = next;
      }
      if (rand.next() < 0.2) {
        const next = rand.pick(RANDOM_GROUPS);
        moves.push(['groupId', groupId, next]);
        groupId = next;
      }
      entries.push(changed(at, ...moves));
      if (rand.next() < 0.15) entries.push(escalation(at));
    }
    const sla: KpiSlaResults =
      rand.next() < 0.4
        ? {}
        : {
            resolution: {
              outcome: rand.pick(['met', 'breached', 'running'] as const),
              at: at + rand.int(-5, 30) * HOUR,
            },
            ...(rand.next() < 0.5 ? { firstResponse: { outcome: 'met' as const, at: reportedAt + HOUR } } : {}),
          };
    const facts = incidentKpiFacts(
      record({
        id,
        reportedAt,
        status: path[step]!,
        entries: [...entries],
        assigneeId,
        groupId,
        channel,
        priority,
        categoryId: rand.pick(CATEGORIES),
        acknowledgedAt: step > 0 ? acknowledgedAt : null,
      }),
      sla,
    );
    out.push(facts);
  }
  return out;
}

const officeHours = (open: string, close: string): DurationMeasure => {
  const calendar = compileCalendar({
    timeZone: 'Europe/Berlin',
    hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [[open, close]]])),
  });
  return (from, to) => businessMsBetween(calendar, from, to);
};

/** A random period to the 75th day, the one before it, on this measure and with these filters. */
const planFor = (rand: Prng, duration: DurationMeasure, filters: ResolvedKpiFilters = {}): KpiPlan =>
  randomPlan(rand, { lastDay: 75, duration, filters });

/** The rows come in the order their incidents were first met, which is the order they first arrived in. */
function inKeyOrder(result: KpiComputation): KpiComputation {
  const byKey = (rows: readonly KpiRow[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));
  return { ...result, byAgent: byKey(result.byAgent), byGroup: byKey(result.byGroup) };
}

/** Every figure, for the period, the one before and a bucket, sliced now and then as the screen slices them. */
function drillTargets(rand: Prng, plan: KpiPlan): DrillTarget[] {
  return DRILL_FIGURES.map((figure) => ({
    figure,
    previous: rand.next() < 0.2,
    bucket: rand.next() < 0.3 ? rand.int(0, plan.buckets.length - 1) : undefined,
    slice: {
      ...(rand.next() < 0.3 ? { agentId: rand.pick(RANDOM_AGENTS) ?? 'none' } : {}),
      ...(rand.next() < 0.3 ? { ageBucket: rand.pick(AGE_BUCKETS) } : {}),
      ...(rand.next() < 0.3 ? { resolveBucket: rand.pick(RESOLVE_BUCKETS) } : {}),
      clock: rand.pick(['firstResponse', 'resolution'] as const),
    },
  }));
}

const FILTERS: ResolvedKpiFilters[] = [
  {},
  { agentIds: [AGENT_A, 'none'] },
  { groupIds: [GROUP_2], channels: ['email', 'phone'] },
  { categoryIds: ['none'], priorities: [1, 2, 3] },
];

describe('the columns the core keeps the facts in', () => {
  for (const seed of [11, 12, 13, 14, 15, 16]) {
    it(`give the figures of a full recomputation after changes arriving late and out of order (seed ${seed})`, () => {
      const rand = prng(seed);
      const ids = Array.from(
        { length: rand.int(40, 160) },
        (_, i) => `0190f000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      );
      const histories = new Map(ids.map((id) => [id, versions(rand, id)]));
      const final = ids.map((id) => histories.get(id)!.at(-1)!);
      const weekdays = officeHours('09:00', '17:00');
      const columns = new KpiColumns();
      // Every version of every incident, shuffled (an older version may come after a newer one), with reports in
      // between so kept durations must be redone for what changed; then each incident's facts as they are now,
      // as the refresh after its last change reads them.
      const arrivals = rand.shuffle([...histories.values()].flat());
      for (const [i, facts] of arrivals.entries()) {
        columns.put(facts);
        if (i % rand.int(5, 40) === 0)
          computeKpis(columns, planFor(rand, rand.next() < 0.7 ? weekdays : calendarDuration));
      }
      for (const facts of rand.shuffle(final)) columns.put(facts);

      const inSlotOrder = [...columns.facts()];
      expect(inSlotOrder.map((f) => f.id).sort()).toEqual([...ids].sort());
      expect(new Map(inSlotOrder.map((f) => [f.id, f]))).toEqual(new Map(final.map((f) => [f.id, f])));

      // The same measure whose durations were kept, plain elapsed time, and a calendar changed since.
      for (const duration of [weekdays, calendarDuration, officeHours('08:00', '12:00')]) {
        for (const filters of FILTERS) {
          const plan = planFor(rand, duration, filters);
          const result = computeKpis(columns, plan);
          expect(inKeyOrder(result)).toEqual(inKeyOrder(computeKpis(final, plan)));
          const matching = final.filter((f) => matchesFilters(f, filters));
          expect(result.figures).toEqual(talliedOneByOne(matching, plan.current, plan));
          expect(result.previousFigures).toEqual(talliedOneByOne(matching, plan.previous, plan));
          for (const target of drillTargets(rand, plan)) {
            const drilled = drillIncidents(columns, plan, target);
            expect(drilled.sort(), JSON.stringify(target)).toEqual(drillIncidents(final, plan, target).sort());
          }
        }
      }
    });
  }
});
