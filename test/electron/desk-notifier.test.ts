import { describe, expect, it } from 'vitest';
import { DESKTOP_NOTIFICATION_CHANNELS } from '#shared/desktop-notification.ts';
import { createDeskNotifier } from '../../electron/preload/desk-notifier.ts';
import { fakeIpcRenderer } from './ipc-fakes.ts';

const { show, clicked, supported } = DESKTOP_NOTIFICATION_CHANNELS;
const shownIds = (invoked: unknown[][]) =>
  invoked.filter(([channel]) => channel === show).map(([, message]) => (message as { id: string }).id);

describe('the preload’s desktop notifier', () => {
  it('sends main a checked notification with an id, and runs its click handler when main says it was clicked', async () => {
    const ipc = fakeIpcRenderer(async () => ({ ok: true, value: null }));
    const notifier = createDeskNotifier(ipc);
    const clicks: string[] = [];
    notifier.show('Assigned to me: INC-7 Printer jams', 'Assigned to you', () => clicks.push('INC-7'));
    notifier.show('Escalated to me: INC-8 VPN down', 'Escalated by a rule', () => clicks.push('INC-8'));
    expect(ipc.invoked).toEqual([
      [show, { id: expect.any(String), title: 'Assigned to me: INC-7 Printer jams', body: 'Assigned to you' }],
      [show, { id: expect.any(String), title: 'Escalated to me: INC-8 VPN down', body: 'Escalated by a rule' }],
    ]);
    const [first, second] = shownIds(ipc.invoked);
    expect(first).not.toBe(second);

    ipc.deliver(clicked, { id: second });
    ipc.deliver(clicked, { id: second }); // a second click on the same notification opens nothing twice
    ipc.deliver(clicked, { id: 'n999' });
    ipc.deliver(clicked, { id: first, extra: 'x' });
    ipc.deliver(clicked, 'n1');
    ipc.deliver(clicked, null);
    expect(clicks).toEqual(['INC-8']);
    ipc.deliver(clicked, { id: first });
    expect(clicks).toEqual(['INC-8', 'INC-7']);
  });

  it('cuts an over-long title and body to what main accepts rather than losing the notification', () => {
    const ipc = fakeIpcRenderer(async () => ({ ok: true, value: null }));
    createDeskNotifier(ipc).show('T'.repeat(5_000), 'B'.repeat(5_000), () => {});
    const [, message] = ipc.invoked[0] as [string, { title: string; body: string }];
    expect(message.title).toHaveLength(300);
    expect(message.body).toHaveLength(1_000);
  });

  it('asks main whether the system shows notifications, and answers no when main cannot say', async () => {
    const yes = fakeIpcRenderer(async (channel) => channel === supported);
    expect(await createDeskNotifier(yes).request()).toBe(true);
    const gone = fakeIpcRenderer(() => Promise.reject(new Error('Error invoking remote method: No handler')));
    expect(await createDeskNotifier(gone).request()).toBe(false);
  });

  it('refuses a click handler that is not a function', () => {
    const ipc = fakeIpcRenderer(async () => ({ ok: true, value: null }));
    expect(() => createDeskNotifier(ipc).show('t', 'b', 'alert(1)' as unknown as () => void)).toThrow(TypeError);
    expect(ipc.invoked).toEqual([]);
  });
});
