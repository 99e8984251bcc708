import { z } from 'zod';
import { PRIORITIES } from './enums.ts';
import type { Priority } from './enums.ts';
import { idSchema } from './schemas.ts';

/**
 * Notifications (DESIGN §6): per-agent records that sync through the hub like everything else, so reading one
 * on one workstation reads it on the others. Each is written with an id derived from its agent and occasion, so
 * two workstations noticing the same occasion write the same record: an agent is told once.
 */
export const NOTIFICATION_EVENTS = [
  'assigned_to_me',
  'new_in_my_group',
  'customer_replied',
  'sla_at_risk',
  'sla_breached',
  'escalated_to_me',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
export const NOTIFICATION_EVENT_LABELS: Record<NotificationEvent, string> = {
  assigned_to_me: 'Assigned to me',
  new_in_my_group: 'New incident in my group',
  customer_replied: 'Customer replied on my incident',
  sla_at_risk: 'Service level at risk',
  sla_breached: 'Service level breached',
  escalated_to_me: 'Escalated to me',
};

export interface Notification {
  readonly id: string;
  readonly agentId: string;
  readonly event: NotificationEvent;
  readonly incidentId: string;
  /** The incident as it is now (its number once the hub gave one), for the list. */
  readonly incidentNumber: number | null;
  readonly incidentTitle: string;
  /** What happened, in a line ("Resolution at risk: 75 % of 4 hours elapsed"). */
  readonly text: string;
  readonly priority: Priority;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export interface NotificationList {
  readonly notifications: readonly Notification[];
  readonly unread: number;
}

const prioritySchema = z.union(PRIORITIES.map((p) => z.literal(p)) as unknown as [z.ZodLiteral<Priority>]);

/** Per event: whether to be told at all, and from which priority on (1 only, up to 5 for every incident). */
export const eventPreferenceSchema = z.strictObject({
  enabled: z.boolean(),
  /** Told about incidents of this priority or higher (a smaller number). */
  upToPriority: prioritySchema,
});
export type EventPreference = z.output<typeof eventPreferenceSchema>;

export const notificationPreferencesSchema = z.strictObject({
  /** Desktop notifications besides the bell; off until the agent turns them on (the browser asks then). */
  desktop: z.boolean(),
  events: z.strictObject(
    Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, eventPreferenceSchema])) as Record<
      NotificationEvent,
      typeof eventPreferenceSchema
    >,
  ),
});
export type NotificationPreferences = z.output<typeof notificationPreferencesSchema>;

/**
 * The seed's rule (DESIGN §1): minor incidents (priority 4–5) are logged without alerting anyone. An escalation
 * to a person is a supervisor's explicit rule, so it reaches them whatever the priority.
 */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  desktop: false,
  events: {
    assigned_to_me: { enabled: true, upToPriority: 3 },
    new_in_my_group: { enabled: true, upToPriority: 3 },
    customer_replied: { enabled: true, upToPriority: 3 },
    sla_at_risk: { enabled: true, upToPriority: 3 },
    sla_breached: { enabled: true, upToPriority: 3 },
    escalated_to_me: { enabled: true, upToPriority: 5 },
  },
};

/** Whether an agent with these preferences is told of this event on an incident of this priority. */
export function wantsNotification(
  preferences: NotificationPreferences,
  event: NotificationEvent,
  priority: Priority,
): boolean {
  const choice = preferences.events[event];
  return choice.enabled && priority <= choice.upToPriority;
}

/** Stored preferences as far as they can be read: anything missing or unreadable takes its default. */
export function readPreferences(value: unknown): NotificationPreferences {
  const parsed = notificationPreferencesSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const events = (typeof raw.events === 'object' && raw.events !== null ? raw.events : {}) as Record<string, unknown>;
  return {
    desktop: typeof raw.desktop === 'boolean' ? raw.desktop : DEFAULT_NOTIFICATION_PREFERENCES.desktop,
    events: Object.fromEntries(
      NOTIFICATION_EVENTS.map((event) => {
        const one = eventPreferenceSchema.safeParse(events[event]);
        return [event, one.success ? one.data : DEFAULT_NOTIFICATION_PREFERENCES.events[event]];
      }),
    ) as NotificationPreferences['events'],
  };
}

export const MAX_NOTIFICATIONS_LISTED = 200;

export const listNotificationsInput = z.strictObject({
  unreadOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(MAX_NOTIFICATIONS_LISTED).default(50),
});
export type ListNotificationsInput = z.input<typeof listNotificationsInput>;

/** Some notifications by id, or every unread one. */
export const markReadInput = z.union([
  z.strictObject({ ids: z.array(idSchema).min(1).max(MAX_NOTIFICATIONS_LISTED) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkReadInput = z.input<typeof markReadInput>;
