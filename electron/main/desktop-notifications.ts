import type { IpcMain, Notification, NotificationConstructorOptions, WebContents } from 'electron';
import { DESKTOP_NOTIFICATION_CHANNELS, desktopNotificationSchema } from '#shared/desktop-notification.ts';
import type { Outcome } from '#shared/contract.ts';
import type { SenderCheck } from './register-contract.ts';

/** Electron's Notification class, as far as the shell uses it (a stand-in in tests, where Electron cannot run). */
export interface NotificationClass {
  new (options: NotificationConstructorOptions): Pick<Notification, 'show' | 'on'>;
  isSupported(): boolean;
}

/** The window that asked, as far as a click needs it. */
export type NotificationOwner = Pick<WebContents, 'send' | 'isDestroyed'>;

export interface DesktopNotificationOptions {
  readonly Notification: NotificationClass;
  readonly isTrustedSender: SenderCheck;
  /** Brings the app's window forward when the agent clicks a notification. */
  readonly focusWindow: () => void;
}

function refusal(code: 'forbidden' | 'invalid_input', message: string): Outcome<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Shows the page's desktop notifications with Electron's Notification. Only the app's page may ask, with one
 * checked object; a click focuses the window and tells the page which notification it was, by its id alone.
 */
export function registerDesktopNotifications(
  ipcMain: Pick<IpcMain, 'handle'>,
  { Notification, isTrustedSender, focusWindow }: DesktopNotificationOptions,
): void {
  // Electron drops a notification's click handler once the object is collected: each is held until used.
  const showing = new Set<Pick<Notification, 'show' | 'on'>>();

  ipcMain.handle(DESKTOP_NOTIFICATION_CHANNELS.supported, (event): boolean =>
    isTrustedSender(event) ? Notification.isSupported() : false,
  );

  ipcMain.handle(DESKTOP_NOTIFICATION_CHANNELS.show, (event, input: unknown): Outcome<null> => {
    if (!isTrustedSender(event)) return refusal('forbidden', 'Only the Incident Desk window may show notifications.');
    const parsed = desktopNotificationSchema.safeParse(input);
    if (!parsed.success) return refusal('invalid_input', `Not a desktop notification: ${parsed.error.message}`);
    if (!Notification.isSupported()) return { ok: true, value: null };
    const { id, title, body } = parsed.data;
    const owner: NotificationOwner = event.sender;
    const notification = new Notification({ title, body });
    showing.add(notification);
    notification.on('click', () => {
      showing.delete(notification);
      focusWindow();
      if (!owner.isDestroyed()) owner.send(DESKTOP_NOTIFICATION_CHANNELS.clicked, { id });
    });
    notification.on('close', () => showing.delete(notification));
    notification.show();
    return { ok: true, value: null };
  });
}
