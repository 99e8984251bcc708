import { z } from 'zod';

/**
 * Desktop notifications in the desktop app (DESIGN §2: the Electron shell shows them). The page asks through
 * the preload's `deskNotifier`; the main process shows Electron's Notification and, when the agent clicks one,
 * brings the window forward and says which was clicked. These are the channels and the one shape that crosses,
 * checked on both sides.
 */
export const DESKTOP_NOTIFICATION_CHANNELS = {
  /** page → main (invoke): may notifications be shown on this system? */
  supported: 'desk-notifier:supported',
  /** page → main (invoke): show this notification. */
  show: 'desk-notifier:show',
  /** main → page (send): the agent clicked this notification. */
  clicked: 'desk-notifier:clicked',
} as const;

const notificationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A notification id is 1 to 64 letters, digits, - or _');

export const desktopNotificationSchema = z.strictObject({
  id: notificationIdSchema,
  title: z.string().min(1).max(300),
  body: z.string().max(1_000),
});
export type DesktopNotification = z.output<typeof desktopNotificationSchema>;

export const notificationClickSchema = z.strictObject({ id: notificationIdSchema });
export type NotificationClick = z.output<typeof notificationClickSchema>;

/** What the page uses to show desktop notifications, whichever host provides them. */
export interface DesktopNotifier {
  /** Whether notifications can be shown now, without asking. */
  allowed(): boolean;
  /** Asks the agent (the browser's prompt) once they turn notifications on; answers whether they may be shown. */
  request(): Promise<boolean>;
  show(title: string, body: string, onClick: () => void): void;
}
