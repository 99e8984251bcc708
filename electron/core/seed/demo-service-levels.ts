import type { EntityKind, JsonValue } from '#shared/change.ts';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';

/**
 * The demo team's promises: an office-hours calendar with the public holidays it closes on, and four SLA
 * policies in order (monitoring alerts, critical, high, everything else), so a demo workspace shows due times,
 * incidents at risk and breaches from its first start.
 */
export interface DemoRecord {
  readonly entity: EntityKind;
  readonly id: string;
  readonly fields: Readonly<Record<string, JsonValue>>;
}

const WEEKDAY = [['08:00', '18:00']];
const FIXED_HOLIDAYS = [
  ['01-01', 'New Year’s Day'],
  ['07-04', 'Independence Day'],
  ['12-25', 'Christmas Day'],
] as const;

export function demoServiceLevels(nowMs: number, uuid: () => string): DemoRecord[] {
  const year = new Date(nowMs).getUTCFullYear();
  const holidays = [year - 1, year, year + 1].flatMap((y) =>
    FIXED_HOLIDAYS.map(([day, name]) => ({ date: `${y}-${day}`, name })),
  );
  const officeHours = uuid();
  const calendar: DemoRecord = {
    entity: 'calendar',
    id: officeHours,
    fields: {
      name: 'Office hours (New York)',
      timeZone: 'America/New_York',
      hours: { mon: WEEKDAY, tue: WEEKDAY, wed: WEEKDAY, thu: WEEKDAY, fri: WEEKDAY, sat: [], sun: [] },
      holidays,
      deleted: false,
    },
  };
  const none: Record<string, JsonValue[]> = {
    priorities: [],
    categoryIds: [],
    serviceIds: [],
    channels: [],
    organisations: [],
  };
  const pauseStatuses = ['waiting_on_customer', 'resolved', 'closed'];
  const policy = (
    position: number,
    name: string,
    conditions: Record<string, JsonValue[]>,
    targets: Record<string, number>,
    calendarId: string,
  ): DemoRecord => ({
    entity: 'slaPolicy',
    id: uuid(),
    fields: {
      name,
      conditions: { ...none, ...conditions },
      targets,
      calendarId,
      pauseStatuses,
      position,
      deleted: false,
    },
  });
  return [
    calendar,
    policy(1, 'Monitoring alerts', { channels: ['monitoring'] }, { resolutionMinutes: 480 }, DEFAULT_CALENDAR_ID),
    policy(
      2,
      'Critical (P1)',
      { priorities: [1] },
      { firstResponseMinutes: 15, nextUpdateMinutes: 60, resolutionMinutes: 240 },
      DEFAULT_CALENDAR_ID,
    ),
    policy(
      3,
      'High (P2)',
      { priorities: [2] },
      { firstResponseMinutes: 60, nextUpdateMinutes: 240, resolutionMinutes: 960 },
      officeHours,
    ),
    policy(
      4,
      'Standard',
      {},
      { firstResponseMinutes: 240, nextUpdateMinutes: 480, resolutionMinutes: 2_400 },
      officeHours,
    ),
  ];
}
