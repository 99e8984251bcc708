import type { JsonValue } from '#shared/change.ts';
import type { Priority } from '#shared/domain/enums.ts';
import { wantsNotification } from '#shared/domain/notifications.ts';
import type { NotificationEvent, NotificationPreferences } from '#shared/domain/notifications.ts';
import { derivedIds } from '#core/store/derived-ids.ts';
import type { ChangeRecorder, Db } from '#core/store/store.ts';
import { existingNotifications, loadPreferences, unreadIds } from './notification.repository.ts';

const NOTIFICATION_NAMESPACE = 'c4a1e7d2-5b3f-4e96-8a20-7f1d3c6b9e48';
const notificationIds = derivedIds(NOTIFICATION_NAMESPACE);

/**
 * One notification per agent and occasion: its id is derived from the two, so two workstations that notice
 * the same occasion (the same imported mail, a sweep a new lease holder repeats) write the same record, and an
 * agent is told once.
 */
export function notificationId(agentId: string, occasion: string): string {
  return notificationIds(`${agentId}:${occasion}`);
}

export interface NotificationNotice {
  readonly event: NotificationEvent;
  readonly incident: { readonly id: string; readonly priority: Priority };
  /** Names what happened once for everyone told of it (an event's timeline entry, a clock cycle). */
  readonly occasion: string;
  readonly text: string;
}

/**
 * Tells these agents of something on an incident, as each chose in their preferences (by default, minor
 * incidents are logged without telling anyone). Answers the agents told now.
 */
export async function notifyAgents(
  db: Db,
  recorder: ChangeRecorder,
  agentIds: readonly string[],
  notice: NotificationNotice,
): Promise<string[]> {
  const unique = [...new Set(agentIds)];
  if (!unique.length) return [];
  const preferences = await loadPreferences(db, unique);
  const wanted = unique.filter((agentId) =>
    wantsNotification(preferences.get(agentId)!, notice.event, notice.incident.priority),
  );
  const ids = new Map(wanted.map((agentId) => [agentId, notificationId(agentId, notice.occasion)]));
  const existing = await existingNotifications(db, [...ids.values()]);
  const told: string[] = [];
  for (const [agentId, id] of ids) {
    if (existing.has(id)) continue;
    const fields: Record<string, JsonValue> = {
      agentId,
      event: notice.event,
      incidentId: notice.incident.id,
      text: notice.text,
      priority: notice.incident.priority,
      createdAt: recorder.at,
    };
    for (const [field, value] of Object.entries(fields)) recorder.set('notification', id, field, value);
    told.push(agentId);
  }
  return told;
}

/** Marks the agent's notifications read (some, or every unread one); answers how many were unread. */
export async function markNotificationsRead(
  db: Db,
  recorder: ChangeRecorder,
  agentId: string,
  ids: readonly string[] | 'all',
): Promise<number> {
  const unread = await unreadIds(db, agentId, ids === 'all' ? undefined : ids);
  for (const id of unread) recorder.set('notification', id, 'readAt', recorder.at);
  return unread.length;
}

export function saveNotificationPreferences(
  recorder: ChangeRecorder,
  agentId: string,
  preferences: NotificationPreferences,
): void {
  recorder.set('notificationSettings', agentId, 'preferences', preferences as unknown as JsonValue);
}
