import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  DESKTOP_NOTIFICATION_CHANNELS,
  desktopNotificationSchema,
  notificationClickSchema,
} from '#shared/desktop-notification.ts';
import type { DesktopNotifier } from '#shared/desktop-notification.ts';

/** The part of `ipcRenderer` the notifier uses; the page itself never sees it. */
export type NotifierIpc = Pick<IpcRenderer, 'invoke' | 'on'>;

/** Clicks are awaited for this many notifications at most; older ones the system has long put away. */
const REMEMBERED = 50;

/** A title or body cut to what the main process accepts, rather than a notification refused for its length. */
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * `window.deskNotifier` in the desktop app: Electron's Notification, shown by the main process. The page's
 * click handler stays here, in the page's process; only an id crosses IPC, and a click comes back as that id.
 */
export function createDeskNotifier(ipc: NotifierIpc): DesktopNotifier {
  const waiting = new Map<string, () => void>();
  let shown = 0;
  ipc.on(DESKTOP_NOTIFICATION_CHANNELS.clicked, (_event: IpcRendererEvent, message: unknown) => {
    const click = notificationClickSchema.safeParse(message);
    if (!click.success) return;
    const onClick = waiting.get(click.data.id);
    waiting.delete(click.data.id);
    onClick?.();
  });
  return {
    // Electron shows notifications without a permission prompt; main says whether the system has them at all.
    allowed: () => true,
    request: async () => {
      try {
        return (await ipc.invoke(DESKTOP_NOTIFICATION_CHANNELS.supported)) === true;
      } catch {
        return false;
      }
    },
    show(title, body, onClick) {
      if (typeof onClick !== 'function') throw new TypeError('A desktop notification needs a click handler.');
      const notification = desktopNotificationSchema.safeParse({
        id: `n${++shown}`,
        title: cut(String(title), 300),
        body: cut(String(body), 1_000),
      });
      if (!notification.success) return;
      const { id } = notification.data;
      waiting.set(id, onClick);
      if (waiting.size > REMEMBERED) waiting.delete(waiting.keys().next().value!);
      ipc.invoke(DESKTOP_NOTIFICATION_CHANNELS.show, notification.data).catch(() => waiting.delete(id));
    },
  };
}
