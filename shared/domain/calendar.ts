import { IANAZone } from 'luxon';
import { z } from 'zod';
import { DeskError } from '../errors.ts';
import { daysInMonth } from './instant.ts';

/**
 * Business calendars: when the desk's promises run. A calendar is an IANA time zone, weekly opening intervals as
 * wall-clock times of that zone, and holidays as whole local dates. The exchange format is the one of
 * `business-time-cases.json` (holidays as bare dates); the desk's stored form names each holiday. Both are
 * accepted everywhere a calendar is read.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** `["HH:MM", "HH:MM"]`, local to the calendar's zone; the end may be `24:00`, the midnight that ends the day. */
export type OpeningInterval = readonly [start: string, end: string];

export interface Holiday {
  /** A whole local date, `YYYY-MM-DD`: the calendar is closed from its first to its last instant. */
  readonly date: string;
  readonly name: string;
}

/** What every calendar function reads: the reference format, or the stored form, which is one of these. */
export interface BusinessCalendar {
  readonly timeZone: string;
  readonly hours: Partial<Record<Weekday, readonly OpeningInterval[]>>;
  readonly holidays?: readonly (string | { readonly date: string; readonly name?: string })[];
}

/** A calendar after validation: every weekday present with its intervals in order, holidays named and sorted. */
export interface NormalizedCalendar extends BusinessCalendar {
  readonly hours: Record<Weekday, readonly OpeningInterval[]>;
  readonly holidays: readonly Holiday[];
}

/** The desk's stored form: a named calendar that policies point at by id. */
export interface StoredCalendar extends NormalizedCalendar {
  readonly id: string;
  readonly name: string;
}

export const UNNAMED_HOLIDAY = 'Holiday';
/** Fixed, so every workspace's default calendar has the same id and syncs as one calendar. */
export const DEFAULT_CALENDAR_ID = '01960000-0000-7000-8000-000000024007';
const ALL_DAY: readonly OpeningInterval[] = [['00:00', '24:00']];

/** The default calendar every workspace has: open around the clock, so business time is plain elapsed time. */
export const DEFAULT_CALENDAR: StoredCalendar = {
  id: DEFAULT_CALENDAR_ID,
  name: '24×7',
  timeZone: 'UTC',
  hours: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
  holidays: [],
};

export const CALENDAR_PROBLEMS = [
  'unknown_time_zone',
  'malformed_time',
  'interval_ends_before_start',
  'overlapping_intervals',
  'malformed_date',
  'duplicate_holiday',
  'no_opening_hours',
  /** Not a calendar at all: a missing field, a number where a time should be, an unknown weekday key. */
  'malformed_calendar',
] as const;
export type CalendarProblemKind = (typeof CALENDAR_PROBLEMS)[number];

export interface CalendarProblem {
  readonly kind: CalendarProblemKind;
  /** Where in the calendar, as a zod-style path: `['hours', 'mon', 0]`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** A calendar that cannot be used, with every problem found, so the editor can mark each at once. */
export class CalendarError extends DeskError {
  readonly problems: readonly CalendarProblem[];

