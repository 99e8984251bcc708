import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { EVENT_NAMES, isHandlerName } from '#shared/contract.ts';
import type { DeskBridge, EventName, Events, Outcome } from '#shared/contract.ts';
import { DESK_EVENT_CHANNEL } from '#shared/desk-event-channel.ts';
import type { DeskEventMessage } from '#shared/desk-event-channel.ts';

/** The part of `ipcRenderer` the bridge uses; the page itself never sees it. */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

function isEventName(name: unknown): name is EventName {
  return (EVENT_NAMES as readonly unknown[]).includes(name);
}

function failure(code: 'unknown_handler' | 'invalid_input' | 'internal', message: string): Outcome<never> {
  return { ok: false, error: { code, message } };
}

/**
 * `window.desk` (STYLE habit 2): named, checked entry points over IPC. Only contract entries are sent and
 * only contract events are listened to; the page gets answers and payloads, never Electron's objects.
 */
export function createDeskBridge(ipc: BridgeIpc): DeskBridge {
  return {
    async invoke(name, input) {
      if (!isHandlerName(name)) {
        return failure('unknown_handler', `There is no handler named ${JSON.stringify(String(name)).slice(0, 80)}.`);
      }
      try {
        return (await ipc.invoke(name, input)) as Outcome<unknown>;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // Structured clone refuses functions, DOM nodes and the like before anything is sent.
        if (/could not be cloned/i.test(message)) {
          return failure('invalid_input', `The input for ${name} cannot be sent to the desk: ${message}`);
        }
        return failure('internal', 'The desk did not answer. Restart Incident Desk if this keeps happening.');
      }
    },

    subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      if (!isEventName(event)) throw new Error(`There is no desk event named ${JSON.stringify(String(event))}.`);
      if (typeof listener !== 'function') throw new TypeError('A desk event listener must be a function.');
      // Electron's event object carries `sender` (ipcRenderer itself): only the payload goes to the page.
      const relay = (_event: IpcRendererEvent, message: DeskEventMessage) => {
        if (message?.event === event) listener(message.payload as Events[E]);
      };
      ipc.on(DESK_EVENT_CHANNEL, relay);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(DESK_EVENT_CHANNEL, relay);
      };
    },
  };
}
