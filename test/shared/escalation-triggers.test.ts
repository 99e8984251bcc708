import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '#shared/domain/calendar.ts';
import { slaTriggerDue, unacknowledgedDue } from '#shared/domain/escalation-triggers.ts';
import type { SlaTrigger } from '#shared/domain/escalation-triggers.ts';
import { triggerSchema } from '#shared/domain/rule-triggers.ts';
import type { SlaEvent, SlaInput } from '#shared/domain/sla.ts';

const OFFICE = ['09:00', '17:00'] as const;
/** Berlin office hours, Monday to Friday; in December Berlin is UTC+1. */
const BERLIN: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: { mon: [OFFICE], tue: [OFFICE], wed: [OFFICE], thu: [OFFICE], fri: [OFFICE] },
};
/** Friday 4 December 2026, 15:00 in Berlin: two business hours before the weekend. */
const FRIDAY_3PM = '2026-12-04T14:00:00.000Z';

const input = (overrides: Partial<SlaInput> = {}): SlaInput => ({
  calendar: BERLIN,
  targets: { firstResponseMinutes: 120, resolutionMinutes: 480, nextUpdateMinutes: 60 },
  createdAt: FRIDAY_3PM,
  initialStatus: 'new',
  events: [],
  now: FRIDAY_3PM,
  ...overrides,
});

type WithoutClock<T> = T extends unknown ? Omit<T, 'clock'> : never;
const resolution = (trigger: WithoutClock<SlaTrigger>) => ({ ...trigger, clock: 'resolution' }) as SlaTrigger;

describe('escalation triggers on business calendars', () => {
  it('finds when a share of the target has elapsed, across the weekend', () => {
    // 240 of 480 minutes: two on Friday, two more on Monday morning.
    expect(slaTriggerDue(resolution({ type: 'sla_elapsed', percent: 50 }), input())).toEqual({
      at: '2026-12-07T10:00:00.000Z',
      occasion: 'resolution:1:elapsed-50',
    });
  });

  it('skips a holiday', () => {
    const withHoliday = input({ calendar: { ...BERLIN, holidays: ['2026-12-07'] } });
    expect(slaTriggerDue(resolution({ type: 'sla_elapsed', percent: 50 }), withHoliday)?.at).toBe(
      '2026-12-08T10:00:00.000Z',
    );
  });

  it('counts minutes before and after due in business time', () => {
    // Due Monday 15:00 in Berlin (480 minutes: 120 on Friday, 360 on Monday).
    expect(slaTriggerDue(resolution({ type: 'sla_before_due', minutes: 60 }), input())?.at).toBe(
      '2026-12-07T13:00:00.000Z',
    );
    expect(slaTriggerDue(resolution({ type: 'sla_after_due', minutes: 30 }), input())).toEqual({
      at: '2026-12-07T14:30:00.000Z',
      occasion: 'resolution:1:after-30',
    });
  });

  it('puts a minute after a due time at closing into the next opening', () => {
    // First response is due at Friday's closing, 17:00; a minute overdue is Monday 09:01.
    const trigger: SlaTrigger = { type: 'sla_after_due', clock: 'firstResponse', minutes: 1 };
    expect(slaTriggerDue(trigger, input())?.at).toBe('2026-12-07T08:01:00.000Z');
  });

  it('answers a stretch that began past the threshold with its start, so the cycle still escalates once', () => {
    // Paused on the customer right away, back at work Monday 12:00: 120 minutes had elapsed, 25 % of 480.
    const events: SlaEvent[] = [
      { at: '2026-12-04T16:00:00.000Z', type: 'status', status: 'waiting_on_customer' },
      { at: '2026-12-07T11:00:00.000Z', type: 'status', status: 'in_progress' },
    ];
    const due = slaTriggerDue(
      resolution({ type: 'sla_elapsed', percent: 20 }),
      input({ events, now: events[1]!.at as string }),
    );
    expect(due?.at).toBe('2026-12-07T11:00:00.000Z');
  });

  it('does not escalate a paused, met or absent clock', () => {
    const paused = input({
      events: [{ at: '2026-12-04T15:00:00.000Z', type: 'status', status: 'waiting_on_customer' }],
      now: '2026-12-04T15:00:00.000Z',
    });
    expect(slaTriggerDue(resolution({ type: 'sla_elapsed', percent: 75 }), paused)).toBeNull();
    const answered = input({
      events: [{ at: '2026-12-04T14:30:00.000Z', type: 'agent_reply' }],
      now: '2026-12-04T14:30:00.000Z',
    });
    expect(slaTriggerDue({ type: 'sla_elapsed', clock: 'firstResponse', percent: 75 }, answered)).toBeNull();
    expect(slaTriggerDue({ type: 'sla_elapsed', clock: 'resolution', percent: 75 }, null)).toBeNull();
  });

  it('names each next-update cycle as its own occasion', () => {
    const events: SlaEvent[] = [
      { at: '2026-12-04T14:10:00.000Z', type: 'customer_message' },
      { at: '2026-12-04T14:20:00.000Z', type: 'agent_reply' },
      { at: '2026-12-04T14:30:00.000Z', type: 'customer_message' },
    ];
    const due = slaTriggerDue(
      { type: 'sla_elapsed', clock: 'nextUpdate', percent: 100 },
      input({ events, now: '2026-12-04T14:30:00.000Z' }),
    );
    expect(due).toEqual({ at: '2026-12-04T15:30:00.000Z', occasion: 'nextUpdate:2:elapsed-100' });
  });

  it('counts an unacknowledged wait in the calendar, and not once acknowledged or ended', () => {
    const incident = { status: 'new' as const, acknowledgedAt: null, createdAt: '2026-12-04T15:30:00.000Z' };
    expect(unacknowledgedDue({ type: 'unacknowledged', minutes: 60 }, incident, BERLIN)).toEqual({
      at: '2026-12-07T08:30:00.000Z',
      occasion: 'unacknowledged-60',
    });
    expect(
      unacknowledgedDue({ type: 'unacknowledged', minutes: 60 }, { ...incident, acknowledgedAt: FRIDAY_3PM }, BERLIN),
    ).toBeNull();
    expect(
      unacknowledgedDue({ type: 'unacknowledged', minutes: 60 }, { ...incident, status: 'resolved' }, BERLIN),
    ).toBeNull();
  });

  it('refuses thresholds a rule cannot mean', () => {
    for (const bad of [
      { type: 'sla_elapsed', clock: 'resolution', percent: 0 },
      { type: 'sla_elapsed', clock: 'answer', percent: 50 },
      { type: 'sla_before_due', clock: 'resolution', minutes: 1.5 },
      { type: 'sla_after_due', clock: 'resolution', minutes: 0 },
      { type: 'unacknowledged', minutes: -5 },
    ]) {
      expect(triggerSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(triggerSchema.safeParse({ type: 'reopened' }).success).toBe(true);
  });
});
