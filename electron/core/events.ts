import type { EventName, Events } from '#shared/contract.ts';

type Listener<E extends EventName> = (payload: Events[E]) => void;

/** The core's events, fanned out to every host's subscribers (IPC, the browser host's sockets, tests). */
export class CoreEvents {
  readonly #listeners = new Map<EventName, Set<Listener<EventName>>>();

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        (listener as Listener<E>)(payload);
      } catch {
        // One broken subscriber (a closed window) must not keep the others from hearing.
      }
    }
  }

  subscribe<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let listeners = this.#listeners.get(event);
    if (!listeners) this.#listeners.set(event, (listeners = new Set()));
    listeners.add(listener as Listener<EventName>);
    return () => listeners.delete(listener as Listener<EventName>);
  }
}
