import ICAL from 'ical.js';
import { isLocalDate, UNNAMED_HOLIDAY } from '#shared/domain/calendar.ts';
import type { Holiday } from '#shared/domain/calendar.ts';
import { DeskError } from '#shared/errors.ts';

/**
 * Holidays from an iCalendar (`.ics`) file, as public-holiday feeds and calendar exports publish them: every
 * all-day event is a holiday on each date it covers (DTEND is exclusive; no DTEND means one day). Timed events
 * (meetings, "office closes at 14:00") are not whole-day closures, so they are left out and counted. Cancelled
 * events are left out too. ical.js parses; nothing here reads the text format itself.
 *
 * Recurring events (`RRULE:FREQ=YEARLY` for Christmas, say) have no last date, so they are expanded over a
 * window: by default from 1 January of last year (so last year's clocks and KPIs still see last year's
 * holidays) to 31 December four years ahead; importing the file again later moves the window on. One-off
 * events are all kept, whatever their date: the file names them explicitly.
 */
export interface HolidayWindow {
  /** First and last local date, `YYYY-MM-DD`, both included. */
  readonly from: string;
  readonly to: string;
}

export interface HolidayImport {
  /** By date, one per date; two events on one date give one holiday named "A / B". */
  readonly holidays: readonly Holiday[];
  readonly timedEventsIgnored: number;
  readonly cancelledEventsIgnored: number;
  readonly window: HolidayWindow;
}

/** Feeds of national holidays for decades are a few hundred kilobytes; past this it is not a holiday file. */
export const MAX_ICS_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORTED_HOLIDAYS = 10_000;
const DAY_MS = 86_400_000;

/** The default window for `today` (a local date): last year through four years ahead. */
export function holidayWindowAround(today: string): HolidayWindow {
  const year = Number(today.slice(0, 4));
  return { from: `${year - 1}-01-01`, to: `${year + 4}-12-31` };
}

function notIcs(why: string): DeskError {
  return new DeskError('invalid_input', `The file is not a usable iCalendar (.ics) file: ${why}.`);
}

function parseCalendars(text: string): ICAL.Component[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_ICS_BYTES)
    throw notIcs(`it is larger than ${MAX_ICS_BYTES / 1024 / 1024} MB`);
  if (!text.trim()) throw notIcs('it is empty');
  // ical.js reads any "name:value" line as a property, so plain text would fail deep inside it with a TypeError.
  if (!/^\uFEFF?\s*BEGIN:VCALENDAR\r?$/im.test(text.split('\n', 1)[0]!)) {
    throw notIcs('it does not begin with BEGIN:VCALENDAR');
  }
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    throw notIcs((error as Error).message);
  }
  // One component parses to its jCal array, several to a list of them.
  const roots = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[];
  return roots.map((jcal) => {
    const component = new ICAL.Component(jcal as unknown[]);
    if (component.name !== 'vcalendar') throw notIcs(`it holds a ${component.name.toUpperCase()}, not a VCALENDAR`);
    return component;
  });
}

/** The raw text of a date property (ical.js quietly normalises impossible dates, so they are checked here). */
function rawDate(event: ICAL.Component, name: string, label: string): string | null {
  const property = event.getFirstProperty(name);
  if (!property) return null;
  const [, , type, value] = property.toJSON() as [string, unknown, string, unknown];
  if (type === 'date' && (typeof value !== 'string' || !isLocalDate(value))) {
    throw notIcs(`${label} has ${name.toUpperCase()} ${JSON.stringify(value)}, which is not a date`);
  }
  return type === 'date' ? (value as string) : null;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Each date from `start` up to (not including) `end`; one date when `end` is missing or not after it. */
function datesCovered(start: string, end: string | null): string[] {
  const [first, last] = [dayNumber(start), end === null ? dayNumber(start) + 1 : dayNumber(end)];
  if (last - first > 366) throw notIcs(`an all-day event from ${start} to ${end} lasts more than a year`);
  return Array.from({ length: Math.max(1, last - first) }, (_, i) => dateOf(first + i));
}

class HolidayCollector {
  private readonly names = new Map<string, string[]>();

  add(dates: readonly string[], name: string): void {
    for (const date of dates) {
      const names = this.names.get(date) ?? [];
      if (!names.includes(name)) names.push(name);
      this.names.set(date, names);
      if (this.names.size > MAX_IMPORTED_HOLIDAYS)
        throw notIcs(`it has more than ${MAX_IMPORTED_HOLIDAYS} holiday dates`);
    }
  }

  holidays(): Holiday[] {
    return [...this.names]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, names]) => ({ date, name: names.join(' / ').slice(0, 200) }));
  }
}

