import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isBusinessTime,
  MAX_CLOSED_DAYS,
  nextBusinessInstant,
} from '#shared/domain/business-time.ts';
import type { BusinessCalendar, OpeningInterval, Weekday } from '#shared/domain/calendar.ts';
import { DEFAULT_CALENDAR } from '#shared/domain/calendar.ts';
import { DeskError } from '#shared/errors.ts';
import { businessTimeCases } from '../helpers/reference-cases.ts';

const reference = businessTimeCases();

describe('the shared business-time reference cases', () => {
  for (const c of reference.add) {
    it(`add ${c.id}: ${c.minutes} minutes from ${c.start} on ${c.calendar}`, () => {
      expect(addBusinessMinutes(reference.calendars[c.calendar]!, c.start, c.minutes)).toBe(c.expect);
    });
  }
  for (const c of reference.between) {
    it(`between ${c.id} on ${c.calendar}`, () => {
      expect(businessMinutesBetween(reference.calendars[c.calendar]!, c.from, c.to)).toBe(c.expectMinutes);
    });
  }
});

function weekdays(intervals: readonly OpeningInterval[]): Partial<Record<Weekday, readonly OpeningInterval[]>> {
  return { mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals };
}
function sundays(timeZone: string, intervals: readonly OpeningInterval[]): BusinessCalendar {
  return { timeZone, hours: { sun: intervals } };
}
const OFFICE_BERLIN: BusinessCalendar = { timeZone: 'Europe/Berlin', hours: weekdays([['08:00', '18:00']]) };

describe('boundaries of the working day', () => {
  it('ends a span that runs out at closing time at the closing time, not the next opening', () => {
    // Monday 3 June 2024, Berlin summer time (UTC+2): open 06:00Z–16:00Z.
    expect(addBusinessMinutes(OFFICE_BERLIN, '2024-06-03T06:00:00Z', 600)).toBe('2024-06-03T16:00:00Z');
    expect(addBusinessMinutes(OFFICE_BERLIN, '2024-06-03T06:00:00Z', 601)).toBe('2024-06-04T06:01:00Z');
  });

  it('answers the start itself for zero minutes, open or closed', () => {
    for (const start of [
      '2024-06-03T16:00:00Z',
      '2024-06-03T03:00:00Z',
      '2024-06-08T12:00:00Z',
      '2024-06-03T09:00:00Z',
    ]) {
      expect(addBusinessMinutes(OFFICE_BERLIN, start, 0)).toBe(start);
    }
  });

  it('starts counting at the next opening when the start is out of hours', () => {
    expect(addBusinessMinutes(OFFICE_BERLIN, '2024-06-03T16:00:00Z', 1)).toBe('2024-06-04T06:01:00Z');
    expect(addBusinessMinutes(OFFICE_BERLIN, '2024-06-08T12:00:00Z', 30)).toBe('2024-06-10T06:30:00Z');
    expect(nextBusinessInstant(OFFICE_BERLIN, '2024-06-08T12:00:00Z')).toBe('2024-06-10T06:00:00Z');
    expect(nextBusinessInstant(OFFICE_BERLIN, '2024-06-10T07:00:00Z')).toBe('2024-06-10T07:00:00Z');
  });

  it('counts the opening instant in and the closing instant out', () => {
    expect(isBusinessTime(OFFICE_BERLIN, '2024-06-03T06:00:00Z')).toBe(true);
    expect(isBusinessTime(OFFICE_BERLIN, '2024-06-03T15:59:59.999Z')).toBe(true);
    expect(isBusinessTime(OFFICE_BERLIN, '2024-06-03T16:00:00Z')).toBe(false);
    expect(businessMinutesBetween(OFFICE_BERLIN, '2024-06-03T16:00:00Z', '2024-06-04T06:00:00Z')).toBe(0);
  });

  it('answers 0 for an empty or reversed span', () => {
    expect(businessMinutesBetween(OFFICE_BERLIN, '2024-06-03T09:00:00Z', '2024-06-03T09:00:00Z')).toBe(0);
    expect(businessMinutesBetween(OFFICE_BERLIN, '2024-06-03T10:00:00Z', '2024-06-03T09:00:00Z')).toBe(0);
  });

  it('reads instants with an offset and answers in UTC', () => {
    expect(addBusinessMinutes(OFFICE_BERLIN, '2024-06-03T08:00:00+02:00', 60)).toBe('2024-06-03T07:00:00Z');
    expect(businessMinutesBetween(OFFICE_BERLIN, '2024-06-03T08:00:00+02:00', '2024-06-03T04:00:00-04:00')).toBe(120);
  });

  it('keeps seconds and fractional minutes exact to the millisecond', () => {
    expect(addBusinessMinutes(OFFICE_BERLIN, '2024-06-03T06:00:00Z', 1.5)).toBe('2024-06-03T06:01:30Z');
    expect(addBusinessMinutes(OFFICE_BERLIN, '2024-06-03T06:00:30Z', 1)).toBe('2024-06-03T06:01:30Z');
    expect(addBusinessMinutes(OFFICE_BERLIN, '2024-06-03T06:00:00.250Z', 1)).toBe('2024-06-03T06:01:00.250Z');
    expect(businessMinutesBetween(OFFICE_BERLIN, '2024-06-03T06:00:00Z', '2024-06-03T06:00:30Z')).toBe(0.5);
    // Seconds out of hours do not count: 17:59:30 to 08:00:30 next morning is one minute.
    expect(businessMinutesBetween(OFFICE_BERLIN, '2024-06-03T15:59:30Z', '2024-06-04T06:00:30Z')).toBe(1);
  });
});

