import { PRIORITIES, PRIORITY_LABELS } from '#shared/domain/enums.ts';
import type { Priority } from '#shared/domain/enums.ts';
import { NOTIFICATION_EVENTS } from '#shared/domain/notifications.ts';
import type { EventPreference, NotificationEvent, NotificationPreferences } from '#shared/domain/notifications.ts';

/**
 * The "from which priority" choice in words: a floor reads as the priorities it lets through ("Priorities 1–3:
 * Moderate and higher"), since "up to 3" reads the wrong way round to anyone who thinks of 1 as the top.
 */
export function priorityFloorLabel(floor: Priority): string {
  if (floor === 1) return `Priority 1 only: ${PRIORITY_LABELS[1]}`;
  if (floor === PRIORITIES.at(-1)) return `Every priority (1–${floor})`;
  return `Priorities 1–${floor}: ${PRIORITY_LABELS[floor]} and higher`;
}

export const PRIORITY_FLOOR_OPTIONS = PRIORITIES.map((floor) => ({
  value: String(floor),
  label: priorityFloorLabel(floor),
}));

/** The preferences with one event's choice changed. */
export function withEventChoice(
  preferences: NotificationPreferences,
  event: NotificationEvent,
  change: Partial<EventPreference>,
): NotificationPreferences {
  return { ...preferences, events: { ...preferences.events, [event]: { ...preferences.events[event], ...change } } };
}

export function samePreferences(a: NotificationPreferences, b: NotificationPreferences): boolean {
  return (
    a.desktop === b.desktop &&
    NOTIFICATION_EVENTS.every(
      (event) =>
        a.events[event].enabled === b.events[event].enabled &&
        a.events[event].upToPriority === b.events[event].upToPriority,
    )
  );
}
