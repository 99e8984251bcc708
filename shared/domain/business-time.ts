import { DeskError } from '../errors.ts';
import type { BusinessCalendar } from './calendar.ts';
import { compileCalendar } from './calendar-days.ts';
import type { CompiledCalendar } from './calendar-days.ts';
import { DAY_MS, formatInstant, MINUTE_MS, parseInstant } from './instant.ts';

/**
 * Business-time arithmetic over a calendar (see calendar-days.ts for what counts as business time).
 *
 * Units: instants are exact to the millisecond, and so is the arithmetic. The desk's targets are whole minutes
 * and its instants mostly whole seconds; nothing here rounds to the minute, because rounding inside the
 * arithmetic would break `businessMinutesBetween(c, s, addBusinessMinutes(c, s, m)) === m` and the additivity
 * of spans, and would accumulate over a long history. Minutes may be fractional (an "at risk" threshold at 75 %
 * of 250 minutes is 187.5 minutes); `businessMinutesBetween` answers fractional minutes when its instants are
 * not on whole minutes. Whole minutes are made once, where a person reads them (sla.ts).
 */
export type CalendarLike = BusinessCalendar | CompiledCalendar;

/**
 * How long the calendar may stay closed before a search gives up: three years. A calendar can only be closed
 * that long when every opening day is a holiday (the validator refuses one with no opening hours at all), and
 * then an answer would be meaningless anyway; the bound is what keeps a bad calendar from hanging the sweep.
 */
export const MAX_CLOSED_DAYS = 3 * 366;

/**
 * The longest span the arithmetic walks: a century. No incident is open that long; the bound keeps an absurd
 * input (the year 9999, a billion minutes) from walking millions of dates.
 */
export const MAX_SPAN_DAYS = 36_525;

/** Local dates overlapping a UTC day lie within one day either side of it; one more is a margin. */
const DAY_MARGIN = 2;

function spanTooLong(): DeskError {
  return new DeskError(
    'invalid_input',
    `The span is longer than ${MAX_SPAN_DAYS} days (a century); no clock runs that long.`,
  );
}

function closedTooLong(compiled: CompiledCalendar, from: number): DeskError {
  return new DeskError(
    'invalid_input',
    `The calendar (${compiled.calendar.timeZone}) has no opening hours in the ${MAX_CLOSED_DAYS} days after ` +
      `${formatInstant(from)}: every opening day in that stretch is a holiday.`,
  );
}

/** The earliest instant at which `ms` business milliseconds have passed since `start` (`start` itself for 0). */
export function addBusinessMs(compiled: CompiledCalendar, start: number, ms: number): number {
  if (ms <= 0) return start;
  let remaining = ms;
  let closedDays = 0;
  for (let day = Math.floor(start / DAY_MS) - DAY_MARGIN; ; day++) {
    const { bounds } = compiled.dayRanges(day);
    let opened = false;
    for (let i = 0; i < bounds.length; i += 2) {
      const end = bounds[i + 1]!;
      if (end <= start) continue;
      const from = Math.max(bounds[i]!, start);
      // `<=`: a span that runs out exactly at a closing time ends at that closing time.
      if (remaining <= end - from) return from + remaining;
      remaining -= end - from;
      opened = true;
    }
    if (opened) closedDays = 0;
    else if (++closedDays > MAX_CLOSED_DAYS + DAY_MARGIN) throw closedTooLong(compiled, start);
    if (day * DAY_MS - start > MAX_SPAN_DAYS * DAY_MS) throw spanTooLong();
  }
}

/** Business milliseconds in [from, to); 0 when `to` is not after `from`. */
export function businessMsBetween(compiled: CompiledCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  if (to - from > MAX_SPAN_DAYS * DAY_MS) throw spanTooLong();
  let total = 0;
  const lastDay = Math.floor(to / DAY_MS) + DAY_MARGIN;
  for (let day = Math.floor(from / DAY_MS) - DAY_MARGIN; day <= lastDay; day++) {
    const { bounds, totalMs } = compiled.dayRanges(day);
    if (!bounds.length) continue;
    if (bounds[0]! >= from && bounds[bounds.length - 1]! <= to) {
      total += totalMs;
      continue;
    }
    for (let i = 0; i < bounds.length; i += 2) {
      const overlap = Math.min(bounds[i + 1]!, to) - Math.max(bounds[i]!, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/** The first instant at or after `at` that is business time (`at` itself when the calendar is open then). */
export function nextBusinessMs(compiled: CompiledCalendar, at: number): number {
  let closedDays = 0;
  for (let day = Math.floor(at / DAY_MS) - DAY_MARGIN; ; day++) {
    const { bounds } = compiled.dayRanges(day);
    for (let i = 0; i < bounds.length; i += 2) {
      if (bounds[i + 1]! > at) return Math.max(bounds[i]!, at);
    }
    if (++closedDays > MAX_CLOSED_DAYS + DAY_MARGIN) throw closedTooLong(compiled, at);
  }
}

function minutesToMs(minutes: number): number {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
    throw new DeskError('invalid_input', `Minutes must be a number of zero or more, not ${JSON.stringify(minutes)}.`);
  }
  return Math.round(minutes * MINUTE_MS);
}

/**
 * The earliest instant at which `minutes` business minutes have elapsed since `startIso`, as UTC ISO text.
 *
 * A span that runs out exactly at a closing time ends there, not at the next opening. Zero minutes answer the
 * start itself, even at an instant when the calendar is closed: no business time has to pass, so the earliest
 * instant at which it has is the start (moving it to the next opening would make a clock that is already due
 * look due later). Throws a DeskError for a bad calendar, start or minutes.
 */
export function addBusinessMinutes(calendar: CalendarLike, startIso: string, minutes: number): string {
  const compiled = compileCalendar(calendar);
  const start = parseInstant(startIso, 'Start');
  return formatInstant(addBusinessMs(compiled, start, minutesToMs(minutes)));
}

/** Business minutes in [fromIso, toIso); 0 when `toIso` is not after `fromIso`. Fractional for off-minute instants. */
export function businessMinutesBetween(calendar: CalendarLike, fromIso: string, toIso: string): number {
  const compiled = compileCalendar(calendar);
  return businessMsBetween(compiled, parseInstant(fromIso, 'From'), parseInstant(toIso, 'To')) / MINUTE_MS;
}

/** Whether the calendar is open at `atIso` (opening instants are inside, closing instants outside). */
export function isBusinessTime(calendar: CalendarLike, atIso: string): boolean {
  const compiled = compileCalendar(calendar);
  const at = parseInstant(atIso, 'Instant');
  return nextBusinessMs(compiled, at) === at;
}

/** The first business instant at or after `atIso`: when a clock started out of hours begins to run. */
export function nextBusinessInstant(calendar: CalendarLike, atIso: string): string {
  return formatInstant(nextBusinessMs(compileCalendar(calendar), parseInstant(atIso, 'Instant')));
}

export { compileCalendar };
export type { CompiledCalendar };
