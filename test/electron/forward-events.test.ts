import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outcome, Session } from '#shared/contract.ts';
import type { DataChanged } from '#shared/contract.ts';
import type { IncidentDetail } from '#shared/domain/incident.ts';
import { DESK_EVENT_CHANNEL } from '#shared/desk-event-channel.ts';
import type { DeskEventMessage } from '#shared/desk-event-channel.ts';
import { forwardEvents } from '../../electron/main/forward-events.ts';
import { registerContract } from '../../electron/main/register-contract.ts';
import { senderIsAppPage } from '../../electron/main/trusted-sender.ts';
import { createDeskBridge } from '../../electron/preload/desk-bridge.ts';
import { openTempCore } from '../helpers/temp-workspace.ts';
import type { TempCore } from '../helpers/temp-workspace.ts';
import { fakeIpcRenderer, invokeEventFrom, recordingIpcMain } from './ipc-fakes.ts';

const APP_URL = 'file:///opt/incident-desk/out/renderer/index.html';

describe('forwardEvents', () => {
  let temp: TempCore;
  beforeEach(async () => {
    temp = await openTempCore();
  });
  afterEach(() => temp.dispose());

  it("sends the core's data/changed events to the window on the desk event channel", async () => {
    const sent: [string, DeskEventMessage][] = [];
    const stop = forwardEvents(temp.core, (channel, message) => sent.push([channel, message]));

    await temp.core.invoke('session/register', { name: 'Alex Morgan', email: 'alex@example.com' });
    expect(sent.at(-1)).toEqual([
      DESK_EVENT_CHANNEL,
      { event: 'data/changed', payload: expect.objectContaining({ reference: true }) },
    ]);

    const created = (await temp.core.invoke('incident/create', {
      title: 'Printer on floor 3 offline',
      channel: 'walk_in',
      impact: 3,
      urgency: 3,
    })) as Outcome<IncidentDetail>;
    if (!created.ok) throw new Error(created.error.message);
    const last = sent.filter(([, message]) => message.event === 'data/changed').at(-1)?.[1];
    expect(last?.event === 'data/changed' ? last.payload.incidentIds : []).toContain(created.value.incident.id);

    stop();
    const count = sent.length;
    const noted = await temp.core.invoke('incident/addNote', {
      id: created.value.incident.id,
      body: 'Toner replaced.',
    });
    expect(noted.ok).toBe(true);
    expect(sent).toHaveLength(count);
  });

  it('carries calls and events between a preload bridge and the real core', async () => {
    // Main's wiring on one side, the preload's on the other, joined the way Electron joins them.
    const ipcMain = recordingIpcMain();
    registerContract(ipcMain, temp.core, senderIsAppPage(APP_URL));
    const page = invokeEventFrom({ url: APP_URL });
    const ipcRenderer = fakeIpcRenderer((channel, input) => ipcMain.call(channel, page, input));
    const desk = createDeskBridge(ipcRenderer);
    forwardEvents(temp.core, (channel, message) => ipcRenderer.deliver(channel, message));

    const changes: DataChanged[] = [];
    desk.subscribe('data/changed', (payload) => changes.push(payload));
    const outcome = (await desk.invoke('session/register', {
      name: 'Sam Lee',
      email: 'sam@example.com',
    })) as Outcome<Session>;

    expect(outcome).toMatchObject({ ok: true, value: { agent: { name: 'Sam Lee' } } });
    expect(changes).toEqual([expect.objectContaining({ reference: true })]);
  });
});