describe('split shifts and 24:00', () => {
  const SPLIT: BusinessCalendar = {
    timeZone: 'Europe/Berlin',
    hours: weekdays([
      ['13:00', '17:00'],
      ['08:00', '12:00'],
    ]),
  };

  it('ends at the lunch break and resumes after it', () => {
    expect(addBusinessMinutes(SPLIT, '2024-06-03T09:30:00Z', 30)).toBe('2024-06-03T10:00:00Z');
    expect(addBusinessMinutes(SPLIT, '2024-06-03T09:30:00Z', 31)).toBe('2024-06-03T11:01:00Z');
    expect(addBusinessMinutes(SPLIT, '2024-06-03T10:30:00Z', 0)).toBe('2024-06-03T10:30:00Z');
    expect(businessMinutesBetween(SPLIT, '2024-06-03T09:00:00Z', '2024-06-03T12:00:00Z')).toBe(120);
    expect(businessMinutesBetween(SPLIT, '2024-06-03T00:00:00Z', '2024-06-04T00:00:00Z')).toBe(480);
  });

  it('runs on through midnight when one day ends at 24:00 and the next opens at 00:00', () => {
    const NIGHT: BusinessCalendar = {
      timeZone: 'UTC',
      hours: { fri: [['20:00', '24:00']], sat: [['00:00', '02:00']] },
    };
    expect(addBusinessMinutes(NIGHT, '2024-06-07T23:30:00Z', 60)).toBe('2024-06-08T00:30:00Z');
    expect(addBusinessMinutes(NIGHT, '2024-06-07T20:00:00Z', 240)).toBe('2024-06-08T00:00:00Z');
    expect(addBusinessMinutes(NIGHT, '2024-06-07T20:00:00Z', 360)).toBe('2024-06-08T02:00:00Z');
    expect(addBusinessMinutes(NIGHT, '2024-06-07T20:00:00Z', 361)).toBe('2024-06-14T20:01:00Z');
    expect(businessMinutesBetween(NIGHT, '2024-06-07T23:00:00Z', '2024-06-08T01:00:00Z')).toBe(120);
  });
});

