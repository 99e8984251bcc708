import type { EventName, Events } from '#shared/contract.ts';

/**
 * The one channel the main process uses to push contract events to the window. Calls travel on channels
 * named after their contract entry; events share this one, tagged with their name, so the preload listens
 * in one place and never hands Electron's event object (which reaches `ipcRenderer`) to the page.
 */
export const DESK_EVENT_CHANNEL = 'desk:event';

export type DeskEventMessage = {
  readonly [E in EventName]: { readonly event: E; readonly payload: Events[E] };
}[EventName];
