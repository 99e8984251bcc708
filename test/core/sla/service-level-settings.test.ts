import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerInput } from '#shared/contract.ts';
import { DEFAULT_CALENDAR, DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import type { Core } from '#core/index.ts';
import { missingFrom, readChangeLog } from '../../helpers/change-log.ts';
import { fingerprintDatabase } from '../../helpers/fingerprint.ts';
import { call, refusal } from '../../helpers/invoke.ts';
import { openTempCore } from '../../helpers/temp-workspace.ts';
import type { TempCore } from '../../helpers/temp-workspace.ts';

/**
 * Calendars and SLA policies are team data (DESIGN §6): written as changes by supervisors through the one write
 * path, read by everyone, converging between workstations like every other setting.
 */
const DAY = [['08:00', '17:00']] as [string, string][];
const OFFICE: HandlerInput<'calendar/save'> = {
  name: 'Office hours',
  timeZone: 'Europe/Berlin',
  hours: {
    mon: DAY,
    tue: DAY,
    wed: DAY,
    thu: DAY,
    fri: [
      ['08:00', '12:00'],
      ['13:00', '16:00'],
    ],
  },
  holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
};

function ics(...events: string[][]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Incident Desk tests//EN'];
  events.forEach((event, i) => lines.push('BEGIN:VEVENT', `UID:holiday-${i}@desk.test`, ...event, 'END:VEVENT'));
  return `${[...lines, 'END:VCALENDAR'].join('\r\n')}\r\n`;
}

async function supervisorAndAgent(core: Core) {
  const supervisor = (await call(core, 'session/register', { name: 'Sam Super', email: 'sam@desk.example' })).agent!;
  const agent = await call(core, 'agent/save', {
    name: 'Alex Agent',
    email: 'alex@desk.example',
    role: 'agent',
    groupIds: [],
    active: true,
  });
  return { supervisor, agent };
}

let temp: TempCore;
let people: Awaited<ReturnType<typeof supervisorAndAgent>>;

beforeEach(async () => {
  temp = await openTempCore();
  people = await supervisorAndAgent(temp.core);
});
afterEach(() => temp.dispose());

describe('calendars', () => {
  it('has the 24×7 calendar in a new workspace without anyone writing it', async () => {
    const calendars = await call(temp.core, 'calendar/list', {});
    expect(calendars).toEqual([{ ...DEFAULT_CALENDAR, isDefault: true, usedBy: [] }]);
    const written = await temp.core.store.db.selectFrom('change').select('entity').execute();
    expect(written.map((c) => c.entity)).not.toContain('calendar');
  });

  it('saves a calendar a supervisor writes, in normal form, and lets everyone read it', async () => {
    const saved = await call(temp.core, 'calendar/save', OFFICE);
    expect(saved).toMatchObject({ name: 'Office hours', timeZone: 'Europe/Berlin', isDefault: false, usedBy: [] });
    expect(saved.hours.sat).toEqual([]);
    await call(temp.core, 'session/signIn', { agentId: people.agent.id });
    const listed = await call(temp.core, 'calendar/list', {});
    expect(listed.map((c) => c.name)).toEqual(['24×7', 'Office hours']);
  });

  it('lets agents read but not change calendars, and writes nothing when it refuses', async () => {
    const office = await call(temp.core, 'calendar/save', OFFICE);
    await call(temp.core, 'session/signIn', { agentId: people.agent.id });
    const before = await fingerprintDatabase(temp.core.store.db);
    for (const [name, input] of [
      ['calendar/save', { ...OFFICE, id: office.id, name: 'Mine now' }],
      ['calendar/delete', { id: office.id }],
      ['calendar/importHolidays', { calendarId: office.id, ics: ics(['DTSTART;VALUE=DATE:20261224']) }],
    ] as const) {
      expect((await refusal(temp.core, name, input)).code, name).toBe('forbidden');
    }
    expect(await fingerprintDatabase(temp.core.store.db)).toEqual(before);
  });

  it('refuses a calendar that cannot be used with every reason at once, and writes nothing', async () => {
    const before = await fingerprintDatabase(temp.core.store.db);
    const error = await refusal(temp.core, 'calendar/save', {
      ...OFFICE,
      timeZone: 'Europe/Atlantis',
      hours: {
        mon: [['17:00', '08:00']],
        tue: [
          ['08:00', '12:00'],
          ['11:00', '13:00'],
        ],
      },
      holidays: ['2026-02-30'],
    });
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/Europe\/Atlantis" is not a known IANA time zone/);
    expect(error.message).toMatch(/Monday 17:00–08:00 ends before it starts/);
    expect(error.message).toMatch(/Tuesday 08:00–12:00 overlaps 11:00–13:00/);
    expect(error.message).toMatch(/holiday "2026-02-30" is not a date/);
    const closed = await refusal(temp.core, 'calendar/save', { ...OFFICE, hours: { sat: [], sun: [] } });
    expect(closed.message).toMatch(/no opening hours on any day/);
    expect(await fingerprintDatabase(temp.core.store.db)).toEqual(before);
  });

  it('keeps names unique, since people and desk calendar name a calendar by its name', async () => {
    await call(temp.core, 'calendar/save', OFFICE);
    const error = await refusal(temp.core, 'calendar/save', { ...OFFICE, name: 'office HOURS' });
    expect(error).toEqual({
      code: 'conflict',
      message: 'There is already a calendar named Office hours.',
      field: 'name',
    });
  });

  it('records only what changed, so an unchanged save writes nothing', async () => {
    const office = await call(temp.core, 'calendar/save', OFFICE);
    const count = async () => (await readChangeLog(temp.core.store.db)).length;
    const before = await count();
    await call(temp.core, 'calendar/save', { ...OFFICE, id: office.id });
    expect(await count()).toBe(before);
    await call(temp.core, 'calendar/save', { ...OFFICE, id: office.id, timeZone: 'Europe/Vienna' });
    const log = await readChangeLog(temp.core.store.db);
    expect(log.slice(before).map((c) => [c.entity, c.field, c.value])).toEqual([
      ['calendar', 'timeZone', 'Europe/Vienna'],
    ]);
  });

  it('edits the 24×7 calendar like any other but never deletes it', async () => {
    const edited = await call(temp.core, 'calendar/save', {
      id: DEFAULT_CALENDAR_ID,
      name: 'Around the clock',
      timeZone: 'UTC',
      hours: DEFAULT_CALENDAR.hours,
      holidays: [],
    });
    expect(edited).toMatchObject({ id: DEFAULT_CALENDAR_ID, name: 'Around the clock', isDefault: true });
    const log = await readChangeLog(temp.core.store.db);
    expect(log.filter((c) => c.entity === 'calendar').map((c) => c.field)).toEqual(['name']);
    const error = await refusal(temp.core, 'calendar/delete', { id: DEFAULT_CALENDAR_ID });
    expect(error.message).toMatch(/cannot be deleted/);
  });

  it('deletes a calendar no policy uses, and refuses one in use, naming the policy', async () => {
    const office = await call(temp.core, 'calendar/save', OFFICE);
    const spare = await call(temp.core, 'calendar/save', { ...OFFICE, name: 'Spare' });
    await call(temp.core, 'sla/savePolicy', {
      name: 'Standard',
      targets: { resolutionMinutes: 480 },
      calendarId: office.id,
    });
    expect(await refusal(temp.core, 'calendar/delete', { id: office.id })).toEqual({
      code: 'conflict',
      message: 'Office hours is used by Standard; give it another calendar first.',
    });
    expect(await call(temp.core, 'calendar/delete', { id: spare.id })).toEqual({ deleted: true });
    expect((await call(temp.core, 'calendar/list', {})).map((c) => c.name)).toEqual(['24×7', 'Office hours']);
    expect(await call(temp.core, 'calendar/delete', { id: spare.id })).toEqual({ deleted: false });
  });

  it('imports the holidays of an .ics file: new dates added, known ones renamed, the rest counted', async () => {
    const office = await call(temp.core, 'calendar/save', OFFICE);
    const result = await call(temp.core, 'calendar/importHolidays', {
      calendarId: office.id,
      ics: ics(
        ['DTSTART;VALUE=DATE:20261225', 'SUMMARY:1. Weihnachtstag'],
        ['DTSTART;VALUE=DATE:20261226', 'SUMMARY:2. Weihnachtstag'],
        ['DTSTART;VALUE=DATE:20250101', 'RRULE:FREQ=YEARLY', 'SUMMARY:Neujahr'],
        ['DTSTART:20260315T130000Z', 'DTEND:20260315T170000Z', 'SUMMARY:Offsite'],
      ),
    });
    // Today is 2 March 2026 in Berlin: yearly events run from last year to four years ahead.
    expect(result.window).toEqual({ from: '2025-01-01', to: '2030-12-31' });
    expect(result).toMatchObject({ added: 7, renamed: 1, timedEventsIgnored: 1, cancelledEventsIgnored: 0 });
    expect(result.calendar.holidays.slice(0, 4)).toEqual([
      { date: '2025-01-01', name: 'Neujahr' },
      { date: '2026-01-01', name: 'Neujahr' },
      { date: '2026-12-25', name: '1. Weihnachtstag' },
      { date: '2026-12-26', name: '2. Weihnachtstag' },
    ]);
    expect(result.calendar.holidays).toHaveLength(8);
  });

  it('refuses a file it cannot read as a calendar, or a calendar that is not there, and writes nothing', async () => {
    const office = await call(temp.core, 'calendar/save', OFFICE);
    const before = await fingerprintDatabase(temp.core.store.db);
    const notIcs = await refusal(temp.core, 'calendar/importHolidays', {
      calendarId: office.id,
      ics: 'Subject: hello\r\n\r\nThis is an email, not a calendar.',
    });
    expect(notIcs).toEqual({
      code: 'invalid_input',
      message: 'The file is not a usable iCalendar (.ics) file: it does not begin with BEGIN:VCALENDAR.',
    });
    const badDate = await refusal(temp.core, 'calendar/importHolidays', {
      calendarId: office.id,
      ics: ics(['DTSTART;VALUE=DATE:20260230', 'SUMMARY:Nope']),
    });
    expect(badDate.message).toMatch(/DTSTART "2026-02-30", which is not a date/);
    const missing = await refusal(temp.core, 'calendar/importHolidays', {
      calendarId: people.agent.id,
      ics: ics(['DTSTART;VALUE=DATE:20261224']),
    });
    expect(missing.code).toBe('not_found');
    expect(await fingerprintDatabase(temp.core.store.db)).toEqual(before);
  });
});

describe('SLA policies', () => {
  const policy = (name: string, calendarId = DEFAULT_CALENDAR_ID): HandlerInput<'sla/savePolicy'> => ({
    name,
    targets: { firstResponseMinutes: 30, resolutionMinutes: 240 },
    calendarId,
  });

  it('keeps policies in the order they were made, with defaults for conditions and pause statuses', async () => {
    await call(temp.core, 'sla/savePolicy', { ...policy('Critical'), conditions: { priorities: [1] } });
    await call(temp.core, 'sla/savePolicy', policy('Standard'));
    const listed = await call(temp.core, 'sla/policies', {});
    expect(listed.map((p) => [p.rank, p.name, p.calendarName])).toEqual([
      [1, 'Critical', '24×7'],
      [2, 'Standard', '24×7'],
    ]);
    expect(listed[1]).toMatchObject({
      conditions: { priorities: [], categoryIds: [], serviceIds: [], channels: [], organisations: [] },
      pauseStatuses: ['waiting_on_customer', 'resolved', 'closed'],
    });
  });

  it('moves a policy up and down, and not past either end', async () => {
    const a = await call(temp.core, 'sla/savePolicy', policy('A'));
    const b = await call(temp.core, 'sla/savePolicy', policy('B'));
    await call(temp.core, 'sla/savePolicy', policy('C'));
    const names = (list: { name: string }[]) => list.map((p) => p.name);
    expect(names(await call(temp.core, 'sla/movePolicy', { id: b.id, direction: 'up' }))).toEqual(['B', 'A', 'C']);
    expect(names(await call(temp.core, 'sla/movePolicy', { id: b.id, direction: 'up' }))).toEqual(['B', 'A', 'C']);
    expect(names(await call(temp.core, 'sla/movePolicy', { id: a.id, direction: 'down' }))).toEqual(['B', 'C', 'A']);
  });

  it('refuses a policy on a calendar or category that is not there, and agents, writing nothing', async () => {
    const before = await fingerprintDatabase(temp.core.store.db);
    expect((await refusal(temp.core, 'sla/savePolicy', policy('X', people.agent.id))).message).toBe(
      `No calendar with id ${people.agent.id}.`,
    );
    const unknownCategory = await refusal(temp.core, 'sla/savePolicy', {
      ...policy('X'),
      conditions: { categoryIds: [people.agent.id] },
    });
    expect(unknownCategory.message).toBe(`No category with id ${people.agent.id}.`);
    expect(await fingerprintDatabase(temp.core.store.db)).toEqual(before);
    await call(temp.core, 'session/signIn', { agentId: people.agent.id });
    const signedIn = await fingerprintDatabase(temp.core.store.db);
    expect((await refusal(temp.core, 'sla/savePolicy', policy('Mine'))).code).toBe('forbidden');
    expect(await fingerprintDatabase(temp.core.store.db)).toEqual(signedIn);
  });

  it('deletes a policy, which then no longer holds its calendar', async () => {
    const office = await call(temp.core, 'calendar/save', OFFICE);
    const standard = await call(temp.core, 'sla/savePolicy', policy('Standard', office.id));
    expect((await call(temp.core, 'calendar/list', {})).find((c) => c.id === office.id)?.usedBy).toEqual(['Standard']);
    expect(await call(temp.core, 'sla/deletePolicy', { id: standard.id })).toEqual({ deleted: true });
    expect(await call(temp.core, 'sla/policies', {})).toEqual([]);
    expect(await call(temp.core, 'calendar/delete', { id: office.id })).toEqual({ deleted: true });
  });
});

describe('two workstations offline', () => {
  let other: TempCore;
  beforeEach(async () => {
    other = await openTempCore({ clock: temp.clock });
    // The second workstation starts from the first one's team (the same agents), as after a bootstrap.
    await other.core.store.applyBatch(await readChangeLog(temp.core.store.db), 'remote');
    await call(other.core, 'session/signIn', { agentId: people.supervisor.id });
  });
  afterEach(() => other.dispose());

  const exchange = async () => {
    const [a, b] = [await readChangeLog(temp.core.store.db), await readChangeLog(other.core.store.db)];
    await other.core.store.applyBatch(missingFrom(a, b), 'remote');
    await temp.core.store.applyBatch(missingFrom(b, a), 'remote');
  };

  it('converge on one 24×7 calendar when both edit it, field by field, last writer winning', async () => {
    const base = { id: DEFAULT_CALENDAR_ID, name: '24×7', timeZone: 'UTC', hours: DEFAULT_CALENDAR.hours };
    await call(temp.core, 'calendar/save', { ...base, name: 'Always open' });
    temp.clock.advance(60_000);
    await call(other.core, 'calendar/save', { ...base, holidays: [{ date: '2026-12-25', name: 'Christmas' }] });
    temp.clock.advance(60_000);
    await call(other.core, 'calendar/save', { ...base, name: 'Round the clock', holidays: ['2026-12-25'] });
    await exchange();
    const [mine, theirs] = [await call(temp.core, 'calendar/list', {}), await call(other.core, 'calendar/list', {})];
    expect(mine).toEqual(theirs);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      id: DEFAULT_CALENDAR_ID,
      name: 'Round the clock',
      holidays: [{ date: '2026-12-25', name: 'Holiday' }],
    });
  });

  it('agree on one order when both add a policy at the same place, and moving numbers it afresh', async () => {
    await call(temp.core, 'sla/savePolicy', {
      name: 'Mine',
      targets: { resolutionMinutes: 60 },
      calendarId: DEFAULT_CALENDAR_ID,
    });
    await call(other.core, 'sla/savePolicy', {
      name: 'Theirs',
      targets: { resolutionMinutes: 90 },
      calendarId: DEFAULT_CALENDAR_ID,
    });
    await exchange();
    const [mine, theirs] = [await call(temp.core, 'sla/policies', {}), await call(other.core, 'sla/policies', {})];
    expect(mine.map((p) => p.name)).toEqual(theirs.map((p) => p.name));
    const second = mine[1]!;
    const moved = await call(temp.core, 'sla/movePolicy', { id: second.id, direction: 'up' });
    expect(moved.map((p) => p.name)).toEqual([second.name, mine[0]!.name]);
    await exchange();
    expect((await call(other.core, 'sla/policies', {})).map((p) => p.name)).toEqual(moved.map((p) => p.name));
  });
});