describe('daylight saving time', () => {
  it('skips an opening hour that does not exist on the spring-forward day (Berlin)', () => {
    // Sunday 31 March 2024: 02:00 CET jumps to 03:00 CEST. Open "02:30–05:00" means 03:00–05:00 CEST that day.
    const cal = sundays('Europe/Berlin', [['02:30', '05:00']]);
    expect(nextBusinessInstant(cal, '2024-03-30T23:00:00Z')).toBe('2024-03-31T01:00:00Z');
    expect(addBusinessMinutes(cal, '2024-03-30T23:00:00Z', 30)).toBe('2024-03-31T01:30:00Z');
    expect(businessMinutesBetween(cal, '2024-03-30T00:00:00Z', '2024-04-01T00:00:00Z')).toBe(120);
    // A normal Sunday: 150 minutes.
    expect(businessMinutesBetween(cal, '2024-06-01T00:00:00Z', '2024-06-03T00:00:00Z')).toBe(150);
  });

  it('counts both passes of the repeated autumn hour (Berlin)', () => {
    // Sunday 27 October 2024: 03:00 CEST falls back to 02:00 CET, so 02:30–03:00 happens twice.
    const cal = sundays('Europe/Berlin', [['02:30', '05:00']]);
    expect(businessMinutesBetween(cal, '2024-10-26T00:00:00Z', '2024-10-28T00:00:00Z')).toBe(180);
    expect(addBusinessMinutes(cal, '2024-10-26T22:00:00Z', 30)).toBe('2024-10-27T01:00:00Z');
    expect(addBusinessMinutes(cal, '2024-10-26T22:00:00Z', 31)).toBe('2024-10-27T01:31:00Z');
    expect(isBusinessTime(cal, '2024-10-27T01:15:00Z')).toBe(false);
    const night = sundays('Europe/Berlin', [['01:00', '04:00']]);
    expect(businessMinutesBetween(night, '2024-10-26T00:00:00Z', '2024-10-28T00:00:00Z')).toBe(240);
    expect(businessMinutesBetween(night, '2024-03-30T00:00:00Z', '2024-04-01T00:00:00Z')).toBe(120);
  });

  it('makes a whole-day calendar 23 and 25 hours long on the change days (New York)', () => {
    const cal = sundays('America/New_York', [['00:00', '24:00']]);
    expect(businessMinutesBetween(cal, '2024-03-09T00:00:00Z', '2024-03-12T00:00:00Z')).toBe(23 * 60);
    expect(businessMinutesBetween(cal, '2024-11-02T00:00:00Z', '2024-11-05T00:00:00Z')).toBe(25 * 60);
    expect(addBusinessMinutes(cal, '2024-03-10T05:00:00Z', 23 * 60)).toBe('2024-03-11T04:00:00Z');
  });

  it('follows the southern hemisphere, where summer time ends in April (Sydney)', () => {
    const cal: BusinessCalendar = { timeZone: 'Australia/Sydney', hours: weekdays([['09:00', '17:00']]) };
    // Friday 16:00 AEDT (UTC+11), two hours on: Monday 10:00 AEST (UTC+10).
    expect(addBusinessMinutes(cal, '2024-04-05T05:00:00Z', 120)).toBe('2024-04-08T00:00:00Z');
    // And in October the other way: Friday 16:00 AEST to Monday 10:00 AEDT.
    expect(addBusinessMinutes(cal, '2024-10-04T06:00:00Z', 120)).toBe('2024-10-06T23:00:00Z');
  });

  it('handles zones with 30- and 45-minute offsets and a 30-minute DST shift', () => {
    const kolkata: BusinessCalendar = { timeZone: 'Asia/Kolkata', hours: weekdays([['09:00', '18:00']]) };
    expect(addBusinessMinutes(kolkata, '2024-01-08T03:30:00Z', 540)).toBe('2024-01-08T12:30:00Z');
    expect(addBusinessMinutes(kolkata, '2024-01-12T12:00:00Z', 60)).toBe('2024-01-15T04:00:00Z');
    const kathmandu: BusinessCalendar = { timeZone: 'Asia/Kathmandu', hours: weekdays([['10:00', '17:00']]) };
    expect(nextBusinessInstant(kathmandu, '2024-01-08T00:00:00Z')).toBe('2024-01-08T04:15:00Z');
    expect(businessMinutesBetween(kathmandu, '2024-01-08T00:00:00Z', '2024-01-09T00:00:00Z')).toBe(420);
    // Lord Howe Island moves its clocks by half an hour: 02:00 → 01:30 in April, 02:00 → 02:30 in October.
    const lordHowe = sundays('Australia/Lord_Howe', [['01:00', '03:00']]);
    expect(businessMinutesBetween(lordHowe, '2024-04-06T00:00:00Z', '2024-04-08T00:00:00Z')).toBe(150);
    expect(businessMinutesBetween(lordHowe, '2024-10-05T00:00:00Z', '2024-10-07T00:00:00Z')).toBe(90);
    expect(businessMinutesBetween(lordHowe, '2024-06-01T00:00:00Z', '2024-06-03T00:00:00Z')).toBe(120);
  });
});

