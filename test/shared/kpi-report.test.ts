import { describe, expect, it } from 'vitest';
import { businessMsBetween, compileCalendar } from '#shared/domain/business-time.ts';
import { incidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import type { IncidentKpiFacts, KpiIncidentRecord, KpiSlaResults } from '#shared/domain/kpi-facts.ts';
import { calendarDuration } from '#shared/domain/kpi-membership.ts';
import type { DurationMeasure, ResolvedKpiFilters } from '#shared/domain/kpi-membership.ts';
import { periodBuckets, resolvePeriod } from '#shared/domain/kpi-period.ts';
import { computeKpis, drillIncidents } from '#shared/domain/kpi-report.ts';
import type { KpiPlan } from '#shared/domain/kpi-report.ts';
import { AGE_BUCKETS, RESOLVE_BUCKETS } from '#shared/domain/kpi-query.ts';
import { MINUTE_MS } from '#shared/domain/instant.ts';
import { durationFigure } from '#shared/domain/kpi-tally.ts';
import { prng } from '../helpers/prng.ts';
import {
  AGENT_A,
  AGENT_B,
  callBack,
  changed,
  customerMessage,
  DAY,
  escalation,
  GROUP_1,
  GROUP_2,
  HOUR,
  MINUTE,
  MONDAY,
  record,
  reply,
  statusMoves,
} from '../helpers/kpi-histories.ts';

/**
 * A week on a small desk, worked out by hand. The period is Monday 2 to Monday 9 March 2026 (UTC); the one
 * before it is the week from Monday 23 February.
 */
const MON = MONDAY;
const at = (day: number, hour: number, minute = 0) => MON + day * DAY + hour * HOUR + minute * MINUTE;
const NOW = at(8, 12); // Tuesday 10 March, noon

const HISTORY: Record<string, KpiIncidentRecord> = {
  // Agent A: resolved Monday at first contact, closed Wednesday.
  A1: record({
    id: 'A1',
    reportedAt: at(0, 9),
    status: 'closed',
    assigneeId: AGENT_A,
    groupId: GROUP_1,
    channel: 'email',
    priority: 2,
    acknowledgedAt: at(0, 9, 30),
    entries: [
      changed(at(0, 9, 30), ['status', 'new', 'in_progress'], ['assigneeId', null, AGENT_A]),
      reply(at(0, 9, 15)),
      ...statusMoves(['in_progress', 'resolved', at(0, 11)], ['resolved', 'closed', at(2, 11)]),
    ],
  }),
  // Agent A: resolved Tuesday, reopened and resolved again Wednesday.
  A2: record({
    id: 'A2',
    reportedAt: at(1, 10),
    status: 'resolved',
    assigneeId: AGENT_A,
    groupId: GROUP_1,
    channel: 'phone',
    acknowledgedAt: at(1, 10, 10),
    entries: [
      ...statusMoves(['new', 'in_progress', at(1, 10, 10)]),
      callBack(at(1, 10, 30)),
      ...statusMoves(
        ['in_progress', 'resolved', at(1, 16)],
        ['resolved', 'in_progress', at(2, 9)],
        ['in_progress', 'resolved', at(2, 12)],
      ),
    ],
  }),
  // Agent B: reported the Friday before, chased by the reporter, resolved Monday afternoon.
  B1: record({
    id: 'B1',
    reportedAt: at(-3, 15),
    status: 'resolved',
    assigneeId: AGENT_B,
    groupId: GROUP_2,
    channel: 'email',
    priority: 1,
    acknowledgedAt: at(-3, 15, 30),
    entries: [
      ...statusMoves(['new', 'in_progress', at(-3, 15, 30)]),
      reply(at(-3, 15, 10)),
      customerMessage(at(0, 8)),
      ...statusMoves(['in_progress', 'resolved', at(0, 15)]),
    ],
  }),
  // Agent B: reported Thursday, escalated, still being worked.
  B2: record({
    id: 'B2',
    reportedAt: at(3, 14),
    status: 'in_progress',
    assigneeId: AGENT_B,
    groupId: GROUP_2,
    channel: 'web',
    acknowledgedAt: at(3, 18),
    entries: [...statusMoves(['new', 'in_progress', at(3, 18)]), escalation(at(4, 9))],
  }),
  // Nobody's: reported Saturday, still new.
  U1: record({ id: 'U1', reportedAt: at(5, 8), status: 'new', channel: 'phone' }),
  // Agent A: reported and resolved the week before, closed on Monday.
  P1: record({
    id: 'P1',
    reportedAt: at(-6, 9),
    status: 'closed',
    assigneeId: AGENT_A,
    groupId: GROUP_1,
    entries: statusMoves(['new', 'resolved', at(-5, 9)], ['resolved', 'closed', at(0, 10)]),
  }),
  // Agent B: a walk-in on Sunday evening, cancelled an hour later.
  C1: record({
    id: 'C1',
    reportedAt: at(6, 20),
    status: 'cancelled',
    assigneeId: AGENT_B,
    groupId: GROUP_2,
    channel: 'walk_in',
    entries: statusMoves(['new', 'cancelled', at(6, 21)]),
  }),
  // After the period.
  X1: record({ id: 'X1', reportedAt: at(7, 10), status: 'new' }),
};
const FACTS: IncidentKpiFacts[] = Object.values(HISTORY).map((r) => incidentKpiFacts(r));

function plan(
  from: string,
  to: string,
  options: { filters?: ResolvedKpiFilters; duration?: DurationMeasure; now?: number } = {},
): KpiPlan {
  const { current, previous } = resolvePeriod({ from, to }, options.now ?? NOW, 'UTC');
  return {
    current,
    previous,
    buckets: periodBuckets(current, 'UTC'),
    now: options.now ?? NOW,
    filters: options.filters ?? {},
    duration: options.duration ?? calendarDuration,
  };
}

const WEEK = plan('2026-03-02', '2026-03-09');

describe('the team’s figures for a week worked out by hand', () => {
  const { figures, previousFigures } = computeKpis(FACTS, WEEK);

  it('volume: created, resolved (each once, by its latest resolution), closed, handled', () => {
    expect(figures).toMatchObject({ created: 5, resolved: 3, closed: 2, handled: 6 });
  });

  it('backlog at the start and at the end', () => {
    expect(figures.backlog).toEqual({ atStart: 1, atEnd: 2 });
  });

  it('mean time to acknowledge over the incidents acknowledged in the week', () => {
    expect(figures.mtta).toEqual({
      count: 3,
      meanMinutes: 280 / 3,
      medianMinutes: 30,
      p90Minutes: 240,
      totalMinutes: 280,
    });
  });

  it('first response: a reply by mail and a call back', () => {
    expect(figures.firstResponse).toMatchObject({ count: 2, meanMinutes: 22.5, medianMinutes: 22.5, p90Minutes: 30 });
  });

  it('time to resolve: mean, median, 90th percentile, from reported to the latest resolution', () => {
    expect(figures.timeToResolve).toMatchObject({
      count: 3,
      meanMinutes: 2000,
      medianMinutes: 1560,
      p90Minutes: 4320,
    });
  });

  it('first contact resolution, reopen rate and escalation rate', () => {
    expect(figures.firstContactResolution).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    expect(figures.reopenRate).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    expect(figures.escalationRate).toEqual({ count: 1, of: 5, rate: 0.2 });
  });

  it('no service levels: compliance is null, never NaN', () => {
    expect(figures.slaCompliance.resolution).toEqual({ count: 0, of: 0, rate: null });
  });

  it('the week before, for comparison', () => {
    expect(previousFigures).toMatchObject({ created: 2, resolved: 1, closed: 0, backlog: { atStart: 0, atEnd: 1 } });
    expect(previousFigures.mtta.meanMinutes).toBe(30);
    expect(previousFigures.timeToResolve.meanMinutes).toBe(1440);
  });
});

describe('the week’s charts and breakdowns', () => {
  const result = computeKpis(FACTS, WEEK);

  it('one bucket a day; created by channel and resolved per day', () => {
    expect(WEEK.buckets.map((b) => b.label)).toEqual(['2 Mar', '3 Mar', '4 Mar', '5 Mar', '6 Mar', '7 Mar', '8 Mar']);
    expect(result.series.created.email).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(result.series.created.phone).toEqual([0, 1, 0, 0, 0, 1, 0]);
    expect(result.series.created.web).toEqual([0, 0, 0, 1, 0, 0, 0]);
    expect(result.series.created.walk_in).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(result.series.resolved).toEqual([2, 0, 1, 0, 0, 0, 0]);
  });

  it('the backlog at the end of each day, by age', () => {
    expect(result.series.backlog).toEqual({
      underDay: [0, 0, 0, 1, 0, 1, 0],
      days1to3: [0, 0, 0, 0, 1, 1, 1],
      days3to7: [0, 0, 0, 0, 0, 0, 1],
      days7to30: [0, 0, 0, 0, 0, 0, 0],
      over30Days: [0, 0, 0, 0, 0, 0, 0],
    });
  });

  it('time to resolve distribution', () => {
    const byBucket = Object.fromEntries(RESOLVE_BUCKETS.map((b, i) => [b, result.resolveDistribution[i]]));
    expect(byBucket).toEqual({
      underHour: 0,
      hours1to4: 1,
      hours4to8: 0,
      hours8to24: 0,
      days1to3: 1,
      days3to7: 1,
      over7Days: 0,
    });
  });

  it('shares by channel of the incidents reported', () => {
    expect(result.shares.channel).toEqual([
      { key: 'phone', count: 2, share: 0.4 },
      { key: 'email', count: 1, share: 0.2 },
      { key: 'walk_in', count: 1, share: 0.2 },
      { key: 'web', count: 1, share: 0.2 },
    ]);
    expect(result.shares.priority.map((row) => [row.key, row.count])).toEqual([
      ['2', 1],
      ['3', 4],
    ]);
  });

  it('per agent: each incident counts for the agent it is assigned to now', () => {
    const rows = Object.fromEntries(result.byAgent.map((row) => [row.key, row.figures]));
    expect(rows[AGENT_A]).toMatchObject({ created: 2, resolved: 2, closed: 2, handled: 2 });
    expect(rows[AGENT_A]!.timeToResolve).toMatchObject({ count: 2, meanMinutes: 840, medianMinutes: 840 });
    expect(rows[AGENT_B]).toMatchObject({ created: 2, resolved: 1, handled: 3, backlog: { atStart: 1, atEnd: 1 } });
    expect(rows.none).toMatchObject({ created: 1, resolved: 0, handled: 1, backlog: { atStart: 0, atEnd: 1 } });
  });
});

describe('durations in business hours', () => {
  // Monday to Friday, 09:00 to 17:00 UTC.
  const officeHours = compileCalendar({
    timeZone: 'UTC',
    hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]])),
  });
  const business: DurationMeasure = (from, to) => businessMsBetween(officeHours, from, to);

  it('counts only the opening hours between report and resolution', () => {
    const { figures } = computeKpis(FACTS, plan('2026-03-02', '2026-03-09', { duration: business }));
    // A1: 09:00–11:00 Monday = 120; A2: Tue 10:00–17:00 + Wed 09:00–12:00 = 600; B1: Fri 15:00–17:00 + Mon 09:00–15:00 = 480.
    expect(figures.timeToResolve).toMatchObject({ count: 3, meanMinutes: 400, medianMinutes: 480, p90Minutes: 600 });
  });
});

