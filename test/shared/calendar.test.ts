import { describe, expect, it } from 'vitest';
import {
  businessCalendarSchema,
  CalendarError,
  checkCalendar,
  DEFAULT_CALENDAR,
  parseCalendar,
  storedCalendarSchema,
  WEEKDAYS,
} from '#shared/domain/calendar.ts';
import type { CalendarProblemKind } from '#shared/domain/calendar.ts';
import { addBusinessMinutes } from '#shared/domain/business-time.ts';
import { businessTimeCases } from '../helpers/reference-cases.ts';

const OFFICE = { timeZone: 'Europe/Berlin', hours: { mon: [['08:00', '18:00']] } };

function problemKinds(input: unknown): CalendarProblemKind[] {
  const check = checkCalendar(input);
  return check.ok ? [] : check.problems.map((p) => p.kind);
}

describe('business calendars', () => {
  it('accepts every calendar of the reference cases as it is written', () => {
    for (const [name, calendar] of Object.entries(businessTimeCases().calendars)) {
      expect(checkCalendar(calendar), name).toMatchObject({ ok: true });
    }
  });

  it('keeps holidays in the stored form with names, and names bare dates "Holiday"', () => {
    const calendar = parseCalendar({
      ...OFFICE,
      holidays: ['2024-12-26', { date: '2024-12-25', name: 'Christmas Day' }, { date: '2024-12-31' }],
    });
    expect(calendar.holidays).toEqual([
      { date: '2024-12-25', name: 'Christmas Day' },
      { date: '2024-12-26', name: 'Holiday' },
      { date: '2024-12-31', name: 'Holiday' },
    ]);
    expect(calendar.hours.tue).toEqual([]);
    expect(parseCalendar(calendar)).toEqual(calendar);
  });

  it('orders a day’s intervals and lets touching intervals stand', () => {
    const calendar = parseCalendar({
      timeZone: 'UTC',
      hours: {
        mon: [
          ['13:00', '17:00'],
          ['08:00', '13:00'],
        ],
      },
    });
    expect(calendar.hours.mon).toEqual([
      ['08:00', '13:00'],
      ['13:00', '17:00'],
    ]);
  });

  it('has a 24×7 default that is valid and open on every day', () => {
    const calendar = parseCalendar(DEFAULT_CALENDAR);
    for (const day of WEEKDAYS) expect(calendar.hours[day]).toEqual([['00:00', '24:00']]);
    expect(storedCalendarSchema.parse(DEFAULT_CALENDAR)).toMatchObject({ id: DEFAULT_CALENDAR.id, name: '24×7' });
  });

  const bad: { why: string; input: unknown; kind: CalendarProblemKind; message: RegExp }[] = [
    {
      why: 'an unknown time zone',
      input: { ...OFFICE, timeZone: 'Mars/Olympus_Mons' },
      kind: 'unknown_time_zone',
      message: /"Mars\/Olympus_Mons" is not a known IANA time zone/,
    },
    {
      why: 'a fixed offset instead of a zone',
      input: { ...OFFICE, timeZone: '+02:00' },
      kind: 'unknown_time_zone',
      message: /not a known IANA time zone/,
    },
    {
      why: 'an interval ending before it starts',
      input: { ...OFFICE, hours: { mon: [['18:00', '08:00']] } },
      kind: 'interval_ends_before_start',
      message: /Monday 18:00–08:00 ends before it starts/,
    },
    {
      why: 'an interval ending when it starts',
      input: { ...OFFICE, hours: { tue: [['09:00', '09:00']] } },
      kind: 'interval_ends_before_start',
      message: /Tuesday 09:00–09:00 ends when it starts/,
    },
    {
      why: 'overlapping intervals',
      input: {
        ...OFFICE,
        hours: {
          wed: [
            ['08:00', '12:00'],
            ['11:30', '14:00'],
          ],
        },
      },
      kind: 'overlapping_intervals',
      message: /Wednesday 08:00–12:00 overlaps 11:30–14:00/,
    },
    {
      why: 'a malformed time',
      input: { ...OFFICE, hours: { mon: [['8:00', '18:00']] } },
      kind: 'malformed_time',
      message: /"8:00": it is not a time of day as HH:MM/,
    },
    {
      why: 'a time past the end of the day',
      input: { ...OFFICE, hours: { mon: [['08:00', '24:30']] } },
      kind: 'malformed_time',
      message: /"24:30"/,
    },
    {
      why: '24:00 as a start',
      input: { ...OFFICE, hours: { mon: [['24:00', '24:00']] } },
      kind: 'malformed_time',
      message: /24:00 can only end an interval/,
    },
    {
      why: 'a malformed date',
      input: { ...OFFICE, holidays: ['2024-02-30'] },
      kind: 'malformed_date',
      message: /holiday "2024-02-30" is not a date as YYYY-MM-DD/,
    },
    {
      why: 'a date in another format',
      input: { ...OFFICE, holidays: [{ date: '25.12.2024', name: 'Christmas' }] },
      kind: 'malformed_date',
      message: /"25\.12\.2024"/,
    },
    {
      why: 'the same holiday twice',
      input: { ...OFFICE, holidays: ['2024-12-25', { date: '2024-12-25', name: 'Christmas' }] },
      kind: 'duplicate_holiday',
      message: /2024-12-25 is listed twice/,
    },
    {
      why: 'no opening hours at all',
      input: { timeZone: 'UTC', hours: { mon: [], sat: [] } },
      kind: 'no_opening_hours',
      message: /no opening hours on any day/,
    },
    {
      why: 'an unknown weekday',
      input: { timeZone: 'UTC', hours: { monday: [['08:00', '18:00']] } },
      kind: 'malformed_calendar',
      message: /hours/,
    },
    { why: 'no hours field', input: { timeZone: 'UTC' }, kind: 'malformed_calendar', message: /hours/ },
  ];

  for (const { why, input, kind, message } of bad) {
    it(`refuses ${why} with a clear error`, () => {
      expect(problemKinds(input)).toContain(kind);
      expect(() => parseCalendar(input)).toThrow(CalendarError);
      expect(() => parseCalendar(input)).toThrow(message);
      expect(businessCalendarSchema.safeParse(input).success).toBe(false);
      try {
        parseCalendar(input);
      } catch (error) {
        expect((error as CalendarError).code).toBe('invalid_input');
      }
      // The arithmetic refuses it the same way, rather than answering from a broken calendar.
      expect(() => addBusinessMinutes(input as never, '2024-06-03T10:00:00Z', 10)).toThrow(CalendarError);
    });
  }

  it('reports every problem at once, each with where it is', () => {
    const check = checkCalendar({
      timeZone: 'Nowhere/Town',
      hours: { mon: [['18:00', '08:00']], tue: [['x', '10:00']] },
      holidays: ['2024-13-01'],
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.map((p) => [p.kind, p.path])).toEqual([
      ['unknown_time_zone', ['timeZone']],
      ['interval_ends_before_start', ['hours', 'mon', 0]],
      ['malformed_time', ['hours', 'tue', 0]],
      ['malformed_date', ['holidays', 0]],
    ]);
    const issues = businessCalendarSchema.safeParse({ timeZone: 'Nowhere/Town', hours: { mon: [['08:00', '09:00']] } });
    expect(issues.error?.issues[0]).toMatchObject({ path: ['timeZone'], params: { kind: 'unknown_time_zone' } });
  });
});