describe('holidays', () => {
  it('closes whole local dates, named or not', () => {
    const cal: BusinessCalendar = {
      ...OFFICE_BERLIN,
      holidays: [{ date: '2024-12-24', name: 'Christmas Eve' }, '2024-12-25', { date: '2024-12-26' }],
    };
    // Monday 23 December 17:00 CET, two hours: one on Monday, one on Friday the 27th.
    expect(addBusinessMinutes(cal, '2024-12-23T16:00:00Z', 120)).toBe('2024-12-27T08:00:00Z');
    expect(businessMinutesBetween(cal, '2024-12-23T00:00:00Z', '2024-12-28T00:00:00Z')).toBe(1200);
  });

  it('reads the holiday as a date in the calendar zone, not in UTC', () => {
    const cal: BusinessCalendar = {
      timeZone: 'America/New_York',
      hours: weekdays([['09:00', '17:00']]),
      holidays: ['2024-07-04'],
    };
    expect(businessMinutesBetween(cal, '2024-07-04T00:00:00Z', '2024-07-06T00:00:00Z')).toBe(480);
    expect(isBusinessTime(cal, '2024-07-03T20:00:00Z')).toBe(true);
    expect(isBusinessTime(cal, '2024-07-04T14:00:00Z')).toBe(false);
  });

  it('still answers after a long run of holidays, and refuses past the bound instead of searching forever', () => {
    const mondaysFrom = (first: string, count: number) =>
      Array.from({ length: count }, (_, i) =>
        new Date(Date.parse(first) + i * 7 * 86_400_000).toISOString().slice(0, 10),
      );
    const twoYears: BusinessCalendar = {
      timeZone: 'UTC',
      hours: { mon: [['09:00', '10:00']] },
      holidays: mondaysFrom('2024-01-01', 104),
    };
    expect(addBusinessMinutes(twoYears, '2024-01-01T00:00:00Z', 30)).toBe('2025-12-29T09:30:00Z');
    const fourYears: BusinessCalendar = { ...twoYears, holidays: mondaysFrom('2024-01-01', 210) };
    expect(() => addBusinessMinutes(fourYears, '2024-01-01T00:00:00Z', 30)).toThrow(
      new RegExp(`no opening hours in the ${MAX_CLOSED_DAYS} days after 2024-01-01T00:00:00Z`),
    );
    expect(() => nextBusinessInstant(fourYears, '2024-01-01T00:00:00Z')).toThrow(DeskError);
    // A finite span always has an answer.
    expect(businessMinutesBetween(fourYears, '2024-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toBe(0);
  });
});

describe('around the clock', () => {
  it('is plain elapsed time, also across DST in a zone that has it', () => {
    const berlin24x7: BusinessCalendar = { ...DEFAULT_CALENDAR, timeZone: 'Europe/Berlin' };
    for (const cal of [DEFAULT_CALENDAR, berlin24x7]) {
      expect(businessMinutesBetween(cal, '2024-03-30T00:00:00Z', '2024-04-01T00:00:00Z')).toBe(2 * 24 * 60);
      expect(addBusinessMinutes(cal, '2024-10-26T22:30:00Z', 180)).toBe('2024-10-27T01:30:00Z');
    }
  });
});

describe('bad input', () => {
  it('refuses instants that are not ISO 8601 with a zone', () => {
    for (const bad of ['2024-02-30T10:00:00Z', '2024-06-03 10:00', '2024-06-03T10:00:00', 'tomorrow', '']) {
      expect(() => addBusinessMinutes(OFFICE_BERLIN, bad, 10)).toThrow(DeskError);
      expect(() => businessMinutesBetween(OFFICE_BERLIN, '2024-06-03T10:00:00Z', bad)).toThrow(/ISO 8601/);
    }
  });

  it('refuses negative, infinite or non-numeric minutes', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '10' as unknown as number]) {
      expect(() => addBusinessMinutes(OFFICE_BERLIN, '2024-06-03T10:00:00Z', bad)).toThrow(/Minutes must be/);
    }
  });

  it('refuses spans longer than a century instead of walking them', () => {
    expect(() => businessMinutesBetween(OFFICE_BERLIN, '2000-01-01T00:00:00Z', '2200-01-01T00:00:00Z')).toThrow(
      /longer than 36525 days/,
    );
    expect(() => addBusinessMinutes(DEFAULT_CALENDAR, '2000-01-01T00:00:00Z', 1e9)).toThrow(/a century/);
    expect(addBusinessMinutes(DEFAULT_CALENDAR, '2000-01-01T00:00:00Z', 99 * 365 * 24 * 60)).toBe(
      '2098-12-07T00:00:00Z',
    );
  });

  it('refuses something that is no calendar at all', () => {
    for (const bad of [null, 'Europe/Berlin', 42]) {
      expect(() => addBusinessMinutes(bad as never, '2024-06-03T10:00:00Z', 1)).toThrow(/The calendar is not valid/);
    }
  });

  it('says a calendar without opening hours has none, instead of looping', () => {
    const closed: BusinessCalendar = { timeZone: 'Europe/Berlin', hours: { mon: [], tue: [] } };
    expect(() => addBusinessMinutes(closed, '2024-06-03T10:00:00Z', 10)).toThrow(/no opening hours on any day/);
    expect(() => businessMinutesBetween(closed, '2024-06-03T10:00:00Z', '2024-06-04T10:00:00Z')).toThrow(
      /no opening hours/,
    );
  });
});