describe('SLA compliance counts each clock once, when it was met or when it breached', () => {
  const withClocks = (id: string, reportedAt: number, sla: KpiSlaResults): IncidentKpiFacts =>
    incidentKpiFacts(record({ id, reportedAt, status: 'in_progress' }), sla);
  const facts = [
    withClocks('met', at(0, 9), { firstResponse: { outcome: 'met', at: at(0, 10) } }),
    withClocks('late', at(0, 9), { firstResponse: { outcome: 'breached', at: at(1, 9) } }),
    // Still running: breached on Wednesday, before now.
    withClocks('overdue', at(1, 9), { firstResponse: { outcome: 'running', at: at(2, 9) } }),
    // Still running, due after now: not counted yet.
    withClocks('pending', at(6, 9), { firstResponse: { outcome: 'running', at: at(9, 9) } }),
    // Breached in the week before: not this week's.
    withClocks('earlier', at(-4, 9), { resolution: { outcome: 'breached', at: at(-3, 9) } }),
  ];

  it('met ÷ (met + breached)', () => {
    const { figures, series } = computeKpis(facts, WEEK);
    expect(figures.slaCompliance.firstResponse).toEqual({ count: 1, of: 3, rate: 1 / 3 });
    expect(figures.slaCompliance.resolution).toEqual({ count: 0, of: 0, rate: null });
    expect(series.sla.firstResponse.met).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(series.sla.firstResponse.breached).toEqual([0, 1, 1, 0, 0, 0, 0]);
  });

  it('a running clock counts as breached once its breach has passed, and not before', () => {
    const early = computeKpis(facts, plan('2026-03-02', '2026-03-09', { now: at(1, 12) }));
    expect(early.figures.slaCompliance.firstResponse).toEqual({ count: 1, of: 2, rate: 0.5 });
  });
});

