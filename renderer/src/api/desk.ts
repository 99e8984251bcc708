import { HANDLER_NAMES } from '#shared/contract.ts';
import type { DeskBridge, EventName, Events, HandlerInput, HandlerName, HandlerOutput } from '#shared/contract.ts';
import { DeskError, deskErrorFromData } from '#shared/errors.ts';
import { createWebBridge, takeToken } from './web-bridge.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser-mode host, where the web bridge is used. */
    desk?: DeskBridge;
  }
}

/**
 * Whether the desk answers. The Electron shell's core lives in the same app, so it always does; the
 * browser-mode host is a separate process that can stop while the page stays open.
 */
let reachable = true;
const reachabilityListeners = new Set<(reachable: boolean) => void>();
function setReachable(now: boolean): void {
  if (now === reachable) return;
  reachable = now;
  for (const listener of reachabilityListeners) listener(now);
}

export const deskReachability = {
  current: (): boolean => reachable,
  subscribe(listener: (reachable: boolean) => void): () => void {
    reachabilityListeners.add(listener);
    return () => reachabilityListeners.delete(listener);
  },
};

function chooseBridge(): DeskBridge | null {
  if (window.desk) return window.desk;
  const token = takeToken(window.location, window.sessionStorage, window.history);
  return token ? createWebBridge(token, window.location.origin, setReachable) : null;
}

const bridge = chooseBridge();

/** True when the page was opened without the host's token (a bookmark, a copied address). */
export const bridgeMissing = bridge === null;

/** What the desk answered: the value, or its refusal with a code and a message for the agent. */
export type DeskOutcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DeskError };

export type DeskCalls = {
  readonly [N in HandlerName]: (input: HandlerInput<N>) => Promise<DeskOutcome<HandlerOutput<N>>>;
};

/**
 * The renderer's only way to the desk (STYLE habit 11): every contract entry as an async function that
 * answers with its outcome. A refusal is a value (STYLE habit 10), as it crossed the bridge: nothing here
 * throws, so no caller catches.
 */
export const desk = Object.fromEntries(
  HANDLER_NAMES.map((name) => [
    name,
    async (input: unknown): Promise<DeskOutcome<unknown>> => {
      if (!bridge)
        return { ok: false, error: new DeskError('forbidden', 'Open the address that `npm run web` printed.') };
      const outcome = await bridge.invoke(name, input);
      return outcome.ok ? outcome : { ok: false, error: deskErrorFromData(outcome.error) };
    },
  ]),
) as DeskCalls;

export function onDeskEvent<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
  return bridge ? bridge.subscribe(event, listener) : () => {};
}
