import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import type { BusinessCalendar } from '#shared/domain/calendar.ts';
import { goalProgress, saveGoalInput, targetOver } from '#shared/domain/goals.ts';
import type { Goal } from '#shared/domain/goals.ts';
import { incidentClockResults } from '#shared/domain/kpi-sla.ts';
import { computeKpis } from '#shared/domain/kpi-report.ts';
import { incidentKpiFacts } from '#shared/domain/kpi-facts.ts';
import { calendarDuration } from '#shared/domain/kpi-membership.ts';
import { periodBuckets, resolvePeriod } from '#shared/domain/kpi-period.ts';
import { customerMessage, DAY, HOUR, MINUTE, MONDAY, record, reply, statusMoves } from '../helpers/kpi-histories.ts';

const T0 = MONDAY + 9 * HOUR;
const TARGETS = { firstResponseMinutes: 60, nextUpdateMinutes: 120, resolutionMinutes: 240 };

describe('SLA clock verdicts for the KPIs, from evaluateSla over the timeline', () => {
  it('a reply in time is met when it was sent; a resolution too late breached when the target ran out', () => {
    const results = incidentClockResults(
      record({
        reportedAt: T0,
        status: 'resolved',
        entries: [
          ...statusMoves(['new', 'in_progress', T0 + 5 * MINUTE]),
          reply(T0 + 30 * MINUTE),
          ...statusMoves(['in_progress', 'resolved', T0 + 5 * HOUR]),
        ],
      }),
      TARGETS,
      DEFAULT_CALENDAR,
    );
    expect(results).toEqual({
      firstResponse: { outcome: 'met', at: T0 + 30 * MINUTE },
      resolution: { outcome: 'breached', at: T0 + 4 * HOUR },
    });
  });

  it('a clock still running is kept with the instant it will breach', () => {
    const results = incidentClockResults(
      record({ reportedAt: T0, status: 'in_progress', entries: statusMoves(['new', 'in_progress', T0 + HOUR]) }),
      TARGETS,
      DEFAULT_CALENDAR,
    );
    expect(results.resolution).toEqual({ outcome: 'running', at: T0 + 4 * HOUR });
    // Already past its first-response target when the history ends.
    expect(results.firstResponse).toEqual({ outcome: 'running', at: T0 + HOUR });
  });

  it('a customer message after the first response starts a next-update wait; waiting on the customer pauses', () => {
    const results = incidentClockResults(
      record({
        reportedAt: T0,
        status: 'waiting_on_customer',
        entries: [
          reply(T0 + 10 * MINUTE),
          customerMessage(T0 + HOUR),
          reply(T0 + 2 * HOUR),
          ...statusMoves(['new', 'waiting_on_customer', T0 + 2 * HOUR + MINUTE]),
        ],
      }),
      TARGETS,
      DEFAULT_CALENDAR,
    );
    expect(results.nextUpdate).toEqual({ outcome: 'met', at: T0 + 2 * HOUR });
    expect(results.resolution).toBeUndefined();
  });

  it('in business hours: a Friday afternoon report breaches on Monday morning', () => {
    const officeHours: BusinessCalendar = {
      timeZone: 'UTC',
      hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]])),
    };
    const friday = MONDAY - 3 * DAY + 16 * HOUR;
    const results = incidentClockResults(
      record({ reportedAt: friday, status: 'new' }),
      { resolutionMinutes: 120 },
      officeHours,
    );
    expect(results.resolution).toEqual({ outcome: 'running', at: MONDAY + 10 * HOUR });
  });

  it('no targets, no clocks', () => {
    expect(incidentClockResults(record({ reportedAt: T0, status: 'new' }), {}, DEFAULT_CALENDAR)).toEqual({});
  });
});

describe('goals', () => {
  const team = (kpi: Goal['kpi'], target: number, period: Goal['period'] = 'month'): Goal => ({
    id: '0190f000-0000-7000-8000-0000000000aa',
    kpi,
    target,
    scope: 'team',
    scopeId: null,
    period,
  });

  it('refuses a negative target, a percentage over 100, and a scope without its group or agent', () => {
    const refusal = (input: unknown) => {
      const parsed = saveGoalInput.safeParse(input);
      return parsed.success ? null : parsed.error.issues[0]!.message;
    };
    expect(refusal({ kpi: 'resolved', target: -5, scope: 'team' })).toBe('The target must be 0 or more');
    expect(refusal({ kpi: 'slaResolution', target: 120, scope: 'team' })).toBe('A percentage target is at most 100');
    expect(refusal({ kpi: 'mtta', target: 30, scope: 'agent' })).toMatch(/names one/);
    expect(refusal({ kpi: 'mtta', target: 30, scope: 'team' })).toBeNull();
  });

  it('a count of work per period is scaled to the report’s length; other targets hold as they are', () => {
    expect(targetOver(team('resolved', 70, 'week'), 2 * DAY)).toBe(20);
    expect(targetOver(team('mtta', 30, 'week'), 2 * DAY)).toBe(30);
  });

  it('progress: met when at or beyond the target in the better direction; nothing to judge without incidents', () => {
    const { current, previous } = resolvePeriod({ from: '2026-03-02', to: '2026-03-09' }, MONDAY + 8 * DAY, 'UTC');
    const plan = {
      current,
      previous,
      buckets: periodBuckets(current, 'UTC'),
      now: MONDAY + 8 * DAY,
      filters: {},
      duration: calendarDuration,
    };
    const facts = [
      incidentKpiFacts(
        record({ reportedAt: T0, status: 'resolved', entries: statusMoves(['new', 'resolved', T0 + HOUR]) }),
      ),
      incidentKpiFacts(record({ reportedAt: T0, status: 'new', acknowledgedAt: T0 + 45 * MINUTE })),
    ];
    const { figures } = computeKpis(facts, plan);
    const week = current.to - current.from;
    expect(goalProgress(team('resolved', 2, 'week'), figures, week)).toMatchObject({
      value: 1,
      met: false,
      progress: 0.5,
    });
    expect(goalProgress(team('backlog', 1, 'week'), figures, week)).toMatchObject({ value: 1, met: true, progress: 1 });
    expect(goalProgress(team('mtta', 30), figures, week)).toMatchObject({ value: 45, met: false, progress: 30 / 45 });
    expect(goalProgress(team('slaResolution', 95), figures, week)).toMatchObject({
      value: null,
      met: null,
      progress: null,
    });
  });
});