describe('properties', () => {
  it('the per-agent and per-group figures add up to the team’s', () => {
    const result = computeKpis(FACTS, WEEK);
    for (const rows of [result.byAgent, result.byGroup]) {
      const sum = (pick: (f: (typeof rows)[number]['figures']) => number) =>
        rows.reduce((total, row) => total + pick(row.figures), 0);
      const team = result.figures;
      expect(sum((f) => f.created)).toBe(team.created);
      expect(sum((f) => f.resolved)).toBe(team.resolved);
      expect(sum((f) => f.closed)).toBe(team.closed);
      expect(sum((f) => f.handled)).toBe(team.handled);
      expect(sum((f) => f.backlog.atEnd)).toBe(team.backlog.atEnd);
      expect(sum((f) => f.timeToResolve.totalMinutes)).toBe(team.timeToResolve.totalMinutes);
      expect(sum((f) => f.mtta.count)).toBe(team.mtta.count);
      expect(sum((f) => f.firstContactResolution.count)).toBe(team.firstContactResolution.count);
    }
  });

  it('a period split in two adds up; the first half’s end backlog is the second’s start', () => {
    const whole = computeKpis(FACTS, WEEK).figures;
    const first = computeKpis(FACTS, plan('2026-03-02', '2026-03-05')).figures;
    const second = computeKpis(FACTS, plan('2026-03-05', '2026-03-09')).figures;
    for (const key of ['created', 'resolved', 'closed'] as const) expect(first[key] + second[key]).toBe(whole[key]);
    expect(first.timeToResolve.totalMinutes + second.timeToResolve.totalMinutes).toBe(whole.timeToResolve.totalMinutes);
    expect(first.mtta.count + second.mtta.count).toBe(whole.mtta.count);
    expect(first.backlog.atEnd).toBe(second.backlog.atStart);
    expect(first.backlog.atStart).toBe(whole.backlog.atStart);
    expect(second.backlog.atEnd).toBe(whole.backlog.atEnd);
  });

  it('filters keep only the incidents they name; none is the incidents with nobody', () => {
    const onlyB = computeKpis(FACTS, plan('2026-03-02', '2026-03-09', { filters: { agentIds: [AGENT_B] } }));
    expect(onlyB.figures).toMatchObject({ created: 2, resolved: 1 });
    const nobody = computeKpis(FACTS, plan('2026-03-02', '2026-03-09', { filters: { agentIds: ['none'] } }));
    expect(nobody.figures).toMatchObject({ created: 1, resolved: 0, backlog: { atEnd: 1 } });
    const phoneOrWeb = computeKpis(
      FACTS,
      plan('2026-03-02', '2026-03-09', { filters: { channels: ['phone', 'web'] } }),
    );
    expect(phoneOrWeb.figures.created).toBe(3);
  });
});

