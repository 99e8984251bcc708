import { useCallback, useEffect, useRef } from 'react';
import { formatIncidentNumber } from '#shared/domain/incident.ts';
import { NOTIFICATION_EVENT_LABELS } from '#shared/domain/notifications.ts';
import type { Notification, NotificationList, NotificationPreferences } from '#shared/domain/notifications.ts';
import { desktopNotifier } from './desktop-notifier.ts';
import { useDeskCommand } from './use-desk-command.ts';
import { useNotificationPreferences } from './use-notification-preferences.ts';
import { useDeskQuery } from './use-desk-query.ts';

const LISTED = 30;

export interface NotificationCentre {
  readonly list: NotificationList | null;
  readonly preferences: NotificationPreferences | null;
  markRead(ids: readonly string[] | 'all'): Promise<void>;
  /** Turns desktop notifications on (asking the browser first) or off; answers whether they are on. */
  setDesktop(on: boolean): Promise<boolean>;
}

/** "INC-1042 Payroll run fails": what a notification is about. */
export function notificationSubject(notification: Notification): string {
  const number = notification.incidentNumber === null ? '' : `${formatIncidentNumber(notification.incidentNumber)} `;
  return `${number}${notification.incidentTitle}`;
}

/**
 * The signed-in agent's notifications, kept current as they arrive (from this workstation's rules or another's,
 * through the hub), and each new unread one shown on the desktop when the agent turned that on.
 */
export function useNotifications(onOpen: (incidentId: string) => void): NotificationCentre {
  const run = useDeskCommand();
  const list = useDeskQuery(
    'notification/list',
    { limit: LISTED },
    { reloadWhen: (change) => Boolean(change.notifications), failures: 'notify' },
  );
  const { preferences: chosen, setDesktop } = useNotificationPreferences();
  const seen = useRef<Set<string> | null>(null);
  const value = list.load.kind === 'ready' ? list.load.value : null;

  useEffect(() => {
    if (!value) return;
    const known = seen.current;
    seen.current = new Set(value.notifications.map((n) => n.id));
    // What was there when the app opened is in the bell already; only what arrives later pops up.
    if (!known || !chosen?.desktop || !desktopNotifier.allowed()) return;
    for (const notification of value.notifications) {
      if (known.has(notification.id) || notification.readAt !== null) continue;
      desktopNotifier.show(
        `${NOTIFICATION_EVENT_LABELS[notification.event]}: ${notificationSubject(notification)}`,
        notification.text,
        () => onOpen(notification.incidentId),
      );
    }
  }, [value, chosen, onOpen]);

  const markRead = useCallback(
    async (ids: readonly string[] | 'all') => {
      const outcome = await run('notification/markRead', ids === 'all' ? { all: true } : { ids: [...ids] });
      if (outcome.ok) list.reload();
    },
    [run, list],
  );

  return { list: value, preferences: chosen, markRead, setDesktop };
}
