import { describe, expect, it } from 'vitest';
import { HANDLER_NAMES } from '#shared/contract.ts';
import type { DataChanged, EventName, HandlerName } from '#shared/contract.ts';
import { DESK_EVENT_CHANNEL } from '#shared/desk-event-channel.ts';
import { createDeskBridge } from '../../electron/preload/desk-bridge.ts';
import { fakeIpcRenderer } from './ipc-fakes.ts';

const answered = { ok: true, value: { answered: true } } as const;
const change: DataChanged = { incidentIds: ['0190f3c4-8d2e-7a1b-9c3d-4e5f6a7b8c9d'], reference: false };

describe('the preload bridge', () => {
  it('exposes only invoke and subscribe, never ipcRenderer', () => {
    const ipc = fakeIpcRenderer(async () => answered);
    const bridge = createDeskBridge(ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.values(bridge)).not.toContain(ipc);
  });

  it('refuses names outside the contract without sending anything', async () => {
    const ipc = fakeIpcRenderer(async () => answered);
    const bridge = createDeskBridge(ipc);
    for (const name of ['incident/delete', DESK_EVENT_CHANNEL, '__proto__', 'toString', '', 42, null]) {
      const outcome = await bridge.invoke(name as HandlerName, {});
      expect(outcome).toEqual({ ok: false, error: { code: 'unknown_handler', message: expect.any(String) } });
    }
    expect(ipc.invoked).toEqual([]);
  });

  it('sends every contract entry on its own channel with its one input, and answers what main answered', async () => {
    const ipc = fakeIpcRenderer(async (channel) => ({ ok: true, value: channel }));
    const bridge = createDeskBridge(ipc);
    for (const name of HANDLER_NAMES) {
      const input = { probe: name };
      expect(await bridge.invoke(name, input)).toEqual({ ok: true, value: name });
      expect(ipc.invoked.at(-1)).toEqual([name, input]);
    }
    expect(ipc.invoked).toHaveLength(HANDLER_NAMES.length);
  });

  it('answers a failed send as data instead of rejecting', async () => {
    const unclonable = fakeIpcRenderer(() => Promise.reject(new Error('An object could not be cloned.')));
    expect(await createDeskBridge(unclonable).invoke('incident/create', { title: () => 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const gone = fakeIpcRenderer(() => Promise.reject(new Error("Error invoking remote method 'queue/page'")));
    expect(await createDeskBridge(gone).invoke('queue/page', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('passes a contract event to its listener with the payload only', () => {
    const ipc = fakeIpcRenderer(async () => answered);
    const received: unknown[][] = [];
    createDeskBridge(ipc).subscribe('data/changed', (...args: unknown[]) => received.push(args));

    ipc.deliver(DESK_EVENT_CHANNEL, { event: 'data/changed', payload: change });
    ipc.deliver(DESK_EVENT_CHANNEL, { event: 'sync/status', payload: { online: true } });
    ipc.deliver(DESK_EVENT_CHANNEL, null);
    ipc.deliver('some-other-channel', { event: 'data/changed', payload: change });

    // One argument, the payload: Electron's event object (whose `sender` is ipcRenderer) never reaches the page.
    expect(received).toEqual([[change]]);
  });

  it('stops delivering after unsubscribe, and unsubscribing twice is harmless', () => {
    const ipc = fakeIpcRenderer(async () => answered);
    const bridge = createDeskBridge(ipc);
    const kept: DataChanged[] = [];
    const dropped: DataChanged[] = [];
    bridge.subscribe('data/changed', (payload) => kept.push(payload));
    const unsubscribe = bridge.subscribe('data/changed', (payload) => dropped.push(payload));
    expect(ipc.listenerCount(DESK_EVENT_CHANNEL)).toBe(2);

    unsubscribe();
    unsubscribe();
    ipc.deliver(DESK_EVENT_CHANNEL, { event: 'data/changed', payload: change });

    expect(ipc.listenerCount(DESK_EVENT_CHANNEL)).toBe(1);
    expect(kept).toEqual([change]);
    expect(dropped).toEqual([]);
  });

  it('refuses to subscribe to an event outside the contract', () => {
    const ipc = fakeIpcRenderer(async () => answered);
    const bridge = createDeskBridge(ipc);
    expect(() => bridge.subscribe('sync/status' as EventName, () => {})).toThrow(/no desk event/);
    expect(ipc.listenerCount(DESK_EVENT_CHANNEL)).toBe(0);
  });
});
