import { describe, expect, it } from 'vitest';
import { holidayWindowAround, MAX_ICS_BYTES, readIcsHolidays } from '#core/sla/holiday-import.ts';
import { addBusinessMinutes } from '#shared/domain/business-time.ts';
import { parseCalendar } from '#shared/domain/calendar.ts';
import { DeskError } from '#shared/errors.ts';

const WINDOW = { from: '2024-01-01', to: '2026-12-31' };

/** An iCalendar text as producers write it: CRLF line ends, one VEVENT per block. */
function ics(...events: string[][]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Incident Desk tests//EN'];
  events.forEach((event, i) =>
    lines.push('BEGIN:VEVENT', `UID:event-${i}@desk.test`, 'DTSTAMP:20240101T000000Z', ...event, 'END:VEVENT'),
  );
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}

describe('holidays from an .ics file', () => {
  it('makes each all-day event a holiday, every day of a multi-day one, and counts timed events', () => {
    const result = readIcsHolidays(
      ics(
        ['DTSTART;VALUE=DATE:20241003', 'SUMMARY:Tag der Deutschen Einheit'],
        ['DTSTART;VALUE=DATE:20241224', 'DTEND;VALUE=DATE:20241227', 'SUMMARY:Christmas closure'],
        ['DTSTART;VALUE=DATE:20240501', 'DTEND;VALUE=DATE:20240502', 'SUMMARY:Labour Day'],
        ['DTSTART;VALUE=DATE:20240812', 'DURATION:P2D', 'SUMMARY:Summer shutdown'],
        ['DTSTART:20240315T130000Z', 'DTEND:20240315T170000Z', 'SUMMARY:Team offsite afternoon'],
        ['DTSTART;TZID=Europe/Berlin:20240320T090000', 'DURATION:PT1H', 'SUMMARY:Meeting'],
        ['DTSTART;VALUE=DATE:20240102', 'STATUS:CANCELLED', 'SUMMARY:Cancelled bridge day'],
        ['DTSTART;VALUE=DATE:20240605'],
      ),
      WINDOW,
    );
    expect(result.holidays).toEqual([
      { date: '2024-05-01', name: 'Labour Day' },
      { date: '2024-06-05', name: 'Holiday' },
      { date: '2024-08-12', name: 'Summer shutdown' },
      { date: '2024-08-13', name: 'Summer shutdown' },
      { date: '2024-10-03', name: 'Tag der Deutschen Einheit' },
      { date: '2024-12-24', name: 'Christmas closure' },
      { date: '2024-12-25', name: 'Christmas closure' },
      { date: '2024-12-26', name: 'Christmas closure' },
    ]);
    expect(result.timedEventsIgnored).toBe(2);
    expect(result.cancelledEventsIgnored).toBe(1);
  });

  it('expands yearly events over the window, minus excluded dates, with moved and cancelled occurrences', () => {
    const text = ics(
      ['DTSTART;VALUE=DATE:20201225', 'RRULE:FREQ=YEARLY', 'EXDATE;VALUE=DATE:20251225', 'SUMMARY:Christmas Day'],
      ['DTSTART;VALUE=DATE:20230101', 'RRULE:FREQ=YEARLY;COUNT=3', 'SUMMARY:New Year'],
      ['DTSTART;VALUE=DATE:20240704', 'RRULE:FREQ=YEARLY', 'SUMMARY:Independence Day'],
    ).replace(
      'END:VCALENDAR',
      [
        'BEGIN:VEVENT',
        'UID:event-2@desk.test',
        'RECURRENCE-ID;VALUE=DATE:20250704',
        'DTSTART;VALUE=DATE:20250703',
        'SUMMARY:Independence Day (observed)',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:event-2@desk.test',
        'RECURRENCE-ID;VALUE=DATE:20260704',
        'DTSTART;VALUE=DATE:20260704',
        'STATUS:CANCELLED',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n'),
    );
    const { holidays } = readIcsHolidays(text, WINDOW);
    expect(holidays).toEqual([
      { date: '2024-01-01', name: 'New Year' },
      { date: '2024-07-04', name: 'Independence Day' },
      { date: '2024-12-25', name: 'Christmas Day' },
      { date: '2025-01-01', name: 'New Year' },
      { date: '2025-07-03', name: 'Independence Day (observed)' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
  });

  it('keeps one holiday per date, naming every event on it', () => {
    const { holidays } = readIcsHolidays(
      ics(
        ['DTSTART;VALUE=DATE:20241226', 'SUMMARY:Boxing Day'],
        ['DTSTART;VALUE=DATE:20241226', 'SUMMARY:St Stephen’s Day'],
        ['DTSTART;VALUE=DATE:20241226', 'SUMMARY:Boxing Day'],
      ),
      WINDOW,
    );
    expect(holidays).toEqual([{ date: '2024-12-26', name: 'Boxing Day / St Stephen’s Day' }]);
  });

  it('gives holidays a calendar accepts and the arithmetic skips', () => {
    const { holidays } = readIcsHolidays(
      ics(['DTSTART;VALUE=DATE:20241224', 'DTEND;VALUE=DATE:20241227', 'SUMMARY:Christmas']),
      WINDOW,
    );
    const calendar = parseCalendar({
      timeZone: 'Europe/Berlin',
      hours: {
        mon: [['08:00', '18:00']],
        fri: [['08:00', '18:00']],
        tue: [['08:00', '18:00']],
        wed: [['08:00', '18:00']],
        thu: [['08:00', '18:00']],
      },
      holidays,
    });
    expect(addBusinessMinutes(calendar, '2024-12-23T16:00:00Z', 120)).toBe('2024-12-27T08:00:00Z');
  });

  it('reads folded lines and LF-only files', () => {
    const folded = ics([
      'DTSTART;VALUE=DATE:20240101',
      'SUMMARY:A very long holiday name that a producer',
      '  folded onto a second line',
    ]).replaceAll('\r\n', '\n');
    expect(readIcsHolidays(folded, WINDOW).holidays).toEqual([
      { date: '2024-01-01', name: 'A very long holiday name that a producer folded onto a second line' },
    ]);
  });

  it('expands over last year to four years ahead by default', () => {
    expect(holidayWindowAround('2025-06-10')).toEqual({ from: '2024-01-01', to: '2029-12-31' });
  });

  const bad: [string, string, RegExp][] = [
    ['an empty file', '  \r\n', /it is empty/],
    [
      'text that is not iCalendar',
      'Hello, these are our holidays: 25 December.',
      /does not begin with BEGIN:VCALENDAR/,
    ],
    ['a lone end', 'END:VCALENDAR\r\n', /does not begin with BEGIN:VCALENDAR/],
    [
      'a cut-off file',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20240101\r\n',
      /component began but did not end/,
    ],
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex\r\nEND:VCARD\r\n', /does not begin with BEGIN:VCALENDAR/],
    [
      'a calendar followed by a vCard',
      `${ics()}BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alex\r\nEND:VCARD\r\n`,
      /holds a VCARD, not a VCALENDAR/,
    ],
    [
      'an impossible date',
      ics(['DTSTART;VALUE=DATE:20240230', 'SUMMARY:Leap']),
      /event 1 \(Leap\) has DTSTART "2024-02-30", which is not a date/,
    ],
    ['a truncated date', ics(['DTSTART;VALUE=DATE:2024022', 'SUMMARY:Short']), /which is not a date/],
    ['an event without a start', ics(['SUMMARY:Whenever']), /has no start \(DTSTART\)/],
    [
      'an all-day event longer than a year',
      ics(['DTSTART;VALUE=DATE:20240101', 'DTEND;VALUE=DATE:20260101']),
      /lasts more than a year/,
    ],
    [
      'a file that is too large',
      `BEGIN:VCALENDAR\r\nX-PAD:${'x'.repeat(MAX_ICS_BYTES)}\r\nEND:VCALENDAR\r\n`,
      /larger than 5 MB/,
    ],
  ];
  for (const [why, text, message] of bad) {
    it(`refuses ${why} with a clear error`, () => {
      expect(() => readIcsHolidays(text, WINDOW)).toThrow(DeskError);
      expect(() => readIcsHolidays(text, WINDOW)).toThrow(message);
    });
  }

  it('refuses a window that is no range of dates', () => {
    expect(() => readIcsHolidays(ics(), { from: '2026-01-01', to: '2024-12-31' })).toThrow(/not a range of dates/);
  });
});
