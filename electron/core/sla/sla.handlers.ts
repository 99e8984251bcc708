import type { Handlers } from '#shared/contract.ts';
import { OPEN_STATUSES } from '#shared/domain/enums.ts';
import { formatInstant } from '#shared/domain/instant.ts';
import type { CalendarView, SlaPolicyView } from '#shared/domain/sla-settings.ts';
import { DEFAULT_CALENDAR_ID } from '#shared/domain/calendar.ts';
import { DeskError } from '#shared/errors.ts';
import type { CoreContext } from '../context.ts';
import type { Db } from '../store/store.ts';
import { findCalendar, listCalendars } from './calendar.repository.ts';
import type { CalendarRecord } from './calendar.repository.ts';
import { deleteCalendar, importHolidays, saveCalendar } from './calendar.service.ts';
import { incidentSla, slaRows } from './incident-sla.ts';
import { listSlaPolicies } from './sla-policy.repository.ts';
import { deleteSlaPolicy, moveSlaPolicy, saveSlaPolicy } from './sla-policy.service.ts';

type SlaHandlers = Pick<
  Handlers,
  | 'incident/sla'
  | 'calendar/list'
  | 'calendar/save'
  | 'calendar/delete'
  | 'calendar/importHolidays'
  | 'sla/policies'
  | 'sla/savePolicy'
  | 'sla/movePolicy'
  | 'sla/deletePolicy'
  | 'sla/list'
>;

async function calendarViews(db: Db): Promise<CalendarView[]> {
  const [calendars, policies] = await Promise.all([listCalendars(db), listSlaPolicies(db)]);
  return calendars.map((calendar) => calendarView(calendar, policies));
}

function calendarView(
  { deleted: _deleted, ...calendar }: CalendarRecord,
  policies: readonly { calendarId: string; name: string }[],
): CalendarView {
  return {
    ...calendar,
    isDefault: calendar.id === DEFAULT_CALENDAR_ID,
    usedBy: policies.filter((policy) => policy.calendarId === calendar.id).map((policy) => policy.name),
  };
}

async function policyViews(db: Db): Promise<SlaPolicyView[]> {
  const [policies, calendars] = await Promise.all([listSlaPolicies(db), listCalendars(db, { includeDeleted: true })]);
  const names = new Map(calendars.map((calendar) => [calendar.id, calendar]));
  return policies.map(({ position: _position, ...policy }, index) => {
    const calendar = names.get(policy.calendarId);
    return {
      ...policy,
      rank: index + 1,
      calendarName: !calendar
        ? '24×7 (its calendar has not arrived yet)'
        : calendar.deleted
          ? `${calendar.name} (deleted)`
          : calendar.name,
    };
  });
}

export function slaHandlers({ store, session, queue }: Pick<CoreContext, 'store' | 'session' | 'queue'>): SlaHandlers {
  /** Calendars and service levels are promises the whole team keeps: supervisors set them, everyone reads. */
  const supervisor = () => session.requireSupervisorId();
  const calendar = async (id: string) => {
    const found = await findCalendar(store.db, id);
    if (!found) throw new DeskError('internal', 'The calendar was saved but could not be read back.');
    return calendarView(found, await listSlaPolicies(store.db));
  };

  return {
    'incident/sla': ({ id }) => incidentSla(store.db, id, store.now()),
    'calendar/list': () => calendarViews(store.db),
    'calendar/save': async (command) => {
      const { value: id } = await store.command(await supervisor(), (tx, rec) => saveCalendar(tx, rec, command));
      return calendar(id);
    },
    'calendar/delete': async ({ id }) => {
      const { value: deleted } = await store.command(await supervisor(), (tx, rec) => deleteCalendar(tx, rec, id));
      return { deleted };
    },
    'calendar/importHolidays': async (input) => {
      const { value } = await store.command(await supervisor(), (tx, rec) => importHolidays(tx, rec, input));
      return {
        calendar: await calendar(value.calendarId),
        added: value.added,
        renamed: value.renamed,
        timedEventsIgnored: value.read.timedEventsIgnored,
        cancelledEventsIgnored: value.read.cancelledEventsIgnored,
        window: value.read.window,
      };
    },
    'sla/policies': () => policyViews(store.db),
    'sla/savePolicy': async (command) => {
      const { value: id } = await store.command(await supervisor(), (tx, rec) => saveSlaPolicy(tx, rec, command));
      const saved = (await policyViews(store.db)).find((policy) => policy.id === id);
      if (!saved) throw new DeskError('internal', 'The policy was saved but could not be read back.');
      return saved;
    },
    'sla/movePolicy': async (command) => {
      await store.command(await supervisor(), (tx, rec) => moveSlaPolicy(tx, rec, command));
      return policyViews(store.db);
    },
    'sla/deletePolicy': async ({ id }) => {
      const { value: deleted } = await store.command(await supervisor(), (tx, rec) => deleteSlaPolicy(tx, rec, id));
      return { deleted };
    },
    'sla/list': async (input) => {
      const nowMs = store.now();
      const page = await queue.page(
        {
          filter: { statuses: [...OPEN_STATUSES], ...(input.states ? { dueStates: input.states } : {}) },
          sort: { column: 'due', direction: 'asc' },
          offset: input.offset,
          limit: input.limit,
        },
        { agentId: await session.agentId(), nowMs },
      );
      return {
        rows: await slaRows(store.db, page.rows, nowMs),
        total: page.total,
        offset: page.offset,
        evaluatedAt: formatInstant(nowMs),
      };
    },
  };
}
