import { HANDLER_NAMES } from '#shared/contract.ts';
import type {
  DeskBridge,
  EventName,
  Events,
  HandlerInput,
  HandlerName,
  HandlerOutput,
  Outcome,
} from '#shared/contract.ts';
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

/** The browser-mode host's token: files come from it as downloads of their own (GET with this token). */
let webToken: string | null = null;

function chooseBridge(): DeskBridge | null {
  if (window.desk) return window.desk;
  const token = takeToken(window.location, window.sessionStorage, window.history);
  webToken = token;
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

/** Whether a file may be shown in a browser tab of its own: in the browser-mode host; the desktop app opens no windows. */
export const filesOpenInTabs = !window.desk;

/**
 * A file from the browser-mode host's download address (`/api/files/…`), which answers it with the headers of
 * a download (electron/host/file-download.ts); null in the desktop app, which has no such address.
 */
export async function fetchDeskFile(path: string): Promise<DeskOutcome<Blob> | null> {
  if (window.desk || !webToken) return null;
  let response: Response;
  try {
    response = await fetch(new URL(path, window.location.origin), { headers: { authorization: `Bearer ${webToken}` } });
  } catch {
    setReachable(false);
    return {
      ok: false,
      error: new DeskError('unreachable', 'The desk is not running. Start it again with `desk web`.'),
    };
  }
  if (response.ok) return { ok: true, value: await response.blob() };
  const refusal = (await response.json().catch(() => null)) as Outcome<never> | null;
  return {
    ok: false,
    error:
      refusal && !refusal.ok ? deskErrorFromData(refusal.error) : new DeskError('internal', `HTTP ${response.status}`),
  };
}