describe('drill-down: exactly the incidents behind a figure', () => {
  const result = computeKpis(FACTS, WEEK);
  const ids = (target: Parameters<typeof drillIncidents>[2]) => drillIncidents(FACTS, WEEK, target).sort();

  it('lists the incidents a figure counted', () => {
    expect(ids({ figure: 'created' })).toEqual(['A1', 'A2', 'B2', 'C1', 'U1']);
    expect(ids({ figure: 'resolved' })).toEqual(['A1', 'A2', 'B1']);
    expect(ids({ figure: 'backlogAtEnd' })).toEqual(['B2', 'U1']);
    expect(ids({ figure: 'resolvedAtFirstContact' })).toEqual(['A1']);
    expect(ids({ figure: 'created', previous: true })).toEqual(['B1', 'P1']);
  });

  it('as many as every figure, bar and cell says', () => {
    const f = result.figures;
    const expectations: [Parameters<typeof drillIncidents>[2], number][] = [
      [{ figure: 'created' }, f.created],
      [{ figure: 'resolved' }, f.resolved],
      [{ figure: 'closed' }, f.closed],
      [{ figure: 'handled' }, f.handled],
      [{ figure: 'backlogAtStart' }, f.backlog.atStart],
      [{ figure: 'backlogAtEnd' }, f.backlog.atEnd],
      [{ figure: 'acknowledged' }, f.mtta.count],
      [{ figure: 'firstResponded' }, f.firstResponse.count],
      [{ figure: 'resolvedAtFirstContact' }, f.firstContactResolution.count],
      [{ figure: 'reopened' }, f.reopenRate.count],
      [{ figure: 'escalated' }, f.escalationRate.count],
    ];
    WEEK.buckets.forEach((_, bucket) => {
      for (const channel of ['email', 'phone', 'web', 'walk_in'] as const) {
        expectations.push([{ figure: 'created', bucket, slice: { channel } }, result.series.created[channel][bucket]!]);
      }
      expectations.push([{ figure: 'resolved', bucket }, result.series.resolved[bucket]!]);
      AGE_BUCKETS.forEach((ageBucket) => {
        expectations.push([
          { figure: 'backlog', bucket, slice: { ageBucket } },
          result.series.backlog[ageBucket][bucket]!,
        ]);
      });
    });
    RESOLVE_BUCKETS.forEach((resolveBucket, i) => {
      expectations.push([{ figure: 'resolved', slice: { resolveBucket } }, result.resolveDistribution[i]!]);
    });
    for (const row of result.byAgent) {
      expectations.push([{ figure: 'resolved', slice: { agentId: row.key } }, row.figures.resolved]);
      expectations.push([{ figure: 'handled', slice: { agentId: row.key } }, row.figures.handled]);
    }
    for (const [target, count] of expectations) expect(ids(target), JSON.stringify(target)).toHaveLength(count);
  });
});

