import type { Selectable } from 'kysely';
import { NOTIFICATION_EVENTS, readPreferences } from '#shared/domain/notifications.ts';
import type { Notification, NotificationEvent, NotificationPreferences } from '#shared/domain/notifications.ts';
import type { Priority } from '#shared/domain/enums.ts';
import type { NotificationTable } from '#core/store/schema.ts';
import { existingIds } from '#core/store/existing-ids.ts';
import type { Db } from '#core/store/store.ts';

/** SQL for notifications and preferences: projections read only here (writes go through the change recorder). */
type NotificationRow = Selectable<NotificationTable> & { number: number | null; title: string | null };

const isEvent = (value: string): value is NotificationEvent =>
  (NOTIFICATION_EVENTS as readonly string[]).includes(value);

export function notificationRowToModel(row: NotificationRow): Notification | null {
  // A record written by a newer desk with an event this one does not know is left out, not shown half-read.
  if (!isEvent(row.event)) return null;
  return {
    id: row.id,
    agentId: row.agent_id,
    event: row.event,
    incidentId: row.incident_id,
    incidentNumber: row.number,
    incidentTitle: row.title ?? '',
    text: row.text,
    priority: Number(row.priority) as Priority,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/** An agent's notifications, newest first. */
export async function listNotifications(
  db: Db,
  agentId: string,
  options: { readonly unreadOnly: boolean; readonly limit: number },
): Promise<Notification[]> {
  let query = db
    .selectFrom('notification')
    .leftJoin('incident', 'incident.id', 'notification.incident_id')
    .selectAll('notification')
    .select(['incident.number', 'incident.title'])
    .where('notification.agent_id', '=', agentId);
  if (options.unreadOnly) query = query.where('notification.read_at', 'is', null);
  const rows = await query
    .orderBy('notification.created_at', 'desc')
    .orderBy('notification.id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map(notificationRowToModel).filter((n): n is Notification => n !== null);
}

export async function unreadCount(db: Db, agentId: string): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agent_id', '=', agentId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Which of these notifications exist already (a second notice of the same occasion writes nothing). */
export function existingNotifications(db: Db, ids: readonly string[]): Promise<Set<string>> {
  return existingIds(db, 'notification', ids);
}

/** The agent's unread notifications among these ids (all of them when none are named). */
export async function unreadIds(db: Db, agentId: string, ids?: readonly string[]): Promise<string[]> {
  let query = db.selectFrom('notification').select('id').where('agent_id', '=', agentId).where('read_at', 'is', null);
  if (ids) query = query.where('id', 'in', [...ids]);
  return (await query.execute()).map((row) => row.id);
}

function parseJson(json: string | null | undefined): unknown {
  try {
    return json ? JSON.parse(json) : null;
  } catch {
    return null;
  }
}

/** Preferences per agent; an agent who never chose has the defaults. */
export async function loadPreferences(
  db: Db,
  agentIds: readonly string[],
): Promise<Map<string, NotificationPreferences>> {
  const rows = agentIds.length
    ? await db
        .selectFrom('notification_settings')
        .selectAll()
        .where('id', 'in', [...agentIds])
        .execute()
    : [];
  const stored = new Map(rows.map((row) => [row.id, row.preferences]));
  return new Map(
    agentIds.map((id) => {
      const json = stored.get(id);
      return [id, readPreferences(parseJson(json))];
    }),
  );
}
