import type { DesktopNotifier } from '#shared/desktop-notification.ts';

/**
 * Desktop notifications behind a small seam: the browser's Notification API in browser mode (asked for only
 * when the agent turns them on), and in the desktop app whatever its preload offers as `window.deskNotifier`
 * (Electron's Notification), else the same HTML5 API, which Electron's renderer also has.
 */
export type { DesktopNotifier };

declare global {
  interface Window {
    /** Set by the Electron preload where the desktop app shows notifications itself. */
    deskNotifier?: DesktopNotifier;
  }
}

const browserNotifier: DesktopNotifier = {
  allowed: () => typeof Notification !== 'undefined' && Notification.permission === 'granted',
  request: async () => {
    if (typeof Notification === 'undefined') return false;
    if (Notification.permission === 'granted') return true;
    return (await Notification.requestPermission()) === 'granted';
  },
  show: (title, body, onClick) => {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    const shown = new Notification(title, { body });
    shown.onclick = () => {
      window.focus();
      onClick();
    };
  },
};

export const desktopNotifier: DesktopNotifier = window.deskNotifier ?? browserNotifier;
