import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import type { OpeningInterval, Weekday } from '#shared/domain/calendar.ts';
import { saveCalendarInput } from '#shared/domain/sla-settings.ts';
import type { SlaPolicy } from '#shared/domain/sla-policy.ts';
import {
  calendarDraft,
  calendarInput,
  parseHolidays,
  parseIntervals,
  problemAt,
  weekSummary,
} from '../../renderer/src/settings/calendar-draft.ts';
import { policyConditionsText, policyTargetsText } from '../../renderer/src/settings/service-level-text.ts';

describe('the calendars list', () => {
  it('says a week in a line, days in a row with the same hours as one run', () => {
    const hours = (monday: string, saturday: string): Record<Weekday, OpeningInterval[]> => ({
      mon: [['08:00', monday]],
      tue: [['08:00', '18:00']],
      wed: [['08:00', '18:00']],
      thu: [],
      fri: [['08:00', '18:00']],
      sat: saturday ? [['09:00', saturday]] : [],
      sun: [],
    });
    expect(weekSummary({ hours: hours('18:00', '') })).toBe('Mon–Wed 08:00–18:00; Fri 08:00–18:00');
    expect(weekSummary({ hours: hours('12:00', '12:00') })).toBe(
      'Mon 08:00–12:00; Tue–Wed 08:00–18:00; Fri 08:00–18:00; Sat 09:00–12:00',
    );
    expect(weekSummary({ hours: DEFAULT_CALENDAR.hours })).toBe('Always open');
  });
});

describe('the calendar editor’s lines', () => {
  it('read intervals with any dash and commas, and keep a malformed part for the desk to refuse', () => {
    expect(parseIntervals('08:00-12:00, 13:00–17:00')).toEqual([
      ['08:00', '12:00'],
      ['13:00', '17:00'],
    ]);
    expect(parseIntervals('  ')).toEqual([]);
    expect(parseIntervals('nine to five')).toEqual([['nine to five', '']]);
  });

  it('read holidays one a line, the date first', () => {
    expect(parseHolidays('2026-12-25 Christmas Day\n\n2026-12-26')).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: '' },
    ]);
  });

  it('give back the calendar they were made from, and the desk names the day of a problem', () => {
    const view = { ...DEFAULT_CALENDAR, isDefault: true, usedBy: [] };
    const input = calendarInput(calendarDraft(view), view.id);
    const parsed = saveCalendarInput.safeParse(input);
    expect(parsed.success && parsed.data.hours).toEqual(DEFAULT_CALENDAR.hours);
    const draft = calendarDraft(view);
    const bad = saveCalendarInput.safeParse(
      calendarInput({ ...draft, hours: { ...draft.hours, tue: '18:00–08:00' } }, undefined),
    );
    expect(bad.success).toBe(false);
    const errors = Object.fromEntries((bad.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
    expect(problemAt(errors, 'hours.tue')).toMatch(/ends before it starts/);
    expect(problemAt(errors, 'hours.mon')).toBeUndefined();
  });
});

describe('a service level in words', () => {
  const policy: SlaPolicy = {
    id: 'p',
    name: 'Finance',
    conditions: {
      priorities: [1, 2],
      categoryIds: ['c'],
      serviceIds: [],
      channels: ['email'],
      organisations: ['Finance'],
    },
    targets: { firstResponseMinutes: 30, resolutionMinutes: 510 },
    calendarId: 'cal',
    pauseStatuses: [],
  };
  const reference = { categoriesById: new Map([['c', { id: 'c', name: 'Network' }]]), servicesById: new Map() };

  it('says when it applies, and every incident without conditions', () => {
    expect(policyConditionsText(policy, reference as never)).toBe(
      'Priority 1 - Critical or 2 - High; category Network; channel Email; organisation Finance',
    );
    expect(
      policyConditionsText(
        { ...policy, conditions: { priorities: [], categoryIds: [], serviceIds: [], channels: [], organisations: [] } },
        reference as never,
      ),
    ).toBe('Every incident');
  });

  it('lists its targets in business hours', () => {
    expect(policyTargetsText(policy)).toBe('First response 30 min, Resolution 8 h 30 min');
  });
});