  constructor(problems: readonly CalendarProblem[]) {
    super('invalid_input', `The calendar is not valid: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'CalendarError';
    this.problems = problems;
  }
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const END_OF_DAY = '24:00';

/** Minutes after local midnight of `HH:MM`, or null when malformed; `24:00` only where `asEnd`. */
export function wallMinutes(text: string, asEnd: boolean): number | null {
  if (asEnd && text === END_OF_DAY) return 24 * 60;
  const parts = TIME.exec(text);
  return parts ? Number(parts[1]) * 60 + Number(parts[2]) : null;
}

export function isLocalDate(text: string): boolean {
  const parts = DATE.exec(text);
  if (!parts) return false;
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function isKnownTimeZone(name: string): boolean {
  // Asking Intl builds a formatter each time, and every command reads the calendars afresh: the answer for a
  // name does not change while the desk runs.
  let known = knownTimeZones.get(name);
  if (known === undefined) {
    known = IANAZone.isValidZone(name);
    if (knownTimeZones.size < 1_000) knownTimeZones.set(name, known);
  }
  return known;
}

const knownTimeZones = new Map<string, boolean>();

// The structure first (zod), then the rules that need the whole calendar (calendarProblems).
const intervalShape = z.tuple([z.string(), z.string()]);
const dayShape = z.array(intervalShape).max(48, { message: 'at most 48 opening intervals a day' });
const hoursShape = z.strictObject(byWeekday(() => dayShape.optional()));
const holidayShape = z.union([z.string(), z.object({ date: z.string(), name: z.string().trim().max(200).optional() })]);
const calendarShape = z.object({
  timeZone: z.string().trim().min(1, { message: 'a time zone is required' }),
  hours: hoursShape,
  holidays: z.array(holidayShape).max(10_000, { message: 'at most 10,000 holidays' }).optional(),
});
type CalendarShape = z.infer<typeof calendarShape>;

function intervalLabel(day: Weekday, [start, end]: OpeningInterval): string {
  return `${WEEKDAY_LABELS[day]} ${start}–${end}`;
}

function hoursProblems(day: Weekday, intervals: readonly OpeningInterval[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const wellFormed: { start: number; end: number; interval: OpeningInterval }[] = [];
  intervals.forEach((interval, index) => {
    const path = ['hours', day, index];
    const [start, end] = [wallMinutes(interval[0], false), wallMinutes(interval[1], true)];
    if (start === null || end === null) {
      const bad = start === null ? interval[0] : interval[1];
      const why = bad === END_OF_DAY ? '24:00 can only end an interval' : 'it is not a time of day as HH:MM';
      problems.push({ kind: 'malformed_time', path, message: `${intervalLabel(day, interval)}: "${bad}": ${why}` });
    } else if (end <= start) {
      const how = end === start ? 'ends when it starts' : 'ends before it starts';
      problems.push({ kind: 'interval_ends_before_start', path, message: `${intervalLabel(day, interval)} ${how}` });
    } else {
      wellFormed.push({ start, end, interval });
    }
  });
  wellFormed.sort((a, b) => a.start - b.start);
  for (let i = 1; i < wellFormed.length; i++) {
    const [before, after] = [wellFormed[i - 1]!, wellFormed[i]!];
    // Touching intervals (12:00–13:00 then 13:00–14:00) are one stretch of opening time, not an overlap.
    if (after.start < before.end) {
      problems.push({
        kind: 'overlapping_intervals',
        path: ['hours', day],
        message: `${intervalLabel(day, before.interval)} overlaps ${after.interval[0]}–${after.interval[1]}`,
      });
    }
  }
  return problems;
}

function holidayDate(holiday: string | { date: string }): string {
  return typeof holiday === 'string' ? holiday : holiday.date;
}

/** Every rule a well-shaped calendar can still break, each with where and why in words. */
export function calendarProblems(calendar: CalendarShape): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isKnownTimeZone(calendar.timeZone)) {
    problems.push({
      kind: 'unknown_time_zone',
      path: ['timeZone'],
      message: `"${calendar.timeZone}" is not a known IANA time zone (such as Europe/Berlin or America/New_York)`,
    });
  }
  for (const day of WEEKDAYS) problems.push(...hoursProblems(day, calendar.hours[day] ?? []));
  if (WEEKDAYS.every((day) => !calendar.hours[day]?.length)) {
    problems.push({
      kind: 'no_opening_hours',
      path: ['hours'],
      message: 'it has no opening hours on any day, so no service time could ever pass',
    });
  }
  const seen = new Set<string>();
  (calendar.holidays ?? []).forEach((holiday, index) => {
    const date = holidayDate(holiday);
    if (!isLocalDate(date)) {
      problems.push({
        kind: 'malformed_date',
        path: ['holidays', index],
        message: `holiday "${date}" is not a date as YYYY-MM-DD`,
      });
    } else if (seen.has(date)) {
      problems.push({
        kind: 'duplicate_holiday',
        path: ['holidays', index],
        message: `holiday ${date} is listed twice`,
      });
    }
    seen.add(date);
  });
  return problems;
}

/** A value for each weekday, spelled out so the type checker sees all seven. */
export function byWeekday<T>(value: (day: Weekday) => T): Record<Weekday, T> {
  return {
    mon: value('mon'),
    tue: value('tue'),
    wed: value('wed'),
    thu: value('thu'),
    fri: value('fri'),
    sat: value('sat'),
    sun: value('sun'),
  };
}

function normalize(calendar: CalendarShape): NormalizedCalendar {
  const hours = byWeekday((day): readonly OpeningInterval[] =>
    [...(calendar.hours[day] ?? [])].sort((a, b) => wallMinutes(a[0], false)! - wallMinutes(b[0], false)!),
  );
  const holidays = (calendar.holidays ?? [])
    .map((holiday) =>
      typeof holiday === 'string'
        ? { date: holiday, name: UNNAMED_HOLIDAY }
        : { date: holiday.date, name: holiday.name || UNNAMED_HOLIDAY },
    )
    .sort((a, b) => a.date.localeCompare(b.date));
  return { timeZone: calendar.timeZone, hours, holidays };
}

/** The boundary schema: every problem as a zod issue (with `params.kind`), a valid calendar in normal form. */
export const businessCalendarSchema = calendarShape
  .superRefine((calendar, ctx) => {
    for (const problem of calendarProblems(calendar)) {
      ctx.addIssue({
        code: 'custom',
        message: problem.message,
        path: [...problem.path],
        params: { kind: problem.kind },
      });
    }
  })
  .transform(normalize);

export const storedCalendarSchema = z
  .object({ id: z.string().min(1), name: z.string().trim().min(1, { message: 'a calendar needs a name' }).max(100) })
  .and(businessCalendarSchema)
  .transform((calendar): StoredCalendar => calendar);

export type CalendarCheck =
  | { readonly ok: true; readonly calendar: NormalizedCalendar }
  | { readonly ok: false; readonly problems: readonly CalendarProblem[] };

/** Checks a calendar without throwing: the editor shows the problems next to the fields they name. */
export function checkCalendar(input: unknown): CalendarCheck {
  const shaped = calendarShape.safeParse(input);
  if (!shaped.success) {
    return {
      ok: false,
      problems: shaped.error.issues.map((issue) => ({
        kind: 'malformed_calendar' as const,
        path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
        message: `${issue.path.join('.') || 'calendar'}: ${issue.message}`,
      })),
    };
  }
  const problems = calendarProblems(shaped.data);
  return problems.length ? { ok: false, problems } : { ok: true, calendar: normalize(shaped.data) };
}

/** The calendar in normal form, or a CalendarError that lists every problem. */
export function parseCalendar(input: unknown): NormalizedCalendar {
  const check = checkCalendar(input);
  if (!check.ok) throw new CalendarError(check.problems);
  return check.calendar;
}