function eventName(event: ICAL.Event): string {
  return (event.summary ?? '').trim() || UNNAMED_HOLIDAY;
}

const isCancelled = (component: ICAL.Component) =>
  String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';

/** Occurrences of a recurring all-day event that touch the window, with moved or cancelled ones as the file says. */
function expandRecurring(master: ICAL.Event, window: HolidayWindow, collector: HolidayCollector): void {
  const [from, to] = [dayNumber(window.from), dayNumber(window.to)];
  const occurrences = master.iterator();
  // A daily rule over the window is at most a few thousand steps; the bound stops a rule that never ends.
  for (let step = 0, next = occurrences.next(); next && step < 50_000; step++, next = occurrences.next()) {
    if (dayNumber(next.toString().slice(0, 10)) > to) break;
    const details = master.getOccurrenceDetails(next);
    if (isCancelled(details.item.component)) continue;
    const dates = datesCovered(details.startDate.toString().slice(0, 10), details.endDate.toString().slice(0, 10));
    const inWindow = dates.filter((date) => dayNumber(date) >= from && dayNumber(date) <= to);
    if (inWindow.length) collector.add(inWindow, eventName(details.item));
  }
}

/** Reads the holidays of an iCalendar text. Throws a DeskError (`invalid_input`) for a file it cannot use. */
export function readIcsHolidays(text: string, window: HolidayWindow): HolidayImport {
  if (!isLocalDate(window.from) || !isLocalDate(window.to) || window.to < window.from) {
    throw new DeskError('invalid_input', `The holiday window ${window.from}–${window.to} is not a range of dates.`);
  }
  const collector = new HolidayCollector();
  let timedEventsIgnored = 0;
  let cancelledEventsIgnored = 0;
  for (const calendar of parseCalendars(text)) {
    const components = calendar.getAllSubcomponents('vevent');
    const exceptions = components.filter((c) => c.hasProperty('recurrence-id'));
    const masters = new Set(
      components.filter((c) => !c.hasProperty('recurrence-id')).map((c) => c.getFirstPropertyValue('uid')),
    );
    components.forEach((component, index) => {
      // A moved occurrence is read with its series; one whose series is not in the file stands on its own.
      if (component.hasProperty('recurrence-id') && masters.has(component.getFirstPropertyValue('uid'))) return;
      const event = new ICAL.Event(component);
      const label = `event ${index + 1} (${eventName(event)})`;
      const start = rawDate(component, 'dtstart', label);
      if (!component.hasProperty('dtstart')) throw notIcs(`${label} has no start (DTSTART)`);
      if (isCancelled(component)) cancelledEventsIgnored++;
      else if (start === null) timedEventsIgnored++;
      else if (!event.isRecurring()) {
        const end =
          rawDate(component, 'dtend', label) ?? (event.endDate ? event.endDate.toString().slice(0, 10) : null);
        collector.add(datesCovered(start, end), eventName(event));
      } else {
        for (const exception of exceptions) {
          if (exception.getFirstPropertyValue('uid') === event.uid) event.relateException(exception);
        }
        expandRecurring(event, window, collector);
      }
    });
  }
  return { holidays: collector.holidays(), timedEventsIgnored, cancelledEventsIgnored, window };
}
