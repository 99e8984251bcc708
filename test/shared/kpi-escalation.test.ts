import { describe, expect, it } from 'vitest';
import { incidentKpiFacts, isEscalationFiring } from '#shared/domain/kpi-facts.ts';
import { calendarDuration } from '#shared/domain/kpi-membership.ts';
import { periodBuckets, resolvePeriod } from '#shared/domain/kpi-period.ts';
import { computeKpis, drillIncidents } from '#shared/domain/kpi-report.ts';
import type { KpiPlan } from '#shared/domain/kpi-report.ts';
import {
  AGENT_A,
  DAY,
  escalation,
  HOUR,
  MINUTE,
  MONDAY,
  record,
  ruleFiring,
  statusMoves,
} from '../helpers/kpi-histories.ts';

/**
 * The escalation rate counts incidents escalated by hand (an `escalated` entry) and by an escalation rule's
 * firing (a `changed` entry by Automation for a service-level or acknowledgement occasion), each incident once.
 * Worked out by hand: a week from Monday 2 March 2026 (UTC), six incidents reported in it.
 */
const at = (day: number, hour: number) => MONDAY + day * DAY + hour * HOUR;
const moves = (day: number) => statusMoves(['new', 'in_progress', at(day, 10)]);

const INCIDENTS = [
  // 1. Escalated by a rule at 75 % of its resolution target.
  record({
    id: 'E1',
    reportedAt: at(0, 9),
    status: 'in_progress',
    assigneeId: AGENT_A,
    entries: [
      ...moves(0),
      ruleFiring(at(0, 15), 'resolution:0:elapsed-75', '75 % of the resolution target has elapsed'),
    ],
  }),
  // 2. Escalated by hand and by two rule firings (first response after due, still unacknowledged): counts once.
  record({
    id: 'E2',
    reportedAt: at(1, 9),
    status: 'in_progress',
    entries: [
      ruleFiring(at(1, 9) + 30 * MINUTE, 'unacknowledged-30'),
      ruleFiring(at(1, 11), 'firstResponse:0:after-60'),
      escalation(at(1, 12)),
      ...moves(1),
    ],
  }),
  // 3. Escalated by hand only.
  record({ id: 'E3', reportedAt: at(2, 9), status: 'in_progress', entries: [...moves(2), escalation(at(2, 14))] }),
  // 4. A rule fired on an event (its occasion is the event's id) and a time rule that is no escalation: not escalated.
  record({
    id: 'E4',
    reportedAt: at(3, 9),
    status: 'in_progress',
    entries: [...moves(3), ruleFiring(at(3, 10), '0190f000-0000-7000-8000-00000000e4e4')],
  }),
  // 5. A plain edit whose payload happens to name an occasion is no firing: not escalated.
  record({
    id: 'E5',
    reportedAt: at(4, 9),
    status: 'in_progress',
    entries: [
      ...moves(4),
      { at: at(4, 11), type: 'changed', payload: { action: 'edit', occasion: 'resolution:0:elapsed-75', changes: [] } },
    ],
  }),
  // 6. Next update escalated a second cycle in.
  record({
    id: 'E6',
    reportedAt: at(5, 9),
    status: 'in_progress',
    entries: [...moves(5), ruleFiring(at(6, 9), 'nextUpdate:2:before-15')],
  }),
  // Reported the week before, escalated this week by a rule: counts for the week it was reported in.
  record({
    id: 'P1',
    reportedAt: at(-2, 9),
    status: 'in_progress',
    entries: [...moves(-2), ruleFiring(at(1, 9), 'resolution:0:after-30')],
  }),
];

const NOW = at(8, 12);

function plan(): KpiPlan {
  const { current, previous } = resolvePeriod({ from: '2026-03-02', to: '2026-03-09' }, NOW, 'UTC');
  return {
    current,
    previous,
    buckets: periodBuckets(current, 'UTC'),
    now: NOW,
    filters: {},
    duration: calendarDuration,
  };
}

describe('the escalation rate counts escalations by hand and by escalation rules', () => {
  const facts = INCIDENTS.map((incident) => incidentKpiFacts(incident));

  it('tells an escalation rule’s firing from other rules’ firings and from edits', () => {
    expect(isEscalationFiring(ruleFiring(0, 'resolution:0:elapsed-75'))).toBe(true);
    expect(isEscalationFiring(ruleFiring(0, 'unacknowledged-30'))).toBe(true);
    expect(isEscalationFiring(ruleFiring(0, 'firstResponse:3:before-5'))).toBe(true);
    expect(isEscalationFiring(ruleFiring(0, '0190f000-0000-7000-8000-00000000e4e4'))).toBe(false);
    expect(isEscalationFiring(ruleFiring(0, 'resolution:0:elapsed-75-extra'))).toBe(false);
    expect(isEscalationFiring({ type: 'escalated', payload: { occasion: 'unacknowledged-30' } })).toBe(false);
  });

  it('each incident escalated by hand or by a rule counts once: 4 of the 6 reported in the week', () => {
    const result = computeKpis(facts, plan());
    expect(result.figures.escalationRate).toEqual({ count: 4, of: 6, rate: 4 / 6 });
    expect(result.previousFigures.escalationRate).toEqual({ count: 1, of: 1, rate: 1 });
    expect(drillIncidents(facts, plan(), { figure: 'escalated' }).sort()).toEqual(['E1', 'E2', 'E3', 'E6']);
  });
});
