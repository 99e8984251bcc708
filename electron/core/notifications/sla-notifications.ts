import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import { OPEN_STATUSES } from '#shared/domain/enums.ts';
import type { Priority } from '#shared/domain/enums.ts';
import type { Agent } from '#shared/domain/reference.ts';
import { nextBusinessMs, compileCalendar } from '#shared/domain/business-time.ts';
import { evaluateSlaFigures, SLA_CLOCK_LABELS, SLA_CLOCKS } from '#shared/domain/sla.ts';
import type { SlaInput } from '#shared/domain/sla.ts';
import { wantsNotification } from '#shared/domain/notifications.ts';
import type { NotificationEvent } from '#shared/domain/notifications.ts';
import { listAgents } from '#core/reference/reference.repository.ts';
import { loadDueFacts } from '#core/sla/due.repository.ts';
import { incidentClockInput } from '#core/sla/incident-clocks.ts';
import { loadSlaConfig } from '#core/sla/sla-config.ts';
import type { IncidentTable } from '#core/store/schema.ts';
import type { Db, Store } from '#core/store/store.ts';
import type { SlaConfig } from '#core/sla/sla-config.ts';
import { existingNotifications, loadPreferences } from './notification.repository.ts';
import { notificationId, notifyAgents } from './notification.service.ts';

const CHUNK = 500;

export interface ClockAlert {
  readonly event: Extract<NotificationEvent, 'sla_at_risk' | 'sla_breached'>;
  readonly occasion: string;
  readonly text: string;
}

/**
 * What an incident's clocks say to tell its people at `now`: each running clock at risk, each owed clock
 * breached, once per clock cycle (a breach supersedes its at-risk). Pure: the same instants as the queue's badge.
 */
export function clockAlerts(incidentId: string, input: SlaInput, now: number): ClockAlert[] {
  const alerts: ClockAlert[] = [];
  let figures;
  try {
    figures = evaluateSlaFigures(input);
  } catch {
    return [];
  }
  const calendar = compileCalendar(input.calendar);
  for (const clock of SLA_CLOCKS) {
    const f = figures[clock];
    if (!f || f.metAt !== null || f.state === 'stopped') continue;
    const breachAt = f.breached ? f.breachedAt : f.dueAt === null ? null : nextBusinessMs(calendar, f.dueAt) + 1;
    const key = `${incidentId}:${clock}:${f.cycle}`;
    if (breachAt !== null && breachAt <= now) {
      alerts.push({
        event: 'sla_breached',
        occasion: `sla_breached:${key}`,
        text: `${SLA_CLOCK_LABELS[clock]} breached`,
      });
    } else if (f.atRiskAt !== null && f.atRiskAt <= now) {
      alerts.push({ event: 'sla_at_risk', occasion: `sla_at_risk:${key}`, text: `${SLA_CLOCK_LABELS[clock]} at risk` });
    }
  }
  return alerts;
}

/** Who an incident's alerts are for: its assignee, or its group's members while nobody has it. */
const PEOPLE_COLUMNS = ['id', 'priority', 'assignee_id', 'group_id'] as const;
type PeopleRow = Pick<Selectable<IncidentTable>, (typeof PEOPLE_COLUMNS)[number]>;

/**
 * Open incidents that turned at risk or breached within the catch-up window, read from the projected instants,
 * with whom their alerts are for (so a beat with nothing new to tell reads each row once).
 */
async function turnedRecently(db: Db, now: number, lateMs: number): Promise<PeopleRow[]> {
  const since = now - lateMs;
  const [atRisk, breached] = await Promise.all(
    (['sla_at_risk_at', 'sla_breach_at'] as const).map((column) =>
      db
        .selectFrom('incident')
        .select([...PEOPLE_COLUMNS])
        .where(column, '>=', since)
        .where(column, '<=', now)
        // Checked on the rows the range finds: searched by its index, the status would read every open incident.
        .where(sql<string>`+status`, 'in', [...OPEN_STATUSES])
        .execute(),
    ),
  );
  return [...new Map([...atRisk!, ...breached!].map((row) => [row.id, row])).values()];
}

function peopleRows(db: Db, ids: readonly string[]): Promise<PeopleRow[]> {
  return db
    .selectFrom('incident')
    .select([...PEOPLE_COLUMNS])
    .where('id', 'in', [...ids])
    .execute();
}