describe('a period with nothing in it', () => {
  it('answers zeros and nulls, never NaN, with a bucket for every day', () => {
    const empty = plan('2025-01-01', '2025-01-08');
    const result = computeKpis(FACTS, empty);
    expect(result.figures).toMatchObject({ created: 0, resolved: 0, backlog: { atStart: 0, atEnd: 0 } });
    expect(result.figures.timeToResolve).toEqual({
      count: 0,
      meanMinutes: null,
      medianMinutes: null,
      p90Minutes: null,
      totalMinutes: 0,
    });
    expect(result.figures.reopenRate.rate).toBeNull();
    expect(result.series.resolved).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
    expect(result.byAgent).toEqual([]);
  });
});

describe('median and 90th percentile', () => {
  it('found by selection, equal those read off a sorted list, for any list (duplicates, even and odd sizes)', () => {
    const rand = prng(99);
    const minutes = (ms: number) => ms / MINUTE_MS;
    for (let round = 0; round < 300; round++) {
      const n = rand.int(1, 60);
      // Whole milliseconds, as the measures give them; a few equal short ones among long ones.
      const values = Array.from({ length: n }, () =>
        rand.next() < 0.3 ? rand.int(0, 5) * MINUTE_MS : rand.int(0, 1_000 * MINUTE_MS),
      );
      if (round % 10 === 0) values.sort((a, b) => a - b);
      const sorted = [...values].sort((a, b) => a - b);
      const median = n % 2 ? minutes(sorted[n >> 1]!) : (minutes(sorted[(n >> 1) - 1]!) + minutes(sorted[n >> 1]!)) / 2;
      const figure = durationFigure(Float64Array.from(values));
      expect(figure.medianMinutes, JSON.stringify(values)).toBe(median);
      expect(figure.p90Minutes, JSON.stringify(values)).toBe(minutes(sorted[Math.ceil(0.9 * n) - 1]!));
      expect(figure.totalMinutes).toBe(minutes(values.reduce((a, b) => a + b, 0)));
    }
  });

  it('the same to the last digit whatever order the incidents come in (the SQL road and the in-memory one)', () => {
    const rand = prng(7);
    for (let round = 0; round < 100; round++) {
      const values = Array.from({ length: rand.int(2, 80) }, () => rand.int(1, 3_000 * MINUTE_MS));
      const shuffled = rand.shuffle(values);
      expect(durationFigure(Float64Array.from(shuffled))).toEqual(durationFigure(Float64Array.from(values)));
    }
  });
});
