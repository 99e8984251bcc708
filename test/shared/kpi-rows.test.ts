import { describe, expect, it } from 'vitest';
import type { Status } from '#shared/domain/enums.ts';
import { incidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import type { IncidentKpiFacts, KpiSlaResults, KpiTimelineEntry } from '#shared/domain/kpi-facts.ts';
import { calendarDuration } from '#shared/domain/kpi-membership.ts';
import { computeKpis } from '#shared/domain/kpi-report.ts';
import type { KpiPlan, KpiRow } from '#shared/domain/kpi-report.ts';
import { Contribution } from '#shared/domain/kpi-tally.ts';
import { prng } from '../helpers/prng.ts';
import type { Prng } from '../helpers/prng.ts';
import { changed, escalation, HOUR, MONDAY, record } from '../helpers/kpi-histories.ts';
import {
  RANDOM_AGENTS,
  RANDOM_CHANNELS,
  RANDOM_GROUPS,
  RANDOM_NOW,
  randomPlan,
  talliedOneByOne,
} from '../helpers/kpi-random.ts';

/**
 * The report tallies each incident once, for its (agent, group) pair, and reads the agents', groups' and team's
 * figures off the pairs summed; the durations' buffers are reused from one report to the next. Whatever the
 * histories, every row must equal a recomputation that tallies each row's incidents on their own, and a report
 * asked twice must answer the same.
 */
const PATHS: Status[][] = [
  ['new'],
  ['new', 'in_progress'],
  ['new', 'in_progress', 'resolved'],
  ['new', 'assigned', 'in_progress', 'resolved', 'closed'],
  ['new', 'in_progress', 'resolved', 'in_progress', 'resolved'],
  ['new', 'waiting_on_customer', 'in_progress', 'resolved', 'closed', 'in_progress'],
  ['new', 'cancelled'],
];
function randomFacts(rand: Prng, count: number): IncidentKpiFacts[] {
  const facts: IncidentKpiFacts[] = [];
  for (let i = 0; i < count; i++) {
    const reportedAt = MONDAY + rand.int(0, 60 * 24) * HOUR;
    const path = rand.pick(PATHS);
    const entries: KpiTimelineEntry[] = [];
    let at = reportedAt;
    for (let step = 1; step < path.length; step++) {
      at += rand.int(1, 72) * HOUR;
      entries.push(changed(Math.min(at, RANDOM_NOW), ['status', path[step - 1], path[step]]));
    }
    if (rand.next() < 0.2) entries.push(escalation(reportedAt + rand.int(1, 48) * HOUR));
    const sla: KpiSlaResults =
      rand.next() < 0.5
        ? {}
        : {
            resolution: {
              outcome: rand.pick(['met', 'breached', 'running'] as const),
              at: at + rand.int(-5, 5) * HOUR,
            },
            ...(rand.next() < 0.5 ? { firstResponse: { outcome: 'met' as const, at: reportedAt + HOUR } } : {}),
          };
    const record_ = record({
      reportedAt,
      status: path.at(-1)!,
      entries: entries.sort((a, b) => a.at - b.at),
      assigneeId: rand.pick(RANDOM_AGENTS),
      groupId: rand.pick(RANDOM_GROUPS),
      channel: rand.pick(RANDOM_CHANNELS),
      acknowledgedAt: rand.next() < 0.7 ? reportedAt + rand.int(0, 600) * 60_000 : null,
    });
    facts.push(incidentKpiFacts(record_, sla));
  }
  return facts;
}

function recomputedRows(facts: readonly IncidentKpiFacts[], plan: KpiPlan, keyOf: (f: IncidentKpiFacts) => string) {
  const keys = [...new Set(facts.map(keyOf))];
  return keys.map((key) => {
    const own = facts.filter((f) => keyOf(f) === key);
    return {
      key,
      figures: talliedOneByOne(own, plan.current, plan),
      previous: talliedOneByOne(own, plan.previous, plan),
    };
  });
}

const byKey = (rows: readonly KpiRow[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));

describe('the agents’, groups’ and team’s rows read off the pairs', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`equal each row tallied on its own, and the same when asked again (seed ${seed})`, () => {
      const rand = prng(seed);
      const facts = randomFacts(rand, rand.int(50, 400));
      const plan = randomPlan(rand, { lastDay: 70, duration: calendarDuration });
      const { current, previous, now } = plan;
      const result = computeKpis(facts, plan);
      // Rows hold the incidents that count for either period; the recomputation's other rows are all zeros.
      const inEither = facts.filter((f) => {
        const c = new Contribution();
        return c.read(f, current, now, calendarDuration) || c.read(f, previous, now, calendarDuration);
      });
      expect(result.figures).toEqual(talliedOneByOne(facts, current, plan));
      expect(result.previousFigures).toEqual(talliedOneByOne(facts, previous, plan));
      expect(byKey(result.byAgent)).toEqual(byKey(recomputedRows(inEither, plan, (f) => f.assigneeId ?? 'none')));
      expect(byKey(result.byGroup)).toEqual(byKey(recomputedRows(inEither, plan, (f) => f.groupId ?? 'none')));
      // Again, on buffers handed back by the first report, and after another report filled them in between.
      computeKpis(randomFacts(rand, 200), plan);
      expect(computeKpis(facts, plan)).toEqual(result);
    });
  }
});
