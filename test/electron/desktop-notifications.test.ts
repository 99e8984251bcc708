import { EventEmitter } from 'node:events';
import type { IpcMainInvokeEvent, NotificationConstructorOptions, WebContents } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import { DESKTOP_NOTIFICATION_CHANNELS } from '#shared/desktop-notification.ts';
import { registerDesktopNotifications } from '../../electron/main/desktop-notifications.ts';
import type { NotificationClass } from '../../electron/main/desktop-notifications.ts';
import { senderIsAppPage } from '../../electron/main/trusted-sender.ts';
import { invokeEventFrom, recordingIpcMain } from './ipc-fakes.ts';
import type { RecordingIpcMain } from './ipc-fakes.ts';

const APP_URL = 'file:///opt/incident-desk/resources/app/out/renderer/index.html';
const { show, supported, clicked } = DESKTOP_NOTIFICATION_CHANNELS;

/** Electron's Notification as the main process sees it: built with options, shown, clicked by the agent. */
class RecordedNotification extends EventEmitter {
  static supported = true;
  static made: RecordedNotification[] = [];
  static isSupported() {
    return RecordedNotification.supported;
  }
  shown = false;
  constructor(readonly options: NotificationConstructorOptions) {
    super();
    RecordedNotification.made.push(this);
  }
  show() {
    this.shown = true;
  }
}

/** The app's window as far as a click reaches it. */
function appWindow(url = `${APP_URL}#/queue`) {
  const sent: unknown[][] = [];
  const sender = { send: (...args: unknown[]) => sent.push(args), isDestroyed: () => false };
  const event = { ...invokeEventFrom({ url }), sender: sender as unknown as WebContents } as IpcMainInvokeEvent;
  return { event, sent };
}

describe('desktop notifications in the main process', () => {
  let ipcMain: RecordingIpcMain;
  let focused: number;

  beforeEach(() => {
    RecordedNotification.made = [];
    RecordedNotification.supported = true;
    focused = 0;
    ipcMain = recordingIpcMain();
    registerDesktopNotifications(ipcMain, {
      Notification: RecordedNotification as unknown as NotificationClass,
      isTrustedSender: senderIsAppPage(APP_URL),
      focusWindow: () => focused++,
    });
  });

  it('shows Electron’s Notification; a click focuses the window and tells the page which one', async () => {
    const page = appWindow();
    const message = { id: 'n1', title: 'Escalated to me: INC-8 VPN down', body: 'Escalated by a rule' };
    expect(await ipcMain.call(show, page.event, message)).toEqual({ ok: true, value: null });
    const [notification] = RecordedNotification.made;
    expect(notification!.options).toEqual({ title: message.title, body: message.body });
    expect(notification!.shown).toBe(true);
    expect(focused).toBe(0);

    notification!.emit('click');
    expect(focused).toBe(1);
    expect(page.sent).toEqual([[clicked, { id: 'n1' }]]);
  });

  it('refuses what is not one checked notification, and shows nothing', async () => {
    const page = appWindow();
    for (const bad of [
      null,
      'n1',
      { id: 'n1', title: 'Hi' },
      { id: 'n1', title: 'Hi', body: '', silent: false },
      { id: '../n1', title: 'Hi', body: '' },
      { id: 'n1', title: '', body: '' },
      { id: 'n1', title: 'x'.repeat(301), body: '' },
      { id: 'n1', title: 'Hi', body: 42 },
    ]) {
      expect(await ipcMain.call(show, page.event, bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(RecordedNotification.made).toEqual([]);
  });

  it('answers only the app’s own page', async () => {
    for (const url of ['https://attacker.example/', 'file:///home/agent/Downloads/invoice.html']) {
      const stranger = appWindow(url);
      const message = { id: 'n1', title: 'Hi', body: '' };
      expect(await ipcMain.call(show, stranger.event, message)).toMatchObject({ error: { code: 'forbidden' } });
      expect(await ipcMain.call(supported, stranger.event)).toBe(false);
    }
    expect(RecordedNotification.made).toEqual([]);
  });

  it('says whether the system shows notifications, and shows none where it does not', async () => {
    const page = appWindow();
    expect(await ipcMain.call(supported, page.event)).toBe(true);
    RecordedNotification.supported = false;
    expect(await ipcMain.call(supported, page.event)).toBe(false);
    expect(await ipcMain.call(show, page.event, { id: 'n1', title: 'Hi', body: '' })).toEqual({
      ok: true,
      value: null,
    });
    expect(RecordedNotification.made).toEqual([]);
  });

  it('registers its two channels and nothing else', () => {
    expect(ipcMain.registered.sort()).toEqual([show, supported].sort());
  });
});
