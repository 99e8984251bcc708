import { EVENT_NAMES } from '#shared/contract.ts';
import type { DeskBridge, EventName, Events, HandlerName, Outcome } from '#shared/contract.ts';

/**
 * The browser-mode bridge: the same contract as the Electron preload, over HTTP for calls and a WebSocket
 * for events. The host prints a URL with a per-start secret token; the page keeps it for this tab only and
 * removes it from the address bar.
 */
const TOKEN_KEY = 'incident-desk.token';

export function takeToken(location: Location, storage: Storage, history: History): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

type Listener = (payload: unknown) => void;

function failure(message: string, code: 'internal' | 'unreachable' = 'internal'): Outcome<never> {
  return { ok: false, error: { code, message } };
}

/**
 * `onReachable(false)` when the host stops answering (a call cannot connect, the event socket drops), `true`
 * when it answers again: the page says so and, once back, asks again for what it shows.
 */
export function createWebBridge(
  token: string,
  origin: string,
  onReachable: (reachable: boolean) => void = () => {},
): DeskBridge {
  const listeners = new Map<EventName, Set<Listener>>(EVENT_NAMES.map((name) => [name, new Set()]));
  let socket: WebSocket | null = null;
  let retryMs = 250;

  const connect = () => {
    const url = new URL('/api/events', origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      retryMs = 250;
      onReachable(true);
    });
    socket.addEventListener('message', (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as { event: EventName; payload: unknown };
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
    socket.addEventListener('close', () => {
      onReachable(false);
      // The host restarting must not leave the page deaf: reconnect with a capped back-off.
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    });
  };
  connect();

  return {
    async invoke(name: HandlerName, input: unknown): Promise<Outcome<unknown>> {
      let response: Response;
      try {
        // Names are `domain/verb`; the host reads the name from the path as it stands, so the slash stays a slash.
        const path = name.split('/').map(encodeURIComponent).join('/');
        response = await fetch(new URL(`/api/invoke/${path}`, origin), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input ?? null),
        });
      } catch {
        onReachable(false);
        return failure(
          'The desk is not running. Start it again with `desk web`; this page reconnects by itself.',
          'unreachable',
        );
      }
      // The bridge answers, never throws (DeskBridge): an answer that is not the host's JSON is a failure too.
      try {
        return (await response.json()) as Outcome<unknown>;
      } catch {
        return failure(`The desk’s answer could not be read (HTTP ${response.status}).`);
      }
    },
    subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      const set = listeners.get(event);
      set?.add(listener as Listener);
      return () => set?.delete(listener as Listener);
    },
  };
}
