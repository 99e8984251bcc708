import { HANDLER_NAMES } from '#shared/contract.ts';
import type { DeskApi, DeskBridge, EventName, Events, HandlerName } from '#shared/contract.ts';
import { deskErrorFromData } from '#shared/errors.ts';
import { createWebBridge, takeToken } from './web-bridge.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser-mode host, where the web bridge is used. */
    desk?: DeskBridge;
  }
}

function chooseBridge(): DeskBridge | null {
  if (window.desk) return window.desk;
  const token = takeToken(window.location, window.sessionStorage, window.history);
  return token ? createWebBridge(token, window.location.origin) : null;
}

const bridge = chooseBridge();

/** True when the page was opened without the host's token (a bookmark, a copied address). */
export const bridgeMissing = bridge === null;

/**
 * The renderer's only way to the desk (STYLE habit 11): every contract entry as an async function that
 * resolves with the answer or rejects with a DeskError carrying a code and a message for the agent.
 */
export const desk = Object.fromEntries(
  HANDLER_NAMES.map((name) => [
    name,
    async (input: unknown) => {
      if (!bridge)
        throw deskErrorFromData({ code: 'forbidden', message: 'Open the address that `npm run web` printed.' });
      const outcome = await bridge.invoke(name as HandlerName, input);
      if (!outcome.ok) throw deskErrorFromData(outcome.error);
      return outcome.value;
    },
  ]),
) as DeskApi;

export function onDeskEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge ? bridge.subscribe(event, listener) : () => {};
}
