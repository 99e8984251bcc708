import type { Kysely, Selectable } from 'kysely';
import { checkCalendar, DEFAULT_CALENDAR, DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import type { StoredCalendar } from '#shared/domain/calendar.ts';
import type { BusinessCalendarTable, Database } from '../store/schema.ts';

/** A calendar as stored: deleted ones are kept, so a policy that still points at one keeps its clocks. */
export interface CalendarRecord extends StoredCalendar {
  readonly deleted: boolean;
}

const DEFAULT_RECORD: CalendarRecord = { ...DEFAULT_CALENDAR, deleted: false };

/** Null for a row this version cannot read as a calendar (written by a newer one): it is left out, not shown wrong. */
export function calendarRowToModel(row: Selectable<BusinessCalendarTable>): CalendarRecord | null {
  let parsed: unknown;
  try {
    parsed = { timeZone: row.time_zone, hours: JSON.parse(row.hours), holidays: JSON.parse(row.holidays) };
  } catch {
    return null;
  }
  const check = checkCalendar(parsed);
  if (!check.ok) return null;
  return { id: row.id, name: row.name, ...check.calendar, deleted: row.deleted === 1 };
}

/**
 * Every calendar, the 24×7 one included even before anyone has edited it (it exists in every workspace without
 * being written), by name. Deleted ones only when asked for.
 */
export async function listCalendars(
  db: Kysely<Database>,
  options: { includeDeleted?: boolean } = {},
): Promise<CalendarRecord[]> {
  const rows = await db.selectFrom('business_calendar').selectAll().execute();
  const calendars = rows.map(calendarRowToModel).filter((c): c is CalendarRecord => c !== null);
  if (!calendars.some((c) => c.id === DEFAULT_CALENDAR_ID)) calendars.push(DEFAULT_RECORD);
  return calendars
    .filter((c) => options.includeDeleted || !c.deleted)
    .sort(
      (a, b) =>
        Number(b.id === DEFAULT_CALENDAR_ID) - Number(a.id === DEFAULT_CALENDAR_ID) || a.name.localeCompare(b.name),
    );
}

export async function findCalendar(db: Kysely<Database>, id: string): Promise<CalendarRecord | null> {
  const row = await db.selectFrom('business_calendar').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return id === DEFAULT_CALENDAR_ID ? DEFAULT_RECORD : null;
  return calendarRowToModel(row);
}