/**
 * Tells the people of incidents whose service level turned at risk or breached (the assignee, or the group's
 * members while nobody has it), on the workstation that runs the team's duties, each chunk in one command.
 * The ids are the agent's and the clock cycle's, so a new lease holder repeating a sweep tells nobody twice.
 */
export async function sweepSlaNotifications(store: Store, now: number, lateMs: number): Promise<number> {
  const turned = await turnedRecently(store.db, now, lateMs);
  if (!turned.length) return 0;
  const config = await loadSlaConfig(store.db);
  const agents = await activeAgents(store.db);
  // Read first, outside any transaction, all at once: a beat with nothing new to tell writes nothing, and only
  // the incidents with something new are read again and told, a chunk per command.
  const fresh = await withNewAlerts(store.db, config, turned, now, agents);
  let told = 0;
  for (let i = 0; i < fresh.length; i += CHUNK) {
    const ids = fresh.slice(i, i + CHUNK);
    const { value } = await store.command(null, async (tx, recorder) => {
      let count = 0;
      // Read again inside: the incidents may have moved on since.
      for (const due of await alertsDue(tx, config, await peopleRows(tx, ids), now, await activeAgents(tx))) {
        count += (await notifyAgents(tx, recorder, due.people, { ...due.alert, incident: due.incident })).length;
      }
      return count;
    });
    told += value;
  }
  return told;
}

interface AlertDue {
  readonly alert: ClockAlert;
  /** Those it is for who want it, as their preferences say. */
  readonly people: readonly string[];
  readonly incident: { readonly id: string; readonly priority: Priority };
}

const CLOCK_EVENTS = ['sla_at_risk', 'sla_breached'] as const;

/**
 * Each alert due on these incidents, with whom it is for (the assignee, or the group while nobody has it) among
 * those who want it. Whom and their preferences are read first: the clocks of an incident nobody would be told
 * of (by default, a minor one) are not worked out at all, beat after beat.
 */
async function alertsDue(
  db: Db,
  config: SlaConfig,
  rows: readonly PeopleRow[],
  now: number,
  agents: readonly Agent[],
): Promise<AlertDue[]> {
  const peopleOf = (row: PeopleRow) =>
    row.assignee_id
      ? [row.assignee_id]
      : agents.filter((agent) => row.group_id && agent.groupIds.includes(row.group_id)).map((a) => a.id);
  const preferences = await loadPreferences(db, [...new Set(rows.flatMap(peopleOf))]);
  const wanting = new Map<string, Map<ClockAlert['event'], string[]>>();
  for (const row of rows) {
    const priority = Number(row.priority) as Priority;
    const byEvent = new Map(
      CLOCK_EVENTS.map((event) => [
        event,
        peopleOf(row).filter((agentId) => wantsNotification(preferences.get(agentId)!, event, priority)),
      ]),
    );
    if ([...byEvent.values()].some((people) => people.length)) wanting.set(row.id, byEvent);
  }
  const byId = new Map(rows.map((row) => [row.id, row]));
  const due: AlertDue[] = [];
  for (const facts of await loadDueFacts(db, [...wanting.keys()])) {
    const clocks = incidentClockInput(config, facts);
    const row = byId.get(facts.id)!;
    if (!clocks) continue;
    const incident = { id: facts.id, priority: Number(row.priority) as Priority };
    for (const alert of clockAlerts(facts.id, clocks.input, now)) {
      const people = wanting.get(facts.id)!.get(alert.event)!;
      if (people.length) due.push({ alert, people, incident });
    }
  }
  return due;
}

const activeAgents = async (db: Db) => (await listAgents(db)).filter((agent) => agent.active);

/** The incidents with an alert that is not yet a notification of someone who wants it. */
async function withNewAlerts(
  db: Db,
  config: SlaConfig,
  rows: readonly PeopleRow[],
  now: number,
  agents: readonly Agent[],
): Promise<string[]> {
  const wanted = (await alertsDue(db, config, rows, now, agents)).flatMap((due) =>
    due.people.map((agentId) => ({ incidentId: due.incident.id, id: notificationId(agentId, due.alert.occasion) })),
  );
  if (!wanted.length) return [];
  const existing = await existingNotifications(
    db,
    wanted.map((w) => w.id),
  );
  return [...new Set(wanted.filter((w) => !existing.has(w.id)).map((w) => w.incidentId))];
}
