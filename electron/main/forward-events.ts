import { EVENT_NAMES } from '#shared/contract.ts';
import type { Core } from '#core/index.ts';
import { DESK_EVENT_CHANNEL } from '#shared/desk-event-channel.ts';
import type { DeskEventMessage } from '#shared/desk-event-channel.ts';

export type EventSender = (channel: typeof DESK_EVENT_CHANNEL, message: DeskEventMessage) => void;

/** Subscribes to every contract event of the core and passes each to the window. Returns the unsubscriber. */
export function forwardEvents(core: Pick<Core, 'subscribe'>, send: EventSender): () => void {
  const unsubscribers = EVENT_NAMES.map((event) =>
    core.subscribe(event, (payload) => send(DESK_EVENT_CHANNEL, { event, payload } as DeskEventMessage)),
  );
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
