import type { EventName, Events } from './contract.ts';

/**
 * The one channel a desktop host pushes contract events on to its page. Calls travel on channels named
 * after their contract entry; events share this one, tagged with their name, so the bridge in the page
 * listens in one place and never hands the transport's own event object to the page.
 */
export const DESK_EVENT_CHANNEL = 'desk:event';

export type DeskEventMessage = {
  readonly [E in EventName]: { readonly event: E; readonly payload: Events[E] };
}[EventName];
