import { INBOX_STATES, INTAKE_CHANNELS } from '#shared/domain/intake.ts';
import type { InboxItem, InboxListInput, InboxPage, InboxState, IntakeChannel } from '#shared/domain/intake.ts';

/** Which items the inbox lists: those waiting (the usual), those already triaged, noise, or everything. */
export const INBOX_SHOWS = ['untriaged', 'triaged', 'noise', 'all'] as const;
export type InboxShow = (typeof INBOX_SHOWS)[number];
export const INBOX_SHOW_LABELS: Record<InboxShow, string> = {
  untriaged: 'To triage',
  triaged: 'Triaged',
  noise: 'Noise',
  all: 'All',
};

const STATES_SHOWN: Record<InboxShow, readonly InboxState[]> = {
  untriaged: ['untriaged'],
  triaged: ['incident', 'threaded'],
  noise: ['noise'],
  all: INBOX_STATES,
};

export const INBOX_PAGE_SIZE = 100;

export interface InboxViewState {
  readonly show: InboxShow;
  /** Empty: every channel. */
  readonly channels: readonly IntakeChannel[];
  readonly text: string;
  readonly offset: number;
  /** The highlighted item (j and k move it, Enter opens it): its id, so it stays put as items come and go. */
  readonly cursor: { readonly id: string | null; readonly index: number };
  /** Items ticked for a bulk action (x, Space or their box). */
  readonly selected: readonly string[];
}

export type InboxAction =
  | { readonly type: 'show'; readonly show: InboxShow }
  | { readonly type: 'toggle-channel'; readonly channel: IntakeChannel }
  | { readonly type: 'all-channels' }
  | { readonly type: 'search'; readonly text: string }
  | { readonly type: 'page'; readonly offset: number }
  | { readonly type: 'cursor'; readonly index: number; readonly id: string | null }
  | { readonly type: 'toggle'; readonly id: string }
  | { readonly type: 'select'; readonly ids: readonly string[] }
  | { readonly type: 'clear-selection' };

export const INITIAL_INBOX_STATE: InboxViewState = {
  show: 'untriaged',
  channels: [],
  text: '',
  offset: 0,
  cursor: { id: null, index: -1 },
  selected: [],
};

/** A new list starts at its top with nothing ticked: ticks the agent cannot see must not be acted on. */
function newList(state: InboxViewState, changes: Partial<InboxViewState>): InboxViewState {
  return { ...state, ...changes, offset: 0, cursor: { id: null, index: -1 }, selected: [] };
}

export function inboxReducer(state: InboxViewState, action: InboxAction): InboxViewState {
  switch (action.type) {
    case 'show':
      return state.show === action.show ? state : newList(state, { show: action.show });
    case 'toggle-channel': {
      const on = state.channels.includes(action.channel);
      return newList(state, {
        channels: on ? state.channels.filter((c) => c !== action.channel) : [...state.channels, action.channel],
      });
    }
    case 'all-channels':
      return state.channels.length ? newList(state, { channels: [] }) : state;
    case 'search':
      return state.text === action.text ? state : newList(state, { text: action.text });
    case 'page':
      return { ...state, offset: Math.max(0, action.offset), cursor: { id: null, index: -1 }, selected: [] };
    case 'cursor':
      if (state.cursor.id === action.id && state.cursor.index === action.index) return state;
      return { ...state, cursor: { id: action.id, index: action.index } };
    case 'toggle':
      return {
        ...state,
        selected: state.selected.includes(action.id)
          ? state.selected.filter((id) => id !== action.id)
          : [...state.selected, action.id],
      };
    case 'select':
      return { ...state, selected: [...action.ids] };
    case 'clear-selection':
      return state.selected.length ? { ...state, selected: [] } : state;
  }
}

export function inboxQuery(state: InboxViewState): InboxListInput {
  const text = state.text.trim();
  return {
    states: [...STATES_SHOWN[state.show]],
    ...(state.channels.length ? { channels: [...state.channels] } : {}),
    ...(text ? { text } : {}),
    offset: state.offset,
    limit: INBOX_PAGE_SIZE,
  };
}

/**
 * Where the highlight is among the items on screen: on its item wherever it moved, else at its old place
 * (the item was triaged, so the next one slid up into it), within the list; -1 when the list is empty.
 */
export function cursorIndex(items: readonly InboxItem[], cursor: InboxViewState['cursor']): number {
  if (!items.length) return -1;
  const found = cursor.id ? items.findIndex((item) => item.id === cursor.id) : -1;
  if (found >= 0) return found;
  return Math.min(Math.max(cursor.index, 0), items.length - 1);
}

/**
 * What a triage action applies to: the ticked items still waiting for triage, or else the highlighted one
 * when it is waiting. Triaged items cannot be triaged again.
 */
export function triageTargets(items: readonly InboxItem[], state: InboxViewState): InboxItem[] {
  const waiting = items.filter((item) => item.state === 'untriaged');
  if (state.selected.length) return waiting.filter((item) => state.selected.includes(item.id));
  const current = items[cursorIndex(items, state.cursor)];
  return current?.state === 'untriaged' ? [current] : [];
}

/** Everything waiting for triage, whatever the filters: the navigation's count. */
export function untriagedTotal(page: InboxPage | null): number | null {
  return page ? INTAKE_CHANNELS.reduce((sum, channel) => sum + page.untriaged[channel], 0) : null;
}
