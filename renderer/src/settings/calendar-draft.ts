import { WEEKDAY_LABELS, WEEKDAYS } from '#shared/domain/calendar.ts';
import type { Holiday, OpeningInterval, Weekday } from '#shared/domain/calendar.ts';
import type { CalendarView, SaveCalendarInput } from '#shared/domain/sla-settings.ts';

/**
 * A calendar as its editor holds it: each weekday's opening intervals as one line ("08:00–12:00, 13:00–17:00"),
 * the holidays one a line ("2026-12-25 Christmas Day"). The desk checks what this turns into and names the day
 * or the line of every problem.
 */
export interface CalendarDraft {
  readonly name: string;
  readonly timeZone: string;
  readonly hours: Record<Weekday, string>;
  readonly holidays: string;
}

export function intervalsText(intervals: readonly OpeningInterval[]): string {
  return intervals.map(([start, end]) => `${start}–${end}`).join(', ');
}

/** A calendar's week in a line, for the list: "Always open", or "Mon–Fri 08:00–18:00; Sat 09:00–12:00". */
export function weekSummary(calendar: Pick<CalendarView, 'hours'>): string {
  const open = WEEKDAYS.filter((day) => calendar.hours[day].length);
  if (open.length === 7 && open.every((day) => intervalsText(calendar.hours[day]) === '00:00–24:00')) {
    return 'Always open';
  }
  // Days in a row with the same hours read as one run: "Mon–Fri 08:00–18:00; Sat 09:00–12:00".
  const runs: { first: Weekday; last: Weekday; hours: string }[] = [];
  WEEKDAYS.forEach((day, index) => {
    if (!calendar.hours[day].length) return;
    const hours = intervalsText(calendar.hours[day]);
    const run = runs.at(-1);
    if (run && run.hours === hours && WEEKDAYS[index - 1] === run.last) run.last = day;
    else runs.push({ first: day, last: day, hours });
  });
  const short = (day: Weekday) => WEEKDAY_LABELS[day].slice(0, 3);
  return runs
    .map((run) => `${short(run.first)}${run.first === run.last ? '' : `–${short(run.last)}`} ${run.hours}`)
    .join('; ');
}

/** "08:00-12:00, 13:00–17:00" as intervals; a part without a dash is kept as a start alone, for the desk to refuse. */
export function parseIntervals(text: string): [string, string][] {
  return text
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [start = '', end = ''] = part.split(/\s*[-–—]\s*/);
      return [start.trim(), end.trim()];
    });
}

export function holidaysText(holidays: readonly Holiday[]): string {
  return holidays.map(({ date, name }) => `${date} ${name}`).join('\n');
}

export function parseHolidays(text: string): { date: string; name: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [date = '', ...name] = line.split(/\s+/);
      return { date, name: name.join(' ') };
    });
}

export function calendarDraft(calendar: CalendarView | null): CalendarDraft {
  const hours = Object.fromEntries(
    WEEKDAYS.map((day) => [day, calendar ? intervalsText(calendar.hours[day]) : '']),
  ) as Record<Weekday, string>;
  if (!calendar) for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) hours[day] = '09:00–17:00';
  return {
    name: calendar?.name ?? '',
    timeZone: calendar?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    hours,
    holidays: calendar ? holidaysText(calendar.holidays) : '',
  };
}

export function calendarInput(draft: CalendarDraft, id: string | undefined): SaveCalendarInput {
  return {
    ...(id ? { id } : {}),
    name: draft.name,
    timeZone: draft.timeZone.trim(),
    hours: Object.fromEntries(WEEKDAYS.map((day) => [day, parseIntervals(draft.hours[day])])),
    holidays: parseHolidays(draft.holidays),
  };
}

/** The first problem the desk found on a weekday's line, or in the holidays, from its per-field messages. */
export function problemAt(errors: Readonly<Record<string, string>>, prefix: string): string | undefined {
  const key = Object.keys(errors).find((path) => path === prefix || path.startsWith(`${prefix}.`));
  return key === undefined ? undefined : errors[key];
}
