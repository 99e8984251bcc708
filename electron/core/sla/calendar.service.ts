import { DateTime } from 'luxon';
import { v7 as uuidv7 } from 'uuid';
import { CalendarError, checkCalendar, DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import type { Holiday } from '#shared/domain/calendar.ts';
import type { ImportHolidaysInput, SaveCalendarCommand } from '#shared/domain/sla-settings.ts';
import { DeskError } from '#shared/errors.ts';
import { recordFieldChanges } from '../store/record-fields.ts';
import type { ChangeRecorder, Db } from '../store/store.ts';
import { findCalendar, listCalendars } from './calendar.repository.ts';
import type { CalendarRecord } from './calendar.repository.ts';
import { holidayWindowAround, readIcsHolidays } from './holiday-import.ts';
import type { HolidayImport } from './holiday-import.ts';
import { listSlaPolicies } from './sla-policy.repository.ts';

/** The fields a calendar is stored as, each a change of its own, so two edits of different parts both stay. */
function calendarFields(calendar: Omit<CalendarRecord, 'id'>) {
  return {
    name: calendar.name,
    timeZone: calendar.timeZone,
    hours: calendar.hours,
    holidays: calendar.holidays,
    deleted: calendar.deleted,
  };
}

async function existingCalendar(db: Db, id: string): Promise<CalendarRecord> {
  const calendar = await findCalendar(db, id);
  if (!calendar || calendar.deleted) throw new DeskError('not_found', `No calendar with id ${id}.`);
  return calendar;
}

/**
 * Saves a calendar (checked whole at the boundary). Names are unique, since people and `desk calendar` name a
 * calendar by its name. Only fields that changed are written.
 */
export async function saveCalendar(db: Db, recorder: ChangeRecorder, command: SaveCalendarCommand): Promise<string> {
  const current = command.id === undefined ? null : await existingCalendar(db, command.id);
  const id = command.id ?? uuidv7();
  const sameName = (await listCalendars(db)).find(
    (c) => c.id !== id && c.name.toLocaleLowerCase() === command.name.toLocaleLowerCase(),
  );
  if (sameName)
    throw new DeskError('conflict', `There is already a calendar named ${sameName.name}.`, { field: 'name' });
  const next = calendarFields({ ...command, deleted: false });
  recordFieldChanges(recorder, 'calendar', id, current ? calendarFields(current) : null, next);
  return id;
}

/** Deletes a calendar no policy uses; the 24×7 calendar stays (it is every workspace's fallback). */
export async function deleteCalendar(db: Db, recorder: ChangeRecorder, id: string): Promise<boolean> {
  if (id === DEFAULT_CALENDAR_ID) {
    throw new DeskError('invalid_input', 'The 24×7 calendar belongs to every workspace and cannot be deleted.');
  }
  const calendar = await findCalendar(db, id);
  if (!calendar || calendar.deleted) return false;
  const users = (await listSlaPolicies(db)).filter((policy) => policy.calendarId === id).map((p) => p.name);
  if (users.length) {
    throw new DeskError(
      'conflict',
      `${calendar.name} is used by ${users.join(', ')}; give ${users.length > 1 ? 'them' : 'it'} another calendar first.`,
    );
  }
  recorder.set('calendar', id, 'deleted', true);
  return true;
}

export interface HolidayMerge {
  readonly holidays: readonly Holiday[];
  readonly added: number;
  readonly renamed: number;
}

/** The calendar's holidays with the imported ones: new dates added, a known date named as the file names it. */
export function mergeHolidays(current: readonly Holiday[], imported: readonly Holiday[]): HolidayMerge {
  const byDate = new Map(current.map((holiday) => [holiday.date, holiday]));
  let [added, renamed] = [0, 0];
  for (const holiday of imported) {
    const known = byDate.get(holiday.date);
    if (!known) added++;
    else if (known.name !== holiday.name) renamed++;
    else continue;
    byDate.set(holiday.date, holiday);
  }
  const holidays = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  return { holidays, added, renamed };
}

/**
 * Adds the holidays of an iCalendar file to a calendar. Recurring events are expanded from last year to four
 * years ahead of today in the calendar's own zone. A file that cannot be read, or holidays the calendar could
 * not hold, change nothing.
 */
export async function importHolidays(
  db: Db,
  recorder: ChangeRecorder,
  input: ImportHolidaysInput,
): Promise<HolidayMerge & { read: HolidayImport; calendarId: string }> {
  const calendar = await existingCalendar(db, input.calendarId);
  const today = DateTime.fromISO(recorder.at, { zone: calendar.timeZone }).toISODate()!;
  const read = readIcsHolidays(input.ics, holidayWindowAround(today));
  const merge = mergeHolidays(calendar.holidays, read.holidays);
  const check = checkCalendar({ timeZone: calendar.timeZone, hours: calendar.hours, holidays: merge.holidays });
  if (!check.ok) throw new CalendarError(check.problems);
  if (merge.added || merge.renamed)
    recorder.set(
      'calendar',
      calendar.id,
      'holidays',
      merge.holidays.map(({ date, name }) => ({ date, name })),
    );
  return { ...merge, read, calendarId: calendar.id };
}
